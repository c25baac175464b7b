/// A sleep or span in seconds as an analyst reads it: `4.5s`, `45s`, `5m 02s`, `1h 05m`, `2d 03h`.
public func formatHumanDuration(seconds: Double) -> String {
    guard seconds.isFinite else { return seconds.isNaN ? "–" : (seconds > 0 ? "∞" : "-∞") }
    if seconds < 0 { return "-" + formatHumanDuration(seconds: -seconds) }
    if seconds < 10 {
        let tenths = (seconds * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))s" : "\(tenths / 10)s"
    }
    let whole = Int64(seconds.rounded())
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    switch whole {
    case ..<60: return "\(whole)s"
    case ..<3600: return "\(whole / 60)m \(two(whole % 60))s"
    case ..<86400: return "\(whole / 3600)h \(two(whole / 60 % 60))m"
    default: return "\(whole / 86400)d \(two(whole / 3600 % 24))h"
    }
}
