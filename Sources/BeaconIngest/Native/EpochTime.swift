import BeaconEngine

/// Seconds since 1970 written as a decimal (`1713484795.943239`, `1.713484795943239e9`), as Zeek writes
/// `ts`, converted to 100 ns ticks from the digits, never through a Double (which keeps about 16
/// significant digits: not enough for microseconds on a 2024 epoch once scaled to ticks). Digits beyond
/// the tick are truncated, like the ISO 8601 parser does.
enum EpochTime {
    static func parse(_ text: String) -> Instant? {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        let text = TextLines.trimmed(bytes)
        var index = 0
        var negative = false
        if index < text.count && (text[index] == 0x2D || text[index] == 0x2B) {
            negative = text[index] == 0x2D
            index += 1
        }
        // The significant digits, and where the decimal point falls among them.
        var digits: [UInt8] = []
        var pointPosition: Int?
        while index < text.count {
            let byte = text[index]
            if byte >= 0x30 && byte <= 0x39 {
                digits.append(byte - 0x30)
            } else if byte == 0x2E && pointPosition == nil {
                pointPosition = digits.count
            } else {
                break
            }
            index += 1
        }
        guard !digits.isEmpty, digits.count <= 64 else { return nil }
        var exponent = 0
        if index < text.count && (text[index] == 0x65 || text[index] == 0x45) {
            index += 1
            var exponentNegative = false
            if index < text.count && (text[index] == 0x2D || text[index] == 0x2B) {
                exponentNegative = text[index] == 0x2D
                index += 1
            }
            var exponentDigits = 0
            while index < text.count, text[index] >= 0x30 && text[index] <= 0x39, exponentDigits < 4 {
                exponent = exponent * 10 + Int(text[index] - 0x30)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == text.count else { return nil }

        // Digits before the point are whole seconds; the next seven are ticks.
        let wholeCount = (pointPosition ?? digits.count) + exponent
        var ticks: Int64 = 0
        for position in 0..<max(wholeCount + 7, 0) {
            let digit = position < digits.count ? Int64(digits[position]) : 0
            let (scaled, overflow) = ticks.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            let (sum, carry) = scaled.addingReportingOverflow(digit)
            guard !carry else { return nil }
            ticks = sum
        }
        // A value below one tick (wholeCount + 7 <= 0) is zero ticks: the loop did not run.
        let signed = negative ? -ticks : ticks
        return validTicks.contains(signed) ? Instant(ticks: signed) : nil
    }

    /// Kusto's datetime range, 0001-01-01 to 9999-12-31T23:59:59.9999999 (the ISO 8601 parser's too), in
    /// ticks from 1970: epoch seconds beyond it are no time the query can hold, and near Int64's limits the
    /// rounding to microseconds would overflow.
    static let validTicks: ClosedRange<Int64> = -621_355_968_000_000_000...2_534_023_007_999_999_999
}
