/// One bar of a histogram: the deltas `lower...upper` (seconds, inclusive), how many fell there, and
/// whether any of them is an outlier.
public struct HistogramBin: Hashable, Sendable {
    public var lower: Int64
    public var upper: Int64
    public var count: Int
    public var hasOutlier: Bool

    public init(lower: Int64, upper: Int64, count: Int, hasOutlier: Bool) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.hasOutlier = hasOutlier
    }
}

/// The bins of a histogram of integer deltas starting at `start`: all `binWidth` seconds wide on a
/// linear axis, or of equal ratio on a log axis (`binWidth` 0, each bin's own bounds). A clipped axis
/// puts the deltas beyond it in `overflow`, drawn apart so one long gap cannot squash the rest.
public struct HistogramBinning: Hashable, Sendable {
    public var start: Int64
    public var binWidth: Int64
    public var bins: [HistogramBin]
    public var overflow: HistogramBin?

    public init(start: Int64, binWidth: Int64, bins: [HistogramBin], overflow: HistogramBin? = nil) {
        self.start = start
        self.binWidth = binWidth
        self.bins = bins
        self.overflow = overflow
    }

    public var isLogarithmic: Bool { binWidth == 0 }

    /// The first second after the last bin.
    public var end: Int64 { bins.last.map { $0.upper + 1 } ?? start }

    /// A value's position in bins (0 at `start`, `bins.count` at `end`), not clamped: linear inside
    /// each bin, so it also holds for the log axis's unequal bins.
    public func position(of value: Double) -> Double {
        if binWidth > 0 { return (value - Double(start)) / Double(binWidth) }
        guard let first = bins.first, let last = bins.last else { return 0 }
        if value < Double(first.lower) { return value - Double(first.lower) }
        if value >= Double(last.upper + 1) { return Double(bins.count) + value - Double(last.upper + 1) }
        let index = bins.lastIndex { Double($0.lower) <= value } ?? 0
        let bin = bins[index]
        return Double(index) + (value - Double(bin.lower)) / Double(bin.upper - bin.lower + 1)
    }
}

/// Bin widths a reader can take in at a glance: whole seconds, minutes, hours, then days.
let niceBinWidths: [Int64] = [1, 2, 3, 4, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200,
                              10800, 14400, 21600, 43200, 86400]

/// Chooses integer-aligned bins for `deltas`, at most `maxBins` of them.
///
/// When the deltas span no more than `maxBins` seconds, every second gets its own bin, so a beacon
/// with few distinct sleeps shows one bar per distinct value, on a linear axis (gaps included).
/// Otherwise the bin width is the smallest "nice" width (1, 2, 5, 10, 15, 30 s, 1 m, …) that fits, and
/// bins start at a multiple of it, so edges fall on round values. `outliers[i]` flags `deltas[i]`;
/// a missing flag counts as false.
public func histogramBins(deltas: [Int64], outliers: [Bool], maxBins: Int) -> HistogramBinning {
    // Clamped so that no subtraction below can overflow, whatever the data holds.
    let limit: Int64 = 1 << 60
    let values = deltas.map { min(max($0, -limit), limit) }
    guard maxBins > 0, let low = values.min(), let high = values.max() else {
        return HistogramBinning(start: 0, binWidth: 1, bins: [])
    }
    var width: Int64 = 1
    var start = low
    if high - low >= Int64(maxBins) {
        let wanted = (high - low) / Int64(maxBins) + 1
        width = niceBinWidths.first { $0 >= wanted } ?? (wanted + 86399) / 86400 * 86400
        while true {
            start = floorToMultiple(low, of: width)
            if (high - start) / width + 1 <= Int64(maxBins) { break }
            width = niceBinWidths.first { $0 > width } ?? width + 86400
        }
    }
    let binCount = Int((high - start) / width + 1)
    var bins = (0..<binCount).map { index -> HistogramBin in
        let lower = start + Int64(index) * width
        return HistogramBin(lower: lower, upper: lower + width - 1, count: 0, hasOutlier: false)
    }
    for (index, value) in values.enumerated() {
        let bin = Int((value - start) / width)
        bins[bin].count += 1
        if index < outliers.count, outliers[index] { bins[bin].hasOutlier = true }
    }
    return HistogramBinning(start: start, binWidth: width, bins: bins)
}

/// The largest multiple of `step` not above `value` (also for negative values).
private func floorToMultiple(_ value: Int64, of step: Int64) -> Int64 {
    let remainder = value % step
    return remainder < 0 ? value - remainder - step : value - remainder
}
