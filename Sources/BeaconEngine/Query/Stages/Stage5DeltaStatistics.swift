import KQL

/// Stage 5: the inner `summarize count(), min(Timestamp), max(Timestamp), Duration, percentiles(...),
/// make_list(...)` and `series_stats`, then `Jitter` and the BeaconSleep band.
enum DeltaStatistics {
    /// The summary of one group: its distinct timestamps, its deltas sorted, and its deltas in time order
    /// as reals.
    static func summarize(timestamps: UnsafeBufferPointer<Int64>, sortedDeltas: UnsafeBufferPointer<Int64>,
                          deltaValues: UnsafeBufferPointer<Double>, basis: QueryBasis) -> MeasuredSummary {
        // As written, the last row was removed before the summarize, so max(Timestamp) is the penultimate
        // event (Q7); the corrected mode reports the last one.
        let lastIndex = basis.stopsAtPenultimateEvent ? timestamps.count - 2 : timestamps.count - 1
        let first = timestamps[0], last = timestamps[lastIndex]
        let stats = seriesStats(deltaValues, varianceForm: basis.varianceForm)
        func percentile(_ rank: Int) -> Int64 {
            percentileNearestRank(sortedAscending: sortedDeltas, percent: DeltaSummary.percentileRanks[rank])
        }
        return MeasuredSummary(
            count: sortedDeltas.count, minTimestamp: first, maxTimestamp: last, duration: datetimeDiffSeconds(last, first),
            percentiles: (percentile(0), percentile(1), percentile(2), percentile(3), percentile(4)),
            stats: stats, jitter: stats.stdev / stats.avg * 100)
    }
}

/// A `DeltaSummary` kept without an array of its own (its percentiles in place), so that a hundred
/// thousand groups' summaries make one allocation, not one each; `deltaSummary` makes the public form
/// for a candidate that is looked at.
struct MeasuredSummary: Sendable {
    var count: Int
    var minTimestamp: Int64
    var maxTimestamp: Int64
    var duration: Int64
    var percentiles: (Int64, Int64, Int64, Int64, Int64)
    var stats: SeriesStats
    var jitter: Double

    static let placeholder = MeasuredSummary(
        count: 0, minTimestamp: 0, maxTimestamp: 0, duration: 0, percentiles: (0, 0, 0, 0, 0),
        stats: SeriesStats(min: 0, minIndex: 0, max: 0, maxIndex: 0, avg: 0, stdev: 0, variance: 0), jitter: 0)

    var deltaSummary: DeltaSummary {
        DeltaSummary(
            count: count, minTimestamp: Instant(ticks: minTimestamp), maxTimestamp: Instant(ticks: maxTimestamp),
            duration: duration, percentiles: [percentiles.0, percentiles.1, percentiles.2, percentiles.3, percentiles.4],
            stats: stats, jitter: jitter)
    }
}
