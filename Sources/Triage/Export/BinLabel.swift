/// Labels of the text histogram's bins, exact at the bins' own scale.
///
/// A bin's bounds are multiples of its width, so writing them down to the largest unit that divides the
/// width loses nothing and adds no noise: 1-minute bins of hour-long deltas read `1h 00m – 1h 01m` (rounded
/// to the hour, both bounds read `1h 00m`), 1-second bins `1h 00m 05s`, 3-day bins `3d – 6d`. A bin holds
/// its lower bound and not its upper one, so adjacent bins share a bound and never a label.
enum BinLabel {
    /// Days, hours, minutes, seconds: each with the units below it, two digits each.
    static let units: [(seconds: Int64, suffix: String)] = [(86_400, "d"), (3600, "h"), (60, "m"), (1, "s")]

    /// `lower – upper` for a bin `width` seconds wide, or the value alone for a 1-second bin.
    static func label(lower: Int64, width: Int64) -> String {
        let precision = unit(of: width)
        guard width > 1 else { return text(lower, precision: precision) }
        return "\(text(lower, precision: precision)) – \(text(lower + width, precision: precision))"
    }

    /// The histogram's first line: the bin width, and which bound a bin holds.
    static func header(width: Int64) -> String {
        let width = text(width, precision: unit(of: width))
        return width == "1s" ? "bin width 1s" : "bin width \(width) (a bin holds lower ≤ Δ < upper)"
    }

    /// The index in `units` of the largest unit dividing `width`.
    static func unit(of width: Int64) -> Int {
        units.firstIndex { width % $0.seconds == 0 } ?? units.count - 1
    }

    /// `seconds` from its largest unit down to `units[precision]`: `1h 05m`, `2d 03h 00m 07s`, `0m`.
    static func text(_ seconds: Int64, precision: Int) -> String {
        if seconds < 0 { return "-" + text(0 - seconds, precision: precision) }
        let first = units[...precision].firstIndex { seconds >= $0.seconds } ?? precision
        var parts: [String] = []
        var rest = seconds
        for index in first...precision {
            let unit = units[index]
            let count = rest / unit.seconds
            rest %= unit.seconds
            let digits = String(count)
            let padded = index == first || digits.count >= 2 ? digits : "0" + digits
            parts.append(padded + unit.suffix)
        }
        return parts.joined(separator: " ")
    }
}
