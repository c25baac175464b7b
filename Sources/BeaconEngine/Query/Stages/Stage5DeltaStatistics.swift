import KQL

/// Stage 5: the inner `summarize count(), min(Timestamp), max(Timestamp), Duration, percentiles(...),
/// make_list(...)` and `series_stats`, then `Jitter` and the BeaconSleep band.
enum DeltaStatistics {
    /// The summary of one group: its distinct timestamps, its deltas sorted, and its deltas in time order
    /// as reals.
    static func summarize(timestamps: UnsafeBufferPointer<Int64>, sortedDeltas: UnsafeBufferPointer<Int64>,
                          deltaValues: UnsafeBufferPointer<Double>, parameters: QueryParameters) -> DeltaSummary {
        // As written, the last row was removed before the summarize, so max(Timestamp) is the penultimate
        // event (Q7); the corrected mode reports the last one.
        let lastIndex = parameters.stopsAtPenultimateEvent ? timestamps.count - 2 : timestamps.count - 1
        let first = timestamps[0], last = timestamps[lastIndex]
        let stats = seriesStats(deltaValues, varianceForm: parameters.varianceForm)
        return DeltaSummary(
            count: sortedDeltas.count,
            minTimestamp: Instant(ticks: first),
            maxTimestamp: Instant(ticks: last),
            duration: datetimeDiffSeconds(last, first),
            percentiles: DeltaSummary.percentileRanks.map { percentileNearestRank(sortedAscending: sortedDeltas, percent: $0) },
            stats: stats,
            jitter: stats.stdev / stats.avg * 100
        )
    }
}
