/// A sleep as analysts type it in the list filter (`sleep:<5m`): seconds (`300`, `4.5`), or numbers with
/// the units `s`, `m`, `h`, `d` in any case, combined largest first and each once (`5m`, `1h30m`, `2.5M`,
/// `1d2h`). Nil for anything else, `30m1h`, `5m5m` and `1h30` (is the 30 minutes or seconds?) included.
///
/// Each `<number><unit>` is a Kusto timespan literal (`parseTimespan`), converted exactly to 100-ns ticks
/// by the same decimal reading (at most 18 significant digits, rounded to the nearest tick), so
/// `1.1m` is 66 s exactly. Where the filter differs from Kusto's grammar, on purpose, for typing speed:
/// units are case-insensitive and only the four above (no `ms`, `hours`, `tick`); several terms add up;
/// a bare number is seconds (Kusto rejects it, and `time(2)` is days); no sign, `hh:mm:ss` or `time(…)`.
/// A total beyond Int64 ticks (about 29,000 years) is nil.
public func parseDurationSeconds(_ text: String) -> Double? {
    guard !text.isEmpty else { return nil }
    var ticks: Int64 = 0
    var previousUnit = Int64.max
    var rest = Substring(text)
    while !rest.isEmpty {
        let numberEnd = rest.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? rest.endIndex
        let unit: Int64
        if numberEnd == rest.endIndex {
            // A trailing bare number is seconds, but only on its own.
            guard previousUnit == .max else { return nil }
            unit = TimespanUnit.second
        } else {
            guard let known = sleepUnits[rest[numberEnd].lowercased()], known < previousUnit else { return nil }
            unit = known
        }
        guard let decimal = parseDecimal(rest[..<numberEnd]), let term = scaleDecimal(decimal, by: unit) else {
            return nil
        }
        let (sum, overflow) = ticks.addingReportingOverflow(term)
        guard !overflow else { return nil }
        ticks = sum
        previousUnit = unit
        rest = numberEnd == rest.endIndex ? rest[numberEnd...] : rest[rest.index(after: numberEnd)...]
    }
    return Double(ticks) / Double(TimespanUnit.second)
}

private let sleepUnits: [String: Int64] = [
    "s": TimespanUnit.second, "m": TimespanUnit.minute, "h": TimespanUnit.hour, "d": TimespanUnit.day,
]
