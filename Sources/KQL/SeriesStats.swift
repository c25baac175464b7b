/// How `series_stats` forms the sample variance.
///
/// Spec S3: Kusto's arithmetic is undocumented. Welford's running update and
/// `(Σx² − Σx·avg)/(n−1)` both reproduce the published 17-digit example; they differ
/// on large, tightly clustered values (`[3600,3601,3599,3600,3602]`: Welford
/// 1.2999999999999545, sums 1.299999998882413).
public enum VarianceForm: String, Sendable, CaseIterable {
    /// Welford's numerically stable running update (the default).
    case welford
    /// `(Σx² − Σx·avg) / (n−1)` from running sums.
    case sums
}

/// The seven values of KQL `series_stats()`, in the order the query's tuple takes them
/// (spec S3: min, min_idx, max, max_idx, avg, stdev, variance).
public struct SeriesStats: Equatable, Sendable {
    public var min: Double
    /// First (0-based) position of `min`; -1 for an empty series.
    public var minIndex: Int
    public var max: Double
    /// First (0-based) position of `max`; -1 for an empty series.
    public var maxIndex: Int
    public var avg: Double
    /// Sample standard deviation, `sqrt(variance)`.
    public var stdev: Double
    /// Sample variance (divisor n − 1).
    public var variance: Double

    public init(
        min: Double, minIndex: Int, max: Double, maxIndex: Int,
        avg: Double, stdev: Double, variance: Double
    ) {
        self.min = min
        self.minIndex = minIndex
        self.max = max
        self.maxIndex = maxIndex
        self.avg = avg
        self.stdev = stdev
        self.variance = variance
    }
}

/// KQL `series_stats(series)` for a series of finite numbers.
///
/// Spec S3: min/max report their **first** index; `avg = sum / n` (the docs print 32.8,
/// which a running mean would not); variance and stdev are **sample** statistics.
/// The variance form is selectable because Kusto's is unverified (see `VarianceForm`).
///
/// Degenerate inputs (not reachable from the beacon query, which passes >= 15 deltas):
/// n == 1 gives variance `0/0` = NaN (the n − 1 divisor is taken literally, not
/// special-cased); n == 0 gives NaN everywhere and indices -1.
public func seriesStats(_ series: [Double], varianceForm: VarianceForm = .welford) -> SeriesStats {
    series.withUnsafeBufferPointer { seriesStats($0, varianceForm: varianceForm) }
}

/// `seriesStats` over a buffer, for callers that keep many series in one array; the same arithmetic.
public func seriesStats(_ series: UnsafeBufferPointer<Double>, varianceForm: VarianceForm = .welford) -> SeriesStats {
    guard let first = series.first else {
        return SeriesStats(
            min: .nan, minIndex: -1, max: .nan, maxIndex: -1,
            avg: .nan, stdev: .nan, variance: .nan)
    }
    var minimum = first, minimumIndex = 0
    var maximum = first, maximumIndex = 0
    var sum = 0.0
    for (index, x) in series.enumerated() {
        if x < minimum { minimum = x; minimumIndex = index }
        if x > maximum { maximum = x; maximumIndex = index }
        sum += x
    }
    let count = Double(series.count)
    let avg = sum / count
    let variance: Double
    switch varianceForm {
    case .welford: variance = welfordVariance(series)
    case .sums: variance = sumsVariance(series, sum: sum, avg: avg)
    }
    return SeriesStats(
        min: minimum, minIndex: minimumIndex, max: maximum, maxIndex: maximumIndex,
        avg: avg, stdev: variance.squareRoot(), variance: variance)
}

/// Welford's update: `mean += δ/k; m2 += δ·(x − mean)`; variance `m2 / (n − 1)`.
private func welfordVariance(_ series: UnsafeBufferPointer<Double>) -> Double {
    var mean = 0.0
    var m2 = 0.0
    for (offset, x) in series.enumerated() {
        let delta = x - mean
        mean += delta / Double(offset + 1)
        m2 += delta * (x - mean)
    }
    return m2 / Double(series.count - 1)
}

/// `(Σx² − Σx·avg) / (n − 1)`, the sums form of spec S3.
private func sumsVariance(_ series: UnsafeBufferPointer<Double>, sum: Double, avg: Double) -> Double {
    var sumOfSquares = 0.0
    for x in series { sumOfSquares += x * x }
    return (sumOfSquares - sum * avg) / Double(series.count - 1)
}
