import Foundation
import Testing
import TmuxTesting

/// Hunt mode as the analyst meets it in a real terminal: the RITA capture over three days
/// (Fixtures/LICENSE-NOTES.md), its documented HTTP beacon at the top of a list sorted by score, the
/// detail pane explaining the score, and `M` cycling on to the faithful query.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct HuntConsoleInTmuxTests {
    @Test func theRITABeaconTopsTheScoredListAndExplainsItsScore() throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--mode", "hunt", "--start", "3d",
                                    "--triage", scratch.path("t.triage.toml"),
                                    fixture("rita_missing_host.endpoints_only.csv.gz")], width: 140, height: 45)
        let screen = try pane.waitFor("why this score", timeout: .seconds(60))
        #expect(screen.contains("sort: Score ▼"))
        // The first row is the selected one the detail explains: 73.54.23.243 → 64.225.56.201:80, every
        // 200–350 s (the capture's README); 950 connections.
        let rows = screen.split(separator: "\n").filter { $0.contains("┃●") }
        #expect(rows.first?.contains("73.54.23.243") == true && rows.first?.contains("64.225.56.201:80") == true)
        #expect(screen.contains("events 950 (949 deltas)"))
        #expect(screen.contains("min score <50>"))
        try pane.sendKeys("M")
        let faithful = try pane.waitFor("│ faithful")
        #expect(!faithful.contains("why this score"))
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
