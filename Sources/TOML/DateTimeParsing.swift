/// RFC 3339 dates and times as TOML 1.0 writes them: `1979-05-27T07:32:00.999Z`, with `T`, `t` or a
/// space between date and time, `Z`/`z` or `±HH:MM` as the offset, seconds required.
extension Scanner {
    /// Four digits and a dash: a date, maybe with a time and an offset.
    var looksLikeDate: Bool {
        (0..<4).allSatisfy { peek($0).map(isDigit) ?? false } && peek(4) == ascii.minus
    }

    /// Two digits and a colon: a time.
    func looksLikeTime(at offset: Int = 0) -> Bool {
        (0..<2).allSatisfy { peek(offset + $0).map(isDigit) ?? false } && peek(offset + 2) == ascii.colon
    }

    mutating func parseDateTime() throws(TOMLError) -> TOMLValue {
        let start = position
        let year = try fixedDigits(4, "the year")
        try expect(ascii.minus, "a date is written YYYY-MM-DD")
        let month = try fixedDigits(2, "the month")
        try expect(ascii.minus, "a date is written YYYY-MM-DD")
        let day = try fixedDigits(2, "the day")
        guard let date = TOMLDate(year: year, month: month, day: day) else {
            throw error("\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2)) is not a real date", at: start)
        }
        guard let separator = current, separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == ascii.space
        else { return .localDate(date) }
        guard looksLikeTime(at: 1) else {
            // A space may just end the value (`d = 1979-05-27 # comment`); a `T` promises a time.
            if separator == ascii.space { return .localDate(date) }
            throw error("expected a time (HH:MM:SS) after `T`", at: position + 1)
        }
        position += 1
        let time = try parseTime()
        switch current {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            position += 1
            return .offsetDateTime(date, time, offsetMinutes: 0)
        case ascii.plus, ascii.minus:
            let offsetStart = position
            let sign = current == ascii.minus ? -1 : 1
            position += 1
            let hours = try fixedDigits(2, "the offset's hours")
            try expect(ascii.colon, "an offset is written +HH:MM")
            let minutes = try fixedDigits(2, "the offset's minutes")
            guard hours <= 23, minutes <= 59 else { throw error("the offset is out of range (at most ±23:59)", at: offsetStart) }
            return .offsetDateTime(date, time, offsetMinutes: sign * (hours * 60 + minutes))
        default:
            return .localDateTime(date, time)
        }
    }

    /// `HH:MM:SS` and an optional fraction.
    mutating func parseTime() throws(TOMLError) -> TOMLTime {
        let start = position
        let hour = try fixedDigits(2, "the hour")
        try expect(ascii.colon, "a time is written HH:MM:SS")
        let minute = try fixedDigits(2, "the minute")
        guard current == ascii.colon else { throw error("a time needs its seconds (HH:MM:SS)") }
        position += 1
        let second = try fixedDigits(2, "the second")
        var nanosecond = 0
        if current == ascii.dot {
            position += 1
            var digits = 0
            while let byte = current, isDigit(byte) {
                // Digits beyond the nanosecond are dropped, not rounded, as the spec asks.
                if digits < 9 { nanosecond = nanosecond * 10 + Int(byte - 0x30) }
                digits += 1
                position += 1
            }
            guard digits > 0 else { throw error("a fraction of a second needs digits after the `.`") }
            for _ in min(digits, 9)..<9 { nanosecond *= 10 }
        }
        guard let time = TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond) else {
            throw error("\(padded(hour, 2)):\(padded(minute, 2)):\(padded(second, 2)) is not a valid time of day", at: start)
        }
        return time
    }

    private mutating func fixedDigits(_ count: Int, _ what: String) throws(TOMLError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let byte = current, isDigit(byte) else { throw error("expected \(count) digits for \(what), found \(describeByte(at: position))") }
            value = value * 10 + Int(byte - 0x30)
            position += 1
        }
        return value
    }

    private mutating func expect(_ byte: UInt8, _ rule: String) throws(TOMLError) {
        guard current == byte else { throw error("\(rule), found \(describeByte(at: position))") }
        position += 1
    }
}
