@testable import BeaconEngine
import Testing

/// The window anchored on the data ends at the latest *credible* event: one row dated 9999 (or at the
/// end of 64-bit nanoseconds, 2262-04-11) no longer moves it. Times are minutes from 2024-01-01T00:00:00Z.
@Suite struct WindowAnchorTests {
    static let minute = 60 * second
    static let day = Instant.ticksPerDay

    /// One row a minute: minute 0 through `count - 1`.
    static func minutes(_ count: Int) -> [Int64] { (0..<Int64(count)).map { at(seconds: 0).ticks + $0 * minute } }

    /// 9999-12-31T00:00:00Z: 2,932,896 days after 1970-01-01 (`date -u -d 9999-12-31 +%s` is 253402214400).
    static let year9999 = 253_402_214_400 * second
    /// Int64.max nanoseconds after 1970 (2262-04-11T23:47:16.854775807Z), truncated to 100-ns ticks.
    static let nanosecondsEnd: Int64 = 92_233_720_368_547_758

    /// A clock reading long after the data (2026-12-05T00:00:00Z, `date -u -d 2026-12-05 +%s` is 1796428800).
    static let clock = Instant(ticks: 1_796_428_800 * second)

    @Test(arguments: [year9999, nanosecondsEnd])
    func oneFarFutureRowIsSetAsideByTheBulkRule(outlier: Int64) {
        // 2,001 rows: the minority is 2 rows, so the percentile is the 3rd latest, minute 1,998; the
        // threshold is a day after it. Only the outlier is later; the anchor is minute 1,999.
        let times = Self.minutes(2000) + [outlier]
        let anchor = WindowAnchor(timestamps: times, clock: Self.clock)
        #expect(anchor.latest == Instant(ticks: times[1999]))
        #expect(anchor.setAside == SetAsideRows(after: Instant(ticks: times[1998] + Self.day), count: 1, rule: .bulk))
    }

    @Test func theOutlierMayBeAnywhereInTheTable() {
        var times = Self.minutes(2000)
        times.insert(Self.year9999, at: 700)
        let anchor = WindowAnchor(timestamps: times, clock: Self.clock)
        #expect(anchor.latest == Instant(ticks: at(seconds: 0).ticks + 1999 * Self.minute))
        #expect(anchor.setAside?.count == 1)
    }

    @Test func dataWithoutOutliersAnchorsOnItsLatestRowAsBefore() {
        // A capture that ends in a trickle: 1,000 rows a minute apart, then 1,000 an hour apart (41 days).
        // 2,000 rows: the percentile is the 3rd latest, two hours before the latest, so no row is a day
        // past it.
        let dense = Self.minutes(1000)
        let sparse = (1...1000).map { dense[999] + Int64($0) * 60 * Self.minute }
        let anchor = WindowAnchor(timestamps: dense + sparse, clock: Self.clock)
        #expect(anchor == WindowAnchor(latest: Instant(ticks: sparse[999]), setAside: nil))
    }

    @Test func aTableOfUnderAThousandRowsIsNeverJudged() {
        // 999 rows: the minority is 0 rows, so even a row dated 9999 anchors the window (the CLI's exit
        // status 3 then says that the window missed the data).
        let times = Self.minutes(998) + [Self.year9999]
        let anchor = WindowAnchor(timestamps: times, clock: Self.clock)
        #expect(anchor == WindowAnchor(latest: Instant(ticks: Self.year9999), setAside: nil))
    }

