import Foundation
import Testing
import TmuxTesting

/// The connections view in a real terminal, at the two sizes: from the demo day's top row, `o`
/// lists its connections with the columns re-read from the CSV; `n` says there is no outlier to jump to
/// (a 60 s beacon without jitter); from the Empire beacon with two missed check-ins, `n` jumps to the
/// first one. Expected values read from the demo file with Python's csv module (line numbers count the
/// header as line 1): the top beacon's first row is line 18, local 10.20.0.191:51962, and its 1,440
/// deltas are all 60 s; mshta.exe's 143 rows have deltas of 512–690 s but for 1,238 s (row on line
/// 244781, local port 53019) and 1,203 s (line 282707), its two outliers.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct ConnectionsInTmuxTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func fromTheTopRowToItsConnectionsAndAnOutlier(size: (Int, Int)) throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", scratch.path("t.triage.toml")],
                                   width: size.0, height: size.1)
        try pane.waitFor("1/18", timeout: .seconds(90))
        try pane.sendKeys("o")
        var screen = try pane.waitFor("1440 connections, 0 outliers", timeout: .seconds(60))
        screen = try pane.waitFor("10.20.0.191:51962", timeout: .seconds(60))
        #expect(screen.contains("defender-day.csv.gz:18"))
        #expect(screen.contains("1/1440"))
        try pane.sendKeys("n")
        try pane.waitFor("no outliers: no delta scores above 2 or below -3")
        try pane.sendKeys("G")
        try pane.waitFor("1440/1440")
        try pane.sendKeys("q")
        try pane.waitFor("Beacons 18")

        try pane.sendKeys("/")
        try pane.type("mshta")
        try pane.sendKeys("Enter")
        try pane.waitFor("filter: mshta")
        try pane.sendKeys("o")
        try pane.waitFor("143 connections, 2 outliers", timeout: .seconds(60))
        try pane.sendKeys("n")
        screen = try pane.waitFor("outlier 1 of 2: delta 20m 38s", timeout: .seconds(60))
        #expect(screen.contains("113/143"))
        #expect(screen.contains(":53019"))
        #expect(screen.contains("defender-day.csv.gz:244781"))
        try pane.sendKeys("n")
        try pane.waitFor("outlier 2 of 2: delta 20m 03s")
        try pane.sendKeys("Escape")
        try pane.waitFor("Beacons 18")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
