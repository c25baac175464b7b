import KQL

/// What the query's inner `summarize` and `series_stats` compute from one group's time deltas (spec S15
/// step 5), under the query's own column names where it has them.
public struct DeltaSummary: Sendable, Equatable {
    /// `count_`: the number of deltas, one less than the distinct timestamps.
    public var count: Int
    public var minTimestamp: Instant
    /// The penultimate event as written (Q7), the last one in corrected mode.
    public var maxTimestamp: Instant
    /// `Duration = datetime_diff("second", max_Timestamp, min_Timestamp)`.
    public var duration: Int64
    /// Nearest-rank percentiles 5, 25, 50, 75, 95 of the deltas.
    public var percentiles: [Int64]
    public var stats: SeriesStats
    /// `stdev / avg * 100`; NaN when every delta is 0.
    public var jitter: Double

    public var beaconSleepMin: Double { stats.avg - stats.stdev }
    public var beaconSleepMax: Double { stats.avg + stats.stdev }

    public static let percentileRanks: [Double] = [5, 25, 50, 75, 95]
}
