/// A compact, human form of a timespan for messages (`--explain` text, errors).
///
/// Not a KQL function: the largest whole unit among d, h, m, s, ms when the value is a
/// whole number of it (`1d`, `36h`, `30m`, `1s`, `250ms`, `0s`), otherwise the .NET/Kusto
/// display form `[-][d.]hh:mm:ss.fffffff` (days omitted when zero, spec S9's
/// `1.12:30:55.1230000` style).
public func formatTimespan(_ ticks: Int64) -> String {
    if ticks == 0 { return "0s" }
    let sign = ticks < 0 ? "-" : ""
    let magnitude = ticks.magnitude
    let units: [(UInt64, String)] = [
        (UInt64(TimespanUnit.day), "d"), (UInt64(TimespanUnit.hour), "h"),
        (UInt64(TimespanUnit.minute), "m"), (UInt64(TimespanUnit.second), "s"),
        (UInt64(TimespanUnit.millisecond), "ms"),
    ]
    for (size, suffix) in units where magnitude % size == 0 {
        return "\(sign)\(magnitude / size)\(suffix)"
    }
    let days = magnitude / UInt64(TimespanUnit.day)
    var rest = magnitude % UInt64(TimespanUnit.day)
    let hours = rest / UInt64(TimespanUnit.hour)
    rest %= UInt64(TimespanUnit.hour)
    let minutes = rest / UInt64(TimespanUnit.minute)
    rest %= UInt64(TimespanUnit.minute)
    let seconds = rest / UInt64(TimespanUnit.second)
    let fraction = rest % UInt64(TimespanUnit.second)
    let dayPart = days > 0 ? "\(days)." : ""
    return "\(sign)\(dayPart)\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(fraction, 7))"
}

/// Zero-padded decimal.
private func pad(_ value: UInt64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
}
