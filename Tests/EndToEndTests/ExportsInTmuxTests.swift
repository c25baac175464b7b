import Foundation
import Testing
import TmuxTesting

/// Issue 14's exports and ±∞ scores in a real terminal, at the two sizes. On the demo day the
/// PowerShell beacon to 198.51.100.23:8443 has 20,333 connections, a `TimeDeltaList` of 40,665 characters:
/// its CSV cell is cut to Excel's 32,767 with a marker, its JSON keeps all 20,332 deltas. The msedge.exe
/// timer to 192.0.2.210:443 is a near miss whose fourteen ±1 s artefacts score ±∞ (quirk Q13): the detail
/// pane says why, and its Markdown report lists each outlier's time (the first at 00:17:24.1410501, read
/// from the console's outlier list) with the same explanation.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct ExportsInTmuxTests {
    /// `e`, the format `downs` below CSV, and its default path `beacons.<extension>`.
    func export(_ pane: TmuxHarness, downs: Int, path: String) throws {
        try pane.sendKeys("e")
        try pane.waitFor("Export as")
        for _ in 0..<downs { try pane.sendKeys("Down") }
        try pane.sendKeys("Enter")
        try pane.waitFor(path)
        try pane.sendKeys("Enter")
        try pane.waitFor("exported 1 beacon to \(path)")
    }

    func filter(_ pane: TmuxHarness, _ text: String) throws {
        try pane.sendKeys("/")
        try pane.waitFor("Filter")
        try pane.type(text)
        try pane.sendKeys("Enter")
        try pane.waitFor("filter: \(text)")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func longListsAreCutInCSVAndKeptInJSON(size: (Int, Int)) throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", scratch.path("t.triage.toml")],
                                   width: size.0, height: size.1, workingDirectory: scratch.url.path)
        try pane.waitFor("1/18", timeout: .seconds(90))
        try filter(pane, "198.51.100.23")
        try export(pane, downs: 0, path: "beacons.csv")
        try export(pane, downs: 1, path: "beacons.json")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)

        let csv = try String(contentsOfFile: scratch.path("beacons.csv"), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n")
        let column = try #require(lines[0].components(separatedBy: ",").firstIndex(of: "TimeDeltaList"))
        // The list is the first quoted cell of the row (the cells before it hold no comma or quote).
        let cell = try #require(lines[1].components(separatedBy: "\"").dropFirst().first)
        #expect(lines[1].components(separatedBy: "\"")[0].components(separatedBy: ",").count == column + 1)
        #expect(cell.utf16.count <= 32_767)
        #expect(cell.hasPrefix("[4,"))
        #expect(cell.hasSuffix(" more values; full list in the JSON export)]"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent("beacons.json")))
            as? [[String: Any]])
        #expect((json[0]["TimeDeltaList"] as? [Int])?.count == 20_332)
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func infiniteScoresAreExplainedOnScreenAndInTheReport(size: (Int, Int)) throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", scratch.path("t.triage.toml")],
                                   width: size.0, height: size.1, workingDirectory: scratch.url.path)
        try pane.waitFor("1/18", timeout: .seconds(90))
        try pane.sendKeys("x")
        try pane.waitFor("near misses")
        try filter(pane, "192.0.2.210")
        try pane.waitFor("rejected at outliers")
        // At 80x24 the outliers are below the charts: the zoomed detail shows them.
        if size.0 < 100 { try pane.sendKeys("z") }
        var screen = try pane.waitFor("±∞: P10 = P90: division by zero (Q13)")
        #expect(screen.contains("±∞: corrected mode needs a spread ≥ 2 s (M)"))
        #expect(screen.contains("✗ outliers: outliers 14 > 3 (score > 2 or < -3)"))
        if size.0 < 100 {
            try pane.sendKeys("z")
            screen = try pane.waitFor("Beacons")
        }
        try export(pane, downs: 2, path: "beacons.md")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)

        let report = try String(contentsOfFile: scratch.path("beacons.md"), encoding: .utf8)
        #expect(report.contains("| # | Connection (UTC) | Previous connection | Delta | Score |"))
        #expect(report.contains("| 1 | 2026-11-19T00:17:24.1410501Z | "))
        #expect(report.contains(" | 61 s (1m 01s) | +∞ |"))
        #expect(report.contains(" | 59 s | −∞ |"))
        #expect(report.contains("±∞: P10 = P90: division by zero \\(Q13\\); corrected mode needs a spread ≥ 2 s."))
        #expect(report.contains("```\nbin width 1s\n"))
    }
}
