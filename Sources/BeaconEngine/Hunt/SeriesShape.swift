/// When a group's callbacks happen across the window, for the score's coverage and day factors.
struct SeriesShape: Sendable {
    var first: Int64
    var last: Int64
    /// Of the UTC days from the first callback's to the last's, the share with at least half the
    /// callbacks of the median active day; 1 for a group within one day.
    var regularDays: Double

    static let empty = SeriesShape(first: 0, last: 0, regularDays: 1)

    init(first: Int64, last: Int64, regularDays: Double) {
        self.first = first
        self.last = last
        self.regularDays = regularDays
    }

    /// The shape of ascending timestamps (100 ns ticks since 1970, so days are whole multiples).
    init(_ timestamps: UnsafeBufferPointer<Int64>) {
        first = timestamps.first ?? 0
        last = timestamps.last ?? 0
        let firstDay = Self.day(first), lastDay = Self.day(last)
        guard lastDay > firstDay else {
            regularDays = 1
            return
        }
        var perDay = [Int](repeating: 0, count: Int(lastDay - firstDay) + 1)
        for time in timestamps { perDay[Int(Self.day(time) - firstDay)] += 1 }
        let active = perDay.filter { $0 > 0 }.sorted()
        let median = active[active.count / 2]
        let regular = perDay.filter { $0 > 0 && 2 * $0 >= median }.count
        regularDays = Double(regular) / Double(perDay.count)
    }

    private static func day(_ ticks: Int64) -> Int64 {
        ticks >= 0 ? ticks / Instant.ticksPerDay : (ticks + 1) / Instant.ticksPerDay - 1
    }
}
