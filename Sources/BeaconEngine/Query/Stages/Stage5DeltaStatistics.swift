import KQL

/// Stage 5: the inner `summarize count(), min(Timestamp), max(Timestamp), Duration, percentiles(...),
/// make_list(...)` and `series_stats`, then `Jitter` and the BeaconSleep band.
enum DeltaStatistics {
    static func summarize(timestamps: [Int64], deltas: [Int64], parameters: QueryParameters) -> DeltaSummary {
        // As written, the last row was removed before the summarize, so max(Timestamp) is the penultimate
        // event (Q7); the corrected mode reports the last one.
        let lastIndex = parameters.stopsAtPenultimateEvent ? timestamps.count - 2 : timestamps.count - 1
        let first = timestamps[0], last = timestamps[lastIndex]
        let stats = seriesStats(deltas.map(Double.init), varianceForm: parameters.varianceForm)
        return DeltaSummary(
            count: deltas.count,
            minTimestamp: Instant(ticks: first),
            maxTimestamp: Instant(ticks: last),
            duration: datetimeDiffSeconds(last, first),
            percentiles: percentilesNearestRank(deltas, percents: DeltaSummary.percentileRanks),
            stats: stats,
            jitter: stats.stdev / stats.avg * 100
        )
    }
}
