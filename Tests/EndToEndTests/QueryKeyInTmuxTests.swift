import Foundation
import Testing
import TmuxTesting

/// `K` in a real terminal: the console writes the hunting query beside the triage file, with the beacon
/// just marked false positive as an exclusion, and asks before replacing it.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct QueryKeyInTmuxTests {
    @Test func kWritesTheQueryWithTheMarkBesideTheTriageFile() throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", scratch.path("team.triage.toml")],
                                   width: 120, height: 40)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))
        // The first row, the 60 s Cobalt Strike beacon on ws-5379, marked false positive for this beacon.
        try pane.sendKeys("f")
        try pane.waitFor("false positive for")
        try pane.sendKeys("Enter")
        try pane.waitFor("Reason (optional)")
        try pane.type("red team")
        try pane.sendKeys("Enter")
        try pane.waitFor("Expires after")
        try pane.sendKeys("Enter")
        try pane.waitFor("1 false positive")

        try pane.sendKeys("K")
        try pane.waitFor("Write the hunting query for")
        try pane.sendKeys("Enter")
        try pane.waitFor("beacon-query.kql")
        try pane.sendKeys("Enter")
        try pane.waitFor("1 false positive excluded", timeout: .seconds(30))
        let query = try String(contentsOfFile: scratch.path("beacon-query.kql"), encoding: .utf8)
        #expect(query.contains(#"marked by "#) && query.contains(#"reason "red team""#))
        #expect(query.contains(#"| where not(DeviceId == "#) && query.contains(#"DeviceName == "ws-5379.corp.contoso.com""#))

        // Again: the file is there, so the console asks; n keeps it.
        try pane.sendKeys("K")
        try pane.waitFor("Write the hunting query for")
        try pane.sendKeys("Enter")
        try pane.waitFor("beacon-query.kql")
        try pane.sendKeys("Enter")
        try pane.waitFor("Replace")
        try pane.sendKeys("n")
        try pane.waitFor("query not written")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
