import Foundation

/// How a histogram lays out the delta axis. Real beacons have long tails (a laptop asleep for five
/// hours beside 251 one-minute sleeps): a plain min-to-max axis puts the whole rhythm into one column.
public enum HistogramScale: Hashable, Sendable {
    /// Linear up to the P95 of the deltas when the tail above it would take most of the axis; the tail
    /// goes into one overflow bin drawn apart.
    case clipped
    /// Logarithmic over every delta (bins of equal ratio of delta + 1 s, so 0 s has a place).
    case logarithmic

    public var toggled: HistogramScale { self == .clipped ? .logarithmic : .clipped }
}

/// The percentile the clipped axis ends at.
public let histogramClipPercent = 95

/// Where the clipped axis ends, or nil when nothing needs clipping: the nearest-rank P95 of the deltas
/// (the value at rank ⌈0.95·n⌉, spec S2's rule), when the deltas above it span more than those up to it.
/// A tail shorter than the body is worth seeing to scale.
public func histogramClip(deltas: [Int64]) -> Int64? {
    let sorted = deltas.sorted()
    guard let low = sorted.first, let high = sorted.last else { return nil }
    let rank = (histogramClipPercent * sorted.count + 99) / 100
    let clip = sorted[max(0, rank - 1)]
    // Compared as doubles: with extreme deltas the differences overflow Int64.
    return high > clip && Double(high) - Double(clip) > Double(clip) - Double(low) ? clip : nil
}

/// The bins of `deltas` on `scale`, at most `maxBins` of them (the overflow bin and the gap before it
/// included). `outliers[i]` flags `deltas[i]`; a missing flag counts as false.
public func histogramBins(deltas: [Int64], outliers: [Bool], maxBins: Int, scale: HistogramScale) -> HistogramBinning {
    switch scale {
    case .logarithmic:
        return logarithmicBins(deltas: deltas, outliers: outliers, maxBins: maxBins)
    case .clipped:
        guard maxBins >= 3, let clip = histogramClip(deltas: deltas) else {
            return histogramBins(deltas: deltas, outliers: outliers, maxBins: maxBins)
        }
        var kept: [Int64] = [], keptFlags: [Bool] = []
        var overflow: HistogramBin?
        for (index, value) in deltas.enumerated() {
            let flagged = index < outliers.count && outliers[index]
            if value <= clip {
                kept.append(value)
                keptFlags.append(flagged)
            } else if var bin = overflow {
                bin.lower = min(bin.lower, value)
                bin.upper = max(bin.upper, value)
                bin.count += 1
                bin.hasOutlier = bin.hasOutlier || flagged
                overflow = bin
            } else {
                overflow = HistogramBin(lower: value, upper: value, count: 1, hasOutlier: flagged)
            }
        }
        var binning = histogramBins(deltas: kept, outliers: keptFlags, maxBins: maxBins - 2)
        binning.overflow = overflow
        return binning
    }
}

/// Bins whose bounds grow by an equal ratio of delta + 1 s from the smallest delta to the largest;
/// bounds are whole seconds, so bins narrower than a second merge and there may be fewer than
/// `maxBins`.
func logarithmicBins(deltas: [Int64], outliers: [Bool], maxBins: Int) -> HistogramBinning {
    let limit: Int64 = 1 << 60
    let values = deltas.map { min(max($0, 0), limit) }
    guard maxBins > 0, let low = values.min(), let high = values.max() else {
        return HistogramBinning(start: 0, binWidth: 0, bins: [])
    }
    let from = log(Double(low) + 1), to = log(Double(high) + 1)
    var lowers: [Int64] = [low]
    for index in 1..<max(1, maxBins) {
        let edge = (exp(from + (to - from) * Double(index) / Double(maxBins)) - 1).rounded(.down)
        let lower = Int64(min(edge, Double(limit)))
        if lower > lowers[lowers.count - 1], lower <= high { lowers.append(lower) }
    }
    var bins = lowers.indices.map { index in
        HistogramBin(lower: lowers[index], upper: index + 1 < lowers.count ? lowers[index + 1] - 1 : high,
                     count: 0, hasOutlier: false)
    }
    for (index, value) in values.enumerated() {
        // The last lower bound not above the value, by bisection: a beacon can have 40,000 deltas.
        var low = 0, high = lowers.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lowers[middle] <= value { low = middle } else { high = middle - 1 }
        }
        let bin = low
        bins[bin].count += 1
        if index < outliers.count, outliers[index] { bins[bin].hasOutlier = true }
    }
    return HistogramBinning(start: low, binWidth: 0, bins: bins)
}
