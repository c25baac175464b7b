import Foundation
import Testing
import TmuxTesting

/// The detail pane's rhythm keys in a real terminal, on the demo day, at the smallest size the issue asks
/// for and a large one: `h` the heat map, `H` its counts, `L` the histogram's log axis; and a long gap's
/// overflow bar on the laptop that was offline for 5 h.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct RhythmInTmuxTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func heatMapCountsAndLogAxisOnTheDemoDay(width: Int, height: Int) throws {
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary], width: width, height: height)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))
        // The top row, the 60 s Cobalt Strike beacon: one delta value, drawn as one labelled spike.
        try pane.waitFor("× 1m 00s")
        try pane.sendKeys("h")
        // The demo day is the 24 hours before 2026-11-20T00:00Z: one row, 11-19.
        var screen = try pane.waitFor("by day and hour, UTC")
        #expect(screen.contains("00 01 02 03"))
        #expect(screen.contains("11-19"))
        #expect(screen.contains("per hour"))
        try pane.sendKeys("H")
        // Sixty connections an hour, written in every hour of the day's row.
        screen = try pane.waitFor("heat map: connections per hour")
        let row = try #require(screen.split(separator: "\n").first { $0.contains("│11-19 ") })
        #expect(row.components(separatedBy: "60").count - 1 == 24)
        try pane.sendKeys("L")
        screen = try pane.waitFor("log axis")
        #expect(!screen.contains("by day and hour"))
        #expect(screen.contains("timeline"))
        try pane.sendKeys("L")
        try pane.waitFor("linear axis")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func aFiveHourGapIsAnOverflowBarNotASquashedAxis(width: Int, height: Int) throws {
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary], width: width, height: height)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))
        // lt-3620's RuntimeBroker.exe was offline for 5 h (one 18,132 s gap among 4-5 min sleeps):
        // rejected at jitter, a near miss; the filter lists lt-3620's three rows, it is the second.
        try pane.sendKeys("x")
        try pane.sendKeys("/")
        try pane.type("lt-3620")
        try pane.waitFor("filter: lt-3620", timeout: .seconds(60))
        try pane.sendKeys("Enter")
        try pane.sendKeys("j")
        try pane.waitFor("RuntimeBroker.exe → 192.0.2.99", timeout: .seconds(20))
        // Its sleeps run from 4m 00s to 4m 59s (P95 299 s): the axis ends there, one-second bins, and the
        // nine deltas from 5m 00s up to the gap are the overflow bar, said in the legend.
        let screen = try pane.waitFor("9 deltas over P95, up to 5h 02m")
        #expect(screen.contains("≥5m 00s"))
        #expect(screen.contains("bin 1s, tallest"))
        if height >= 60 { #expect(screen.contains("UTC")) }
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
