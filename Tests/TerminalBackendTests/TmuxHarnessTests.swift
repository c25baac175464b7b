import Foundation
import Testing
import TmuxTesting

@Suite("tmux harness", .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct TmuxHarnessTests {
    @Test("types into a program and reads its answer and exit status")
    func typesAndReads() throws {
        let pane = try TmuxHarness(["/bin/sh", "-c", "printf ready; read x; echo got:$x; exit 3"], width: 60, height: 10)
        try pane.waitFor("ready")
        try pane.type("héllo wörld")
        try pane.sendKeys("Enter")
        try pane.waitFor("got:héllo wörld", history: true)
        #expect(try pane.waitForExit() == 3)
    }

    @Test("reads the terminal's modes, resizes, and signals the command")
    func flagsResizeAndSignal() throws {
        let script = """
            printf '\\033[?1049h\\033[?1000h'; echo alternate; read x
            printf '\\033[?1000l\\033[?1049l'; echo size:$(stty size); read y
            """
        let pane = try TmuxHarness(["/bin/sh", "-c", script], width: 70, height: 12, environment: ["EXTRA": "it's set"])
        try pane.waitFor("alternate")
        #expect(try pane.paneFlags() == TmuxHarness.PaneFlags(alternateScreen: true, mouseReporting: true, keypadCursor: false))
        try pane.resize(width: 50, height: 9)
        #expect(try pane.format("#{pane_width}x#{pane_height}") == "50x9")
        try pane.sendKeys("Enter")
        try pane.waitFor("size:9 50")
        #expect(try pane.paneFlags() == .restored)
        try pane.signal(SIGTERM)
        #expect(try pane.waitForExit() == 128 + SIGTERM)
    }

    @Test("fails with the screen when the text never shows")
    func timesOut() throws {
        let pane = try TmuxHarness(["/bin/sh", "-c", "echo something else; sleep 5"])
        try pane.waitFor("something else")
        #expect(throws: TmuxHarness.Failure.self) { try pane.waitFor("never shown", timeout: .milliseconds(200)) }
    }
}
