import Foundation
import Testing
import TmuxTesting

/// A terminal dragged about (and a tiling window manager squeezing it to one cell) while keys arrive.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct ResizeStormInTmuxTests {
    @Test func resizesDownToOneCellNeverCrashAndTheConsoleKeepsAnswering() throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("five.csv")
        try HostileDataInTmuxTests.writeEvents(to: data)
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, data, "--triage", scratch.path("t.triage.toml")],
                                   width: 120, height: 40)
        try pane.waitFor("Beacons 5", timeout: .seconds(60))
        let sizes = [(1, 1), (200, 60), (2, 1), (60, 16), (1, 40), (120, 1), (59, 15), (80, 24), (3, 2), (140, 45)]
        for round in 0..<3 {
            for (width, height) in sizes {
                try pane.resize(width: width, height: height)
                try pane.sendKeys(round % 2 == 0 ? "j" : "k")
            }
        }
        try pane.resize(width: 100, height: 30)
        try pane.waitFor("Beacons 5")
        #expect(!pane.hasExited)
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
        #expect(try pane.paneFlags() == .restored)
    }
}
