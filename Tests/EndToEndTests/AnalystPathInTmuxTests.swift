import Foundation
import Testing
import TmuxTesting

/// The path for an analyst who has a suspicious top row: its connections, its daily rhythm and a
/// KQL pivot on the clipboard in under ten keys (`o` `Esc` `h` `p` `Enter` `Enter` `y`: seven), on the demo
/// day and on the RITA capture, at the two sizes the issue names.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct AnalystPathInTmuxTests {
    static let ritaCapture = "demo-data/rita-missing-host/missing_host.endpoints_only.zeekconn.csv.gz"

    @Test(arguments: [(80, 24), (200, 60)])
    func demoDayTopRowToPivotOnTheClipboard(width: Int, height: Int) throws {
        try walkThePath(arguments: [], ready: "Beacons", width: width, height: height)
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func ritaCaptureTopRowToPivotOnTheClipboard(width: Int, height: Int) throws {
        try walkThePath(arguments: [Self.ritaCapture, "--start", "3d", "--mode", "hunt"], ready: "Beacons",
                        width: width, height: height)
    }

    private func walkThePath(arguments: [String], ready: String, width: Int, height: Int) throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary] + arguments + ["--triage", scratch.path("t.triage.toml")],
                                   width: width, height: height)
        try pane.waitFor(ready, timeout: .seconds(60))
        var keys = 0
        func press(_ key: String) throws { try pane.sendKeys(key); keys += 1 }

        try press("o")
        try pane.waitFor(" connections, ", timeout: .seconds(60))
        try press("Escape")
        try pane.waitFor(ready)
        try press("h")
        try pane.waitFor("by day and hour")
        try press("p")
        try pane.waitFor("Write the pivot for")
        try press("Enter")
        try pane.waitFor("pivot-")
        try press("Enter")
        try pane.waitFor("wrote the defender pivot", timeout: .seconds(30))
        try press("y")
        try pane.waitFor("copied the pivot on")
        #expect(keys < 10)
        let pivots = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
            .filter { $0.hasPrefix("pivot-") && $0.hasSuffix(".kql") }
        #expect(pivots.count == 1)
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
