import BeaconEngine

/// ISO 8601 datetimes as Defender exports them, to Kusto's 100-ns ticks, exactly.
///
/// Accepted: `YYYY-MM-DDThh:mm:ss[.f…](Z|±hh:mm|±hhmm|±hh)?`, with a space (or `t`) allowed instead of
/// `T` and `z` for `Z`; no zone means UTC, as in Kusto. Fractions beyond 7 digits are truncated to the
/// tick, Kusto's precision (the readers say so once per file, `FractionTruncation`). Surrounding spaces and tabs are ignored. Ranges are checked (month 1–12, day within the month
/// with leap years, hour ≤ 23, minute ≤ 59, second ≤ 59, year 0001–9999, offset ≤ 23:59).
/// No Double or millisecond arithmetic is involved at any point.
public enum TimestampParser {
    public static func parse(_ text: Substring) -> Instant? {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) {
            return result
        }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer { parse(bytes: $0) }
    }

    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        var ignored = false
        return parse(bytes: bytes, droppedDigits: &ignored)
    }

    /// As `parse(bytes:)`; `droppedDigits` is set when the fraction had a non-zero digit beyond the
    /// seventh, which truncation to the tick lost (zeros beyond it, as in wevtutil's `.934569300Z`, lose
    /// nothing and leave it alone).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, droppedDigits: inout Bool) -> Instant? {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        // The fixed part: YYYY-MM-DDThh:mm:ss is 19 bytes.
        guard end - start >= 19 else { return nil }
        var i = start

        func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                let digit = Int(bytes[i]) &- 0x30
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
                i += 1
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard bytes[i] == byte else { return false }
            i += 1
            return true
        }

        guard let year = digits(4), expect(0x2D /* - */),
              let month = digits(2), expect(0x2D),
              let day = digits(2) else { return nil }
        let separator = bytes[i]
        guard separator == 0x54 /* T */ || separator == 0x74 /* t */ || separator == 0x20 else { return nil }
        i += 1
        guard let hour = digits(2), expect(0x3A /* : */),
              let minute = digits(2), expect(0x3A),
              let second = digits(2) else { return nil }

        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysInMonth(month, year: year),
              hour <= 23, minute <= 59, second <= 59 else { return nil }

        // Fraction: one or more digits; the first 7 are ticks, the rest are truncated.
        var fractionTicks: Int64 = 0
        var lost = false
        if i < end && bytes[i] == 0x2E /* . */ {
            i += 1
            var count = 0
            while i < end, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                if count < 7 { fractionTicks = fractionTicks * 10 + Int64(bytes[i] - 0x30) } else if bytes[i] != 0x30 { lost = true }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in min(count, 7)..<7 { fractionTicks *= 10 }
        }

        // Zone: Z, ±hh:mm, ±hhmm, ±hh or nothing (UTC).
        var offsetSeconds: Int64 = 0
        if i < end {
            let zone = bytes[i]
            i += 1
            if zone == 0x5A /* Z */ || zone == 0x7A /* z */ {
                // nothing more may follow
            } else if zone == 0x2B /* + */ || zone == 0x2D /* - */ {
                let remaining = end - i
                guard remaining == 2 || remaining == 4 || remaining == 5 else { return nil }
                guard let offsetHours = digits(2) else { return nil }
                var offsetMinutes = 0
                if remaining == 5 { guard expect(0x3A) else { return nil } }
                if remaining >= 4 {
                    guard let minutes = digits(2) else { return nil }
                    offsetMinutes = minutes
                }
                guard offsetHours <= 23, offsetMinutes <= 59 else { return nil }
                offsetSeconds = Int64(offsetHours * 3600 + offsetMinutes * 60)
                if zone == 0x2D { offsetSeconds = -offsetSeconds }
            } else {
                return nil
            }
            guard i == end else { return nil }
        }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - offsetSeconds
        if lost { droppedDigits = true }
        return Instant(ticks: seconds * Instant.ticksPerSecond + fractionTicks)
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (negative before it), after
    /// Howard Hinnant's `days_from_civil`: years start on 1 March so the leap day ends the year.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400                                            // 0...399
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)              // March = 0
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1            // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // 0...146096
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Reads a column of timestamps, fast for the shape Defender and Sentinel export every one in,
/// `YYYY-MM-DDThh:mm:ss.fffffffZ`: the date of the previous value is remembered (a file's rows come in
/// time order, so it rarely changes) and the time is read without the general path's branches. Anything
/// else, and any value out of range, goes to `TimestampParser.parse(bytes:)`, so the results are its.
struct TimestampReader {
    /// The previous value's `YYYY-MM-` and `DD` bytes, and its day count; `dateDays` nil before the first.
    private var yearMonth: UInt64 = 0
    private var dayOfMonth: UInt16 = 0
    private var dateDays: Int64?

    /// `droppedDigits` as `TimestampParser.parse(bytes:droppedDigits:)` sets it; the fast shape has none.
    mutating func parse(_ b: UnsafeBufferPointer<UInt8>, droppedDigits: inout Bool) -> Instant? {
        guard b.count == 28, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E, b[27] == 0x5A,
              let days = days(b) else { return TimestampParser.parse(bytes: b, droppedDigits: &droppedDigits) }
        var valid = true
        @inline(__always) func number(_ from: Int, _ to: Int) -> Int {
            var value = 0
            for index in from..<to {
                let digit = b[index] &- 0x30
                valid = valid && digit <= 9
                value = value &* 10 &+ Int(digit)
            }
            return value
        }
        let hour = number(11, 13), minute = number(14, 16), second = number(17, 19)
        let fraction = number(20, 27)
        guard valid, hour <= 23, minute <= 59, second <= 59 else {
            return TimestampParser.parse(bytes: b, droppedDigits: &droppedDigits)
        }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Instant(ticks: seconds * Instant.ticksPerSecond + Int64(fraction))
    }

    /// Days since 1970-01-01 of the value's `YYYY-MM-DD`, or nil when it is not a valid date.
    @inline(__always)
    private mutating func days(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        let raw = UnsafeRawPointer(b.baseAddress!)
        let head = raw.loadUnaligned(as: UInt64.self)
        let day = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if let known = dateDays, head == yearMonth, day == dayOfMonth { return known }
        guard b[4] == 0x2D, b[7] == 0x2D else { return nil }
        var value = [0, 0, 0]
        for (field, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
            for index in range {
                let digit = b[index] &- 0x30
                guard digit <= 9 else { return nil }
                value[field] = value[field] * 10 + Int(digit)
            }
        }
        let (year, month, dayNumber) = (value[0], value[1], value[2])
        guard year >= 1, (1...12).contains(month), dayNumber >= 1,
              dayNumber <= TimestampParser.daysInMonth(month, year: year) else { return nil }
        let days = TimestampParser.daysFromCivil(year: year, month: month, day: dayNumber)
        yearMonth = head
        dayOfMonth = day
        dateDays = days
        return days
    }
}
