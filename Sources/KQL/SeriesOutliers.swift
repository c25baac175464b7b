/// What `series_outliers` scores an element that lies outside the fences when the
/// fences coincide (P10 == P90, spread 0).
///
/// Spec S1 "Zero spread with outliers" / quirk Q13: Kusto's behaviour is UNVERIFIED.
/// An unguarded division gives IEEE ±infinity (the faithful default, counted by the
/// query's `> 2` / `< -3` filter); a guarded implementation might give 0.
public enum ZeroSpreadScore: String, Sendable, CaseIterable {
    /// Unguarded division: `(x - P) / 0 * NF` = ±infinity.
    case infinity = "inf"
    /// Guarded: the element scores 0, as if it were inside the fences.
    case zero
}

/// The normalisation factor NF of `ctukey` with the default 10/90 percentiles.
///
/// Spec S1: reverse-engineered from Microsoft's published 16-value example; each of its
/// four non-zero scores yields this constant independently, and with it all 16 values
/// are reproduced bit-exactly. (The developer's "2.772" and the rounded-quantile
/// derivation 2.764639 do not reproduce the published output.)
public let seriesOutliersNormalisation: Double = 2.772605605507915

/// KQL `series_outliers(series)` with its defaults (`kind="ctukey"`, percentiles 10/90).
///
/// Spec S1: the fences are the 10th/90th percentiles by linear interpolation; an
/// element above P90 scores `((x - P90) / spread) * NF`, one below P10 scores
/// `((x - P10) / spread) * NF`, everything else 0. The evaluation order is kept exactly
/// as written because the spec found that `(x - P) * NF / spread` misses one published
/// value by 1 ulp.
///
/// - Parameters:
///   - series: the values (the beacon query passes integer second deltas, never nulls).
///   - minimumSpread: the spread used is `max(P90 - P10, minimumSpread)`. Faithful mode
///     passes 0 (Kusto has no floor); the product's corrected mode passes 2 so that
///     ±1 s artefacts of a perfect beacon (quirk Q13) are not infinitely far out.
///   - zeroSpread: the score of an outside element when the spread used is 0.
/// - Returns: one score per element, in input order; empty for an empty series.
public func seriesOutliers(
    _ series: [Double],
    minimumSpread: Double = 0,
    zeroSpread: ZeroSpreadScore = .infinity
) -> [Double] {
    guard !series.isEmpty else { return [] }
    let sorted = series.sorted()
    return [Double](unsafeUninitializedCapacity: series.count) { scores, initialized in
        series.withUnsafeBufferPointer { values in
            sorted.withUnsafeBufferPointer { sorted in
                seriesOutliers(values, sortedAscending: sorted, minimumSpread: minimumSpread, zeroSpread: zeroSpread,
                               into: scores)
            }
        }
        initialized = series.count
    }
}

/// `seriesOutliers` over buffers, for callers that keep many series in one array and have the series
/// sorted already: writes one score per element of `series` into `scores` (as long as `series`, and
/// whose memory may be uninitialized). The same arithmetic.
public func seriesOutliers(
    _ series: UnsafeBufferPointer<Double>,
    sortedAscending sorted: UnsafeBufferPointer<Double>,
    minimumSpread: Double = 0,
    zeroSpread: ZeroSpreadScore = .infinity,
    into scores: UnsafeMutableBufferPointer<Double>
) {
    guard !series.isEmpty else { return }
    let low = percentileLinear(sortedAscending: sorted, percent: 10)
    let high = percentileLinear(sortedAscending: sorted, percent: 90)
    let spread = Swift.max(high - low, minimumSpread)
    for (index, x) in series.enumerated() {
        let fence: Double
        if x > high {
            fence = high
        } else if x < low {
            fence = low
        } else {
            scores.initializeElement(at: index, to: 0)
            continue
        }
        if spread == 0 && zeroSpread == .zero {
            scores.initializeElement(at: index, to: 0)
            continue
        }
        scores.initializeElement(at: index, to: ((x - fence) / spread) * seriesOutliersNormalisation)
    }
}
