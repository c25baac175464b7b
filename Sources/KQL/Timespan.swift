/// Ticks (100 ns) in each KQL timespan unit (spec S9: timespans are 100-ns ticks).
enum TimespanUnit {
    static let tick: Int64 = 1
    static let microsecond: Int64 = 10
    static let millisecond: Int64 = 10_000
    static let second: Int64 = 10_000_000
    static let minute: Int64 = 60 * second
    static let hour: Int64 = 60 * minute
    static let day: Int64 = 24 * hour

    /// KQL's unit suffixes (timespan literal docs), case-sensitive as in KQL.
    static let suffixes: [String: Int64] = [
        "d": day, "day": day, "days": day,
        "h": hour, "hr": hour, "hrs": hour, "hour": hour, "hours": hour,
        "m": minute, "min": minute, "minute": minute, "minutes": minute,
        "s": second, "sec": second, "second": second, "seconds": second,
        "ms": millisecond, "milli": millisecond, "millis": millisecond,
        "millisecond": millisecond, "milliseconds": millisecond,
        "microsecond": microsecond, "microseconds": microsecond,
        "tick": tick, "ticks": tick,
    ]
}

/// Parses a KQL timespan literal into 100-ns ticks; nil for anything else.
///
/// Spec S9 (the query's `let starttime = 1d; let endtime = 1s;`) and the KQL timespan
/// literal forms:
/// * `<number><unit>` — `2d`, `1.5h`, `30m`, `0.001s`, `100ms`, `10microsecond`, `1tick`;
///   the number is decimal, optionally fractional, and is converted **exactly** (no
///   binary floating point); a result that is not a whole number of ticks is rounded
///   to the nearest tick, halves away from zero (decision, UNVERIFIED).
/// * `[-][d.]hh:mm[:ss[.fffffff]]` — `1.02:03:04.5`, `00:30`; hh < 24, mm/ss < 60,
///   1–7 fraction digits (the .NET `TimeSpan` format Kusto prints and parses).
/// * `time(…)` around either form; inside it a unit may follow a space
///   (`time(15 seconds)`) and a bare number means days (`time(2)` = 2 days).
/// Decision: a leading `-` is accepted on both forms (KQL writes `-1d` as unary minus);
/// surrounding spaces are trimmed. Overflow of Int64 ticks → nil.
public func parseTimespan(_ text: String) -> Int64? {
    var body = trimmedSpaces(text[...])
    var wrapped = false
    if body.hasPrefix("time("), body.hasSuffix(")") {
        body = trimmedSpaces(body.dropFirst(5).dropLast())
        wrapped = true
    }
    var negative = false
    if body.hasPrefix("-") {
        negative = true
        body = body.dropFirst()
    }
    guard let magnitude = parseClockTimespan(body) ?? parseUnitTimespan(body, wrapped: wrapped)
    else { return nil }
    return negative ? -magnitude : magnitude
}

/// `<number><unit>` (see `parseTimespan`); non-negative.
private func parseUnitTimespan(_ text: Substring, wrapped: Bool) -> Int64? {
    let numberEnd = text.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? text.endIndex
    let number = text[..<numberEnd]
    var unitText = text[numberEnd...]
    if wrapped { unitText = trimmedSpaces(unitText) }
    let unit: Int64
    if unitText.isEmpty {
        guard wrapped else { return nil }
        unit = TimespanUnit.day
    } else {
        guard let known = TimespanUnit.suffixes[String(unitText)] else { return nil }
        unit = known
    }
    guard let decimal = parseDecimal(number) else { return nil }
    return scaleDecimal(decimal, by: unit)
}

/// `[d.]hh:mm[:ss[.fffffff]]` (see `parseTimespan`); non-negative.
private func parseClockTimespan(_ text: Substring) -> Int64? {
    guard text.contains(":") else { return nil }
    let fields = text.split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(fields.count) else { return nil }
    var days: Int64 = 0
    var hoursText = fields[0]
    if let dot = hoursText.firstIndex(of: ".") {
        guard let d = parseDigits(hoursText[..<dot], maxDigits: 8) else { return nil }
        days = d
        hoursText = hoursText[hoursText.index(after: dot)...]
    }
    guard let hours = parseDigits(hoursText, maxDigits: 2), hours < 24,
          let minutes = parseDigits(fields[1], maxDigits: 2), minutes < 60
    else { return nil }
    var seconds: Int64 = 0
    var fraction: Int64 = 0
    if fields.count == 3 {
        var secondsText = fields[2]
        if let dot = secondsText.firstIndex(of: ".") {
            let digits = secondsText[secondsText.index(after: dot)...]
            guard (1...7).contains(digits.count), let f = parseDigits(digits, maxDigits: 7) else {
                return nil
            }
            fraction = f * power10(7 - digits.count)
            secondsText = secondsText[..<dot]
        }
        guard let s = parseDigits(secondsText, maxDigits: 2), s < 60 else { return nil }
        seconds = s
    }
    let (dayTicks, overflow) = days.multipliedReportingOverflow(by: TimespanUnit.day)
    guard !overflow else { return nil }
    let clock = hours * TimespanUnit.hour + minutes * TimespanUnit.minute
        + seconds * TimespanUnit.second + fraction
    let (total, overflow2) = dayTicks.addingReportingOverflow(clock)
    return overflow2 ? nil : total
}

/// A decimal number as `digits / 10^scale`.
struct DecimalNumber {
    var digits: Int64
    var scale: Int
}

/// `123`, `1.5`, `.5`, `2.`; at most 18 significant digits. nil otherwise.
func parseDecimal(_ text: Substring) -> DecimalNumber? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count) else { return nil }
    let integer = parts[0]
    let fraction = parts.count == 2 ? parts[1] : ""
    guard !(integer.isEmpty && fraction.isEmpty) else { return nil }
    let allDigits = integer + fraction
    guard allDigits.count <= 18, let value = parseDigits(allDigits[...], maxDigits: 18) else {
        return nil
    }
    return DecimalNumber(digits: value, scale: fraction.count)
}

/// `decimal * unit`, rounded to the nearest tick (halves away from zero); nil on overflow.
func scaleDecimal(_ decimal: DecimalNumber, by unit: Int64) -> Int64? {
    let (product, overflow) = decimal.digits.multipliedReportingOverflow(by: unit)
    if !overflow {
        let divisor = power10(decimal.scale)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: divisor)
        return remainder * 2 >= divisor ? quotient + 1 : quotient
    }
    // Large mantissa: divide first where the unit allows it exactly.
    var digits = decimal.digits
    var scale = decimal.scale
    while scale > 0 && digits % 10 == 0 {
        digits /= 10
        scale -= 1
    }
    guard scale < decimal.scale else { return nil }
    return scaleDecimal(DecimalNumber(digits: digits, scale: scale), by: unit)
}

/// Non-empty ASCII digits, at most `maxDigits` of them.
private func parseDigits(_ text: Substring, maxDigits: Int) -> Int64? {
    guard !text.isEmpty, text.utf8.count <= maxDigits else { return nil }
    var value: Int64 = 0
    for byte in text.utf8 {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int64(byte - UInt8(ascii: "0"))
    }
    return value
}

/// 10^exponent for 0...18.
func power10(_ exponent: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
}

/// Drops leading and trailing ASCII spaces.
private func trimmedSpaces(_ text: Substring) -> Substring {
    var result = text
    while result.first == " " { result = result.dropFirst() }
    while result.last == " " { result = result.dropLast() }
    return result
}
