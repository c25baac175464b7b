import Foundation
import Testing
import TmuxTesting

/// `p` then `y` in a real terminal, at the issue's two sizes: from the top row (the 60 s Cobalt Strike
/// beacon on ws-5379), `p` writes the pivot beside the triage file and `y` says it copied it.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct PivotKeyInTmuxTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func pThenYWritesThePivotAndCopiesIt(width: Int, height: Int) throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", scratch.path("team.triage.toml")],
                                   width: width, height: height)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))
        try pane.sendKeys("p")
        try pane.waitFor("Write the pivot for")
        try pane.sendKeys("Enter")
        try pane.waitFor("pivot-")
        try pane.sendKeys("Enter")
        try pane.waitFor("wrote the defender pivot", timeout: .seconds(30))
        let written = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
            .filter { $0.hasPrefix("pivot-") && $0.hasSuffix(".kql") }
        #expect(written.count == 1)
        let name = try #require(written.first)
        let query = try String(contentsOfFile: scratch.path(name), encoding: .utf8)
        #expect(query.contains(#"let PivotDeviceName = "ws-5379.corp.contoso.com";"#))
        #expect(query.contains("let Connections = DeviceNetworkEvents") && query.contains("| sort by Timestamp asc"))

        try pane.sendKeys("y")
        try pane.waitFor("copied the pivot on")
        // Once: the next y copies the address the file is named after.
        try pane.sendKeys("y")
        let address = String(name.dropFirst("pivot-".count).prefix { $0 != "-" })
        try pane.waitFor("copied \(address) to the clipboard")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
