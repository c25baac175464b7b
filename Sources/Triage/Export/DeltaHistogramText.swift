import BeaconEngine

/// A histogram of a beacon's time deltas as plain text, for the Markdown report's code block: the bin width,
/// then one line per bin, a `#` bar scaled to the fullest bin, the count, and how many of the deltas there
/// are outliers. Labels are exact at the bins' scale (`BinLabel`).
///
/// ```
/// bin width 5m (a bin holds lower ≤ Δ < upper)
///         0m – 5m | ########################################  141
///        5m – 10m | #######################################   139
///       10m – 15m |                                             0
/// (…)
/// 1h 00m – 1h 05m | #                                           1  (1 outlier)
/// ```
public enum DeltaHistogramText {
    /// Bin widths a reader takes in at a glance: seconds, minutes, hours, days.
    static let niceWidths: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]

    public struct Bin: Sendable, Equatable {
        public var lower: Int64
        public var upper: Int64
        public var count: Int
        public var outliers: Int
    }

    /// Bins of one nice width, starting at a multiple of it, at most `maxBins` of them; when the deltas
    /// span fewer than `maxBins` seconds every second has its own bin.
    public static func bins(deltas: [Int64], outliers: [Bool], maxBins: Int = 16) -> [Bin] {
        let limit: Int64 = 1 << 60
        let values = deltas.map { min(max($0, -limit), limit) }
        guard let low = values.min(), let high = values.max(), maxBins > 0 else { return [] }
        var width: Int64 = 1
        var start = low
        if high - low >= Int64(maxBins) {
            let wanted = (high - low) / Int64(maxBins) + 1
            width = niceWidths.first { $0 >= wanted } ?? (wanted + 86_399) / 86_400 * 86_400
            while true {
                start = floorToMultiple(low, of: width)
                if (high - start) / width < Int64(maxBins) { break }
                width = niceWidths.first { $0 > width } ?? width + 86_400
            }
        }
        var bins = (0..<Int((high - start) / width + 1)).map { index in
            let lower = start + Int64(index) * width
            return Bin(lower: lower, upper: lower + width - 1, count: 0, outliers: 0)
        }
        for (index, value) in values.enumerated() {
            let bin = Int((value - start) / width)
            bins[bin].count += 1
            if index < outliers.count, outliers[index] { bins[bin].outliers += 1 }
        }
        return bins
    }

    /// The lines of the histogram, `barWidth` `#` for the fullest bin (a non-empty bin shows at least one).
    public static func render(deltas: [Int64], outliers: [Bool], maxBins: Int = 16, barWidth: Int = 40) -> [String] {
        let bins = bins(deltas: deltas, outliers: outliers, maxBins: maxBins)
        guard let fullest = bins.map(\.count).max(), fullest > 0 else { return ["(no deltas)"] }
        let width = bins[0].upper - bins[0].lower + 1
        let labels = bins.map { BinLabel.label(lower: $0.lower, width: width) }
        let labelWidth = labels.map(\.count).max() ?? 0
        let countWidth = String(fullest).count
        return [BinLabel.header(width: width)] + zip(bins, labels).map { bin, label in
            var length = Int((Double(bin.count) / Double(fullest) * Double(barWidth)).rounded())
            if bin.count > 0 { length = max(1, length) }
            let bar = String(repeating: "#", count: length) + String(repeating: " ", count: barWidth - length)
            let count = String(repeating: " ", count: countWidth - String(bin.count).count) + String(bin.count)
            let note = bin.outliers == 0 ? "" : "  (\(bin.outliers) outlier\(bin.outliers == 1 ? "" : "s"))"
            let line = String(repeating: " ", count: labelWidth - label.count) + label + " | " + bar + " " + count + note
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }

    private static func floorToMultiple(_ value: Int64, of step: Int64) -> Int64 {
        let remainder = value % step
        return remainder < 0 ? value - remainder - step : value - remainder
    }
}
