/// A calendar date as TOML writes it (`1979-05-27`): proleptic Gregorian, validated (month 1–12, the
/// day within its month, 29 February only in leap years).
public struct TOMLDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Nil when the fields do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
              (1...TOMLDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }
}

/// A time of day (`07:32:00.999999`): hour 0–23, minute 0–59, second 0–59 and nanoseconds; digits of a
/// fraction beyond the nanosecond are truncated, as the spec asks. A leap second (`:60`) is refused: it
/// cannot be checked without a table of leap seconds, and the date types of most readers refuse it too.
public struct TOMLTime: Sendable, Hashable {
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int

    /// Nil when a field is out of range.
    public init?(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              (0..<1_000_000_000).contains(nanosecond) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }
}

extension TOMLDate: CustomStringConvertible {
    /// `YYYY-MM-DD`.
    public var description: String { "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))" }
}

extension TOMLTime: CustomStringConvertible {
    /// `HH:MM:SS`, with the fraction's significant digits when there is one.
    public var description: String {
        var text = "\(padded(hour, 2)):\(padded(minute, 2)):\(padded(second, 2))"
        if nanosecond > 0 {
            var fraction = padded(nanosecond, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }
}

/// `+05:30`, `-08:00`, or `Z` for zero.
func offsetText(_ minutes: Int) -> String {
    if minutes == 0 { return "Z" }
    let magnitude = abs(minutes)
    return (minutes < 0 ? "-" : "+") + padded(magnitude / 60, 2) + ":" + padded(magnitude % 60, 2)
}

func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
