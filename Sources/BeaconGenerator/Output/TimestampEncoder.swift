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
        let (year, month, day) = civilDate(daysSinceEpoch: second / 86_400)
        let secondOfDay = second % 86_400
        let text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))."
        for (index, byte) in text.utf8.enumerated() { prefix[index] = byte }
    }

    private func pad(_ value: Int64, _ width: Int) -> String { zeroPad(Int(value), width) }
}
