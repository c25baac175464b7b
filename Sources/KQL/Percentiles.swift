/// KQL `percentile()` / `percentiles()` on a long column, computed exactly by the
/// nearest-rank definition.
///
/// Spec S2: Kusto documents nearest rank — the smallest member v such that at least P %
/// of the values are <= v, i.e. 1-based rank `ceil(P/100 * N)`, with P = 0 defined as the
/// minimum — and is not interpolated (P50 of 1...10 is 5). Kusto estimates it with a
/// T-Digest, which for the small per-beacon groups returns the exact member; the columns
/// are display-only in the query (quirk Q18), so exact nearest rank is the chosen model.
///
/// The rank is computed with integer arithmetic whenever `percent` is a whole number:
/// in floating point `7.0 / 100 * 100` is `7.000000000000001`, whose ceiling is 8, which
/// would pick the wrong member (rank 8 instead of 7). `ceil(P * N / 100)` over integers
/// is exact. (For the query's own percents 5/25/50/75/95 the `Double` form happens to be
/// right for every N below 100 000, but nothing guarantees it in general.)
/// Fractional percents fall back to `ceil(P * N / 100)` in `Double`.
/// Percents outside 0...100 are clamped to the minimum / maximum.
///
/// - Precondition: `sortedAscending` is non-empty and sorted ascending.
public func percentileNearestRank(sortedAscending values: [Int64], percent: Double) -> Int64 {
    values.withUnsafeBufferPointer { percentileNearestRank(sortedAscending: $0, percent: percent) }
}

/// `percentileNearestRank` over a buffer; the same rank.
public func percentileNearestRank(sortedAscending values: UnsafeBufferPointer<Int64>, percent: Double) -> Int64 {
    precondition(!values.isEmpty, "percentileNearestRank needs at least one value")
    let rank = nearestRank(percent: percent, count: values.count)
    return values[rank - 1]
}

/// Several nearest-rank percentiles of an unsorted sample (sorts a copy once).
///
/// Spec S2: the query asks `percentiles(TimeDeltaInSeconds, 5, 25, 50, 75, 95)`.
///
/// - Precondition: `values` is non-empty.
public func percentilesNearestRank(_ values: [Int64], percents: [Double]) -> [Int64] {
    let sorted = values.sorted()
    return percents.map { percentileNearestRank(sortedAscending: sorted, percent: $0) }
}

/// The 1-based nearest rank `ceil(P/100 * N)`, clamped to `1...count` (P <= 0 is rank 1).
func nearestRank(percent: Double, count: Int) -> Int {
    if !(percent > 0) { return 1 }  // P = 0 (and NaN / negatives): the minimum
    if percent >= 100 { return count }
    let rank: Int
    if percent == percent.rounded(.towardZero) {
        // Whole percent: exact integer ceiling of P*N/100.
        let product = Int(percent) * count
        rank = (product + 99) / 100
    } else {
        rank = Int((percent * Double(count) / 100).rounded(.up))
    }
    return Swift.min(Swift.max(rank, 1), count)
}
