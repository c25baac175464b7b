/// Percentile by linear interpolation between closest ranks (Hyndman–Fan R-7, numpy
/// `linear`, Excel `PERCENTILE.INC`).
///
/// Spec S1: this is how `series_outliers` computes its fences ("calculated with linear
/// interpolation" per the Kusto developer); of R-4..R-9 only R-7 gives the published
/// p10 = 2.7 / p90 = 11. The arithmetic follows the spec literally —
/// `idx = p/100 * (n-1)`, `v[lo] + (idx - lo) * (v[hi] - v[lo])` — because the published
/// scores are matched bit-exactly only with that evaluation order.
///
/// - Precondition: `sortedAscending` is non-empty and sorted; `percent` in 0...100.
public func percentileLinear(sortedAscending values: [Double], percent: Double) -> Double {
    values.withUnsafeBufferPointer { percentileLinear(sortedAscending: $0, percent: percent) }
}

/// `percentileLinear` over a buffer; the same arithmetic.
public func percentileLinear(sortedAscending values: UnsafeBufferPointer<Double>, percent: Double) -> Double {
    precondition(!values.isEmpty, "percentileLinear needs at least one value")
    let index = percent / 100 * Double(values.count - 1)
    let lowIndex = Int(index.rounded(.down))
    let highIndex = Int(index.rounded(.up))
    let low = values[lowIndex]
    return low + (index - Double(lowIndex)) * (values[highIndex] - low)
}
