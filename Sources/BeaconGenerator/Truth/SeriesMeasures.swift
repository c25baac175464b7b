import BeaconEngine

/// What the query measures on one designed series, worked out from the series' own rows.
struct SeriesMeasures: Sendable {
    var events = 0
    var eventsInWindow = 0
    /// Rows inside the window removed by each row filter.
    var rowsRemoved: [QueryStage: Int] = [:]
    /// Distinct timestamps of the rows that survive the row filters (`make_set`, Q5).
    var distinctTimestamps = 0
    var deltas: [Int64] = []
    var jitter: Double?
    var outlierCount: Int?
    var p10: Double?
    var p90: Double?
    var missedCheckIns = 0
    var lateCheckIns = 0
    /// The stage of the query that removes the series before the device count, or nil when it reaches it.
    var removedBefore: QueryStage?

    init(_ instance: SeriesInstance, table: StringTable, window: ClosedRange<Int64>) {
        var source = instance.source
        var surviving: [Int64] = []
        let spec = instance.spec
        while let event = source.next() {
            events += 1
            guard window.contains(event.ticks) else { continue }
            eventsInWindow += 1
            if let stage = QueryRules.rowFilter(remoteIPType: spec.remoteIPType.rawValue, remoteIP: instance.remoteIP,
                                                actionType: table[event.action]) {
                rowsRemoved[stage, default: 0] += 1
            } else {
                surviving.append(event.ticks)
            }
        }
        missedCheckIns = source.missedCheckIns
        lateCheckIns = source.lateCheckInsMade
        guard eventsInWindow > 0 else {
            removedBefore = .timeWindow
            return
        }
        guard !surviving.isEmpty else {
            // Every row of a series shares its filter columns except the action of logged misses; name
            // the filter that removed the most.
            removedBefore = QueryStage.eventFilters.max { (rowsRemoved[$0] ?? 0) < (rowsRemoved[$1] ?? 0) }
            return
        }
        let distinct = Array(Set(surviving)).sorted()
        distinctTimestamps = distinct.count
        guard distinct.count > QueryRules.totalEventsThresholdMin,
              distinct.count < QueryRules.totalEventsThresholdMax else {
            removedBefore = .eventCount
            return
        }
        deltas = QueryRules.deltas(distinct)
        let jitter = QueryRules.jitterPercent(deltas)
        self.jitter = jitter
        let outliers = QueryRules.outlierScores(deltas)
        outlierCount = QueryRules.outlierCount(outliers.scores)
        p10 = outliers.p10
        p90 = outliers.p90
        if !(jitter < QueryRules.jitterThreshold) { removedBefore = .jitter }
    }

    var longestDelta: Int64 { deltas.max() ?? 0 }

    /// The most common delta and how many deltas have it.
    var modalDelta: (value: Int64, count: Int) {
        var counts: [Int64: Int] = [:]
        for delta in deltas { counts[delta, default: 0] += 1 }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
        return (best?.key ?? 0, best?.value ?? 0)
    }
}