    @Test func theClockRuleSetsAsideAFewRowsTheBulkRuleWouldKeep() {
        // 10,000 rows (minority 10): 9,895 of the past day, 100 from a sensor 12 h ahead of the clock, and
        // 5 at 31 h ahead. The percentile (11th latest) is clock + 12 h, so the bulk rule's threshold is
        // clock + 36 h and keeps the 5; the clock rule's is clock + 24 h and sets exactly those 5 aside.
        let clock = Self.clock.ticks
        let past = (0..<9895).map { clock - Self.day + Int64($0) * second }
        let ahead = [Int64](repeating: clock + 12 * 60 * Self.minute, count: 100)
        let skewed = (0..<5).map { clock + 31 * 60 * Self.minute + Int64($0) * second }
        let anchor = WindowAnchor(timestamps: past + ahead + skewed, clock: Self.clock)
        #expect(anchor.latest == Instant(ticks: clock + 12 * 60 * Self.minute))
        #expect(anchor.setAside == SetAsideRows(after: Instant(ticks: clock + Self.day), count: 5, rule: .clock))
    }

    @Test func dataWhollyInTheClocksFutureIsNeverDiscarded() {
        // A generated day in 2030 against a clock of 2026: every row is past clock + 1 day, far more than
        // the minority, so the clock rule does not apply; the bulk rule alone sets the 9999 row aside.
        let year2030 = 1_893_456_000 * second  // 2030-01-01T00:00:00Z (`date -u -d 2030-01-01 +%s`)
        let day2030 = (0..<Int64(3000)).map { year2030 + $0 * Self.minute }
        let plain = WindowAnchor(timestamps: day2030, clock: Self.clock)
        #expect(plain == WindowAnchor(latest: Instant(ticks: day2030[2999]), setAside: nil))

        let poisoned = WindowAnchor(timestamps: day2030 + [Self.year9999], clock: Self.clock)
        #expect(poisoned.latest == Instant(ticks: day2030[2999]))
        // 3,001 rows: minority 3, percentile the 4th latest (minute 2,997).
        #expect(poisoned.setAside == SetAsideRows(after: Instant(ticks: day2030[2997] + Self.day), count: 1, rule: .bulk))
    }

    @Test func theClockRuleDoesNotApplyToMoreThanTheMinority() {
        // 2,000 rows, 3 of them a week past the clock, one second apart. The minority is 2 rows: the clock
        // rule would set aside 3, so it does not apply; the percentile is the 3rd latest, the first of the
        // three, and the other two are within a day of it. Nothing is set aside.
        let clock = Self.clock.ticks
        let past = (0..<1997).map { clock - Self.day + Int64($0) * second }
        let week = (0..<3).map { clock + 7 * Self.day + Int64($0) * second }
        let anchor = WindowAnchor(timestamps: past + week, clock: Self.clock)
        #expect(anchor == WindowAnchor(latest: Instant(ticks: week[2]), setAside: nil))
    }

    @Test func aGivenNowIgnoresTheAnchor() {
        var parameters = QueryParameters()
        parameters.now = at(seconds: 3600)
        let table = EventTable(series(at: (0..<1500).map { at(seconds: $0 * 60) } + [Instant(ticks: Self.year9999)]))
        let window = BeaconQuery.run(table, parameters: parameters, currentTime: Self.clock).window
        #expect(window.setAside == nil && !window.anchoredOnData)
        let anchored = BeaconQuery.run(table, parameters: QueryParameters(), currentTime: Self.clock).window
        #expect(anchored.setAside?.count == 1)
        // now = the latest credible event (minute 1,499) plus the default 1 s end offset.
        #expect(anchored.now == at(seconds: 1499 * 60 + 1))
    }

    @Test func theKthLatestIsTheSortedColumnsEntry() {
        var generator = SystemRandomNumberGenerator()
        for count in [1, 2, 7, 1000, 4099] {
            // Negative ticks (before 1970), duplicates and values 16 bits apart exercise every digit.
            let times = (0..<count).map { _ in Int64.random(in: -1_000_000...1_000_000, using: &generator) << Int64.random(in: 0...40, using: &generator) }
            let descending = times.sorted(by: >)
            for k in Set([1, 2, count / 2 + 1, count]) where k <= count {
                let selected = times.withUnsafeBufferPointer { LatestTimestamps.kthLatest($0, k) }
                #expect(selected == descending[k - 1], "k \(k) of \(count)")
            }
        }
    }
}
