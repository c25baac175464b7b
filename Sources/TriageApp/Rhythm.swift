import BeaconEngine
import TriageUI

/// A beacon's connections placed in UTC calendar time: the day-by-hour counts of its heat map and the
/// labelled ticks of its timeline. Pure, so the numbers are tested apart from the drawing.
enum Rhythm {
    /// Days the heat map holds at most: a month of rhythm; older days are left out (the latest kept).
    static let maxDays = 30

    struct DayHourCounts: Equatable {
        /// Days since 1970-01-01 (UTC) of the first row.
        var firstDay: Int64
        /// One row a day from `firstDay`, every day between the first and the last kept (empty ones
        /// too, so a gap in the capture shows), 24 counts each.
        var counts: [[Int]]
        /// Days from the first connection's to the last's, before `maxDays` cut them.
        var spannedDays: Int
    }

    /// Connections per UTC day and hour of `ticks` (100 ns since the Unix epoch), the last `maxDays` days.
    static func dayHourCounts(ticks: [Int64], maxDays: Int = maxDays) -> DayHourCounts? {
        guard let first = ticks.min(), let last = ticks.max(), maxDays > 0 else { return nil }
        let ticksPerHour = Instant.ticksPerSecond * 3600
        func day(_ tick: Int64) -> Int64 { floorDivide(tick, Instant.ticksPerDay) }
        let lastDay = day(last)
        let spanned = Int(lastDay - day(first)) + 1
        let firstDay = max(day(first), lastDay - Int64(maxDays) + 1)
        var counts = Array(repeating: Array(repeating: 0, count: 24), count: Int(lastDay - firstDay) + 1)
        for tick in ticks where day(tick) >= firstDay {
            let hour = Int((tick - day(tick) * Instant.ticksPerDay) / ticksPerHour)
            counts[Int(day(tick) - firstDay)][hour] += 1
        }
        return DayHourCounts(firstDay: firstDay, counts: counts, spannedDays: spanned)
    }

    /// `11-20` for a day since the epoch.
    static func dayLabel(_ day: Int64) -> String {
        let (_, month, dayOfMonth) = civilDate(daysSinceEpoch: day)
        return two(month) + "-" + two(dayOfMonth)
    }

    static func dateText(_ day: Int64) -> String {
        let (year, month, dayOfMonth) = civilDate(daysSinceEpoch: day)
        return "\(year)-\(two(month))-\(two(dayOfMonth))"
    }

    /// The heat map of a beacon's connections.
    static func heatMap(timestamps: [Int64], showsCounts: Bool, glyphs: GlyphSet) -> HeatMap? {
        guard let grid = dayHourCounts(ticks: timestamps) else { return nil }
        let lastDay = grid.firstDay + Int64(grid.counts.count) - 1
        let days = grid.counts.count == 1 ? "1 day" : "\(grid.counts.count) days"
        let range = lastDay == grid.firstDay ? dateText(lastDay) : "\(dateText(grid.firstDay)) to \(dateText(lastDay))"
        let cut = grid.spannedDays > grid.counts.count ? " (last \(grid.counts.count) of \(grid.spannedDays))" : ""
        return HeatMap(dayLabels: grid.counts.indices.map { dayLabel(grid.firstDay + Int64($0)) }, counts: grid.counts,
                       title: "by day and hour, UTC: \(range), \(days)\(cut)", showsCounts: showsCounts, glyphs: glyphs)
    }

    /// Tick spacings a reader takes in at a glance, in seconds.
    static let tickSpacings: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600,
                                        43200, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400]

    /// Ticks for a timeline of `width` columns over [start, end] (ticks since the epoch): the smallest
    /// spacing whose labels keep two blanks between them, aligned to UTC multiples of it. Labels are
    /// `HH:MM:SS` under a minute apart, `HH:MM` under a day, `MM-DD` beyond.
    static func timelineTicks(start: Int64, end: Int64, width: Int) -> [TimelineTick] {
        guard width > 0, end > start else { return [] }
        let span = Double(end - start) / Double(Instant.ticksPerSecond)
        guard let spacing = tickSpacings.first(where: { Double($0) * Double(width) / span >= Double(labelWidth($0) + 2) })
        else { return [] }
        let step = spacing * Instant.ticksPerSecond
        var instant = floorDivide(start, step) * step
        if instant < start { instant += step }
        var ticks: [TimelineTick] = []
        while instant <= end {
            ticks.append(TimelineTick(instant: instant, label: tickLabel(instant, spacing: spacing)))
            instant += step
        }
        return ticks
    }

    static func labelWidth(_ spacing: Int64) -> Int { spacing < 60 ? 8 : 5 }

    static func tickLabel(_ instant: Int64, spacing: Int64) -> String {
        let day = floorDivide(instant, Instant.ticksPerDay)
        if spacing >= 86400 { return dayLabel(day) }
        let second = (instant - day * Instant.ticksPerDay) / Instant.ticksPerSecond
        let clock = two(second / 3600) + ":" + two(second / 60 % 60)
        return spacing < 60 ? clock + ":" + two(second % 60) : clock
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
