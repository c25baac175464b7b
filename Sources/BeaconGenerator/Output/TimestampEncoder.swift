import BeaconEngine

/// Writes ticks as Kusto prints a datetime, `2026-11-19T08:15:02.4471290Z`, keeping all seven fractional
/// digits. Rows arrive in time order, so the date-and-time part only changes once a second: it is cached
/// and each row costs a 20-byte copy plus seven digits.
final class TimestampEncoder {
    private var cachedSecond = Int64.min
    private let prefix = UnsafeMutablePointer<UInt8>.allocate(capacity: 20)

    deinit { prefix.deallocate() }

    /// The 28 bytes of `ticks` (non-negative), appended to `buffer`.
    @inline(__always)
    func append(_ ticks: Int64, to buffer: OutputBuffer) {
        let second = ticks / Instant.ticksPerSecond
        if second != cachedSecond { fillPrefix(second) }
        buffer.append(prefix, 20)
        buffer.appendDigits(ticks % Instant.ticksPerSecond, width: 7)
        buffer.append(UInt8(ascii: "Z"))
    }

    private func fillPrefix(_ second: Int64) {
        cachedSecond = second
        let (year, month, day) = civilFromDays(second / 86_400)
        let secondOfDay = second % 86_400
        let text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))."
        for (index, byte) in text.utf8.enumerated() { prefix[index] = byte }
    }

    private func pad(_ value: Int64, _ width: Int) -> String { zeroPad(Int(value), width) }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
