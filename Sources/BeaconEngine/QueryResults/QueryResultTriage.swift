/// The query's thresholds re-applied to rows Kusto already returned, without the raw events.
///
/// Every returned row passed the run's own thresholds, so only a tighter threshold changes anything:
/// the event count, jitter, device count and outlier stages are checked again on the row's own columns
/// (outlier scores recomputed from `TimeDeltaList`, as `series_outliers` does). The window, the mode and
/// the event filters need the events and are refused by the console.
public enum QueryResultTriage {
    public static func decide(_ rows: [QueryResultRow], parameters: QueryParameters) -> BeaconAnalysis {
        let window = spanningWindow(rows, parameters: parameters)
        var candidates = rows.map { row in
            BeaconCandidate(key: row.key, timestamps: row.reconstructedTimestamps, eventCount: row.deltas.count + 1,
                            sources: EventSources(.kustoResult))
        }
        var jitterSurvivors: [Int] = []
        for (index, row) in rows.enumerated() {
            let countCheck = EventCountThreshold.check(distinctTimestamps: candidates[index].timestamps.count,
                                                       parameters: parameters, window: window)
            candidates[index].trail.append(countCheck)
            guard countCheck.passed else { continue }
            let summary = row.summary(parameters)
            candidates[index].deltas = row.deltas
            candidates[index].summary = summary
            let jitterCheck = JitterFilter.check(summary, parameters: parameters)
            candidates[index].trail.append(jitterCheck)
            guard jitterCheck.passed else { continue }
            candidates[index].domains = row.domains
            jitterSurvivors.append(index)
        }

        // Kusto's dcount covers the whole run; recount only when the export lacks it.
        let recounted = DeviceCount.counts(jitterSurvivors.map { candidates[$0].key })
        for index in jitterSurvivors {
            let count = rows[index].deviceCount ?? recounted[DeviceCount.destination(candidates[index].key)]!
            candidates[index].deviceCount = count
            let deviceCheck = DeviceCount.check(count, parameters: parameters)
            candidates[index].trail.append(deviceCheck)
            guard deviceCheck.passed else { continue }
            let scores = OutlierRejection.scores(rows[index].deltas, parameters: parameters)
            let outliers = OutlierRejection.count(scores, parameters: parameters)
            candidates[index].outlierScores = scores
            candidates[index].outlierCount = outliers
            candidates[index].trail.append(OutlierRejection.check(outliers, parameters: parameters))
        }
        let beacons = candidates.filter(\.isReported).sorted(by: ResultOrder.inQueryOrder)
        return BeaconAnalysis(parameters: parameters, window: window, beacons: beacons, candidates: candidates,
                              eventCount: 0, eventsRemoved: [:])
    }

    /// The run's window is not in the export; the rows' first and last connections stand for it, and the
    /// event-count maximum applies only when overridden.
    static func spanningWindow(_ rows: [QueryResultRow], parameters: QueryParameters) -> AnalysisWindow {
        let first = rows.map(\.minTimestamp).min() ?? Instant(ticks: 0)
        let last = rows.map { Instant(ticks: $0.reconstructedTimestamps.last ?? $0.minTimestamp.ticks) }.max() ?? first
        var window = AnalysisWindow(now: last, start: first, end: last, anchoredOnData: true)
        if parameters.maxEventsOverride == nil {
            // A span wide enough that the derived maximum (toint of milliseconds) never binds.
            window.start = Instant(ticks: last.ticks - Int64(Int32.max - 1) * Instant.ticksPerMillisecond)
        }
        return window
    }
}

extension QueryParameters {
    /// Whether `other` differs from these parameters in thresholds alone (jitter, event counts, outliers,
    /// devices), so that one preparation, or one Kusto result, serves both.
    public func differsOnlyInThresholds(from other: QueryParameters) -> Bool {
        PreparedQuery.preparationKey(self) == PreparedQuery.preparationKey(other)
    }
}

extension BeaconAnalysis {
    /// Whether this analysis re-applied thresholds to a Kusto result rather than running over events.
    public var analysesQueryResults: Bool {
        eventCount == 0 && !candidates.isEmpty && candidates.allSatisfy { $0.sources == EventSources(.kustoResult) }
    }
}
