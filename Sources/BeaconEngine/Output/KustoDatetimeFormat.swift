/// Timestamps printed as Kusto prints a `datetime`: ISO 8601, UTC, seven fractional digits
/// (`2024-04-19T00:04:09.7848040Z`), so that no tick is lost on the way out.
public func formatKustoDatetime(_ instant: Instant) -> String {
    let (days, tickOfDay) = floorDivision(instant.ticks, Instant.ticksPerDay)
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    let second = tickOfDay / Instant.ticksPerSecond
    let fraction = tickOfDay % Instant.ticksPerSecond
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2)).\(pad(fraction, 7))Z"
}

private func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(abs(value))
    return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
    let q = a / b, r = a % b
    return r < 0 ? (q - 1, r + b) : (q, r)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days-to-civil algorithm).
public func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
