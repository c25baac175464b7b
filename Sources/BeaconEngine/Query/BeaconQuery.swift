import Foundation

/// The Suspicious Network Beacons query, stage by stage in the order the KQL runs them (spec S15).
public enum BeaconQuery {
    public static func run(_ table: EventTable, parameters: QueryParameters = QueryParameters(),
                           currentTime: Instant = .current) -> BeaconAnalysis {
        let window = AnalysisWindow.resolve(parameters, latestEvent: table.latest, fallbackNow: currentTime)

        // BeaconCandidates
        let filtered = FilterEvents.apply(table, window: window, parameters: parameters)
        let groups = GroupTimestamps.apply(table, rows: filtered.rows)
        var candidates = groups.map { group in
            BeaconCandidate(key: group.key.decoded(table.pool), timestamps: group.timestamps,
                            eventCount: group.eventCount)
        }
        for index in candidates.indices {
            measureUpToJitter(&candidates[index], parameters: parameters, window: window)
        }
        let jitterSurvivors = candidates.indices.filter { candidates[$0].trail.last?.stage == .jitter && candidates[$0].trail.last!.passed }
        let domains = DomainEnrichment.domains(
            for: Set(jitterSurvivors.map { groups[$0].key.remoteIP }), in: table, window: window,
            keepEmpty: parameters.domainsKeepEmpty)
        for index in jitterSurvivors {
            candidates[index].domains = domains[groups[index].key.remoteIP] ?? []
        }

        // PotentialBeacons
        let devices = DeviceCount.counts(jitterSurvivors.map { candidates[$0].key })
        var potential: [Int] = []
        for index in jitterSurvivors {
            let count = devices[DeviceCount.destination(candidates[index].key)]!
            candidates[index].deviceCount = count
            let check = DeviceCount.check(count, parameters: parameters)
            candidates[index].trail.append(check)
            if check.passed { potential.append(index) }
        }

        // ImpossibleBeaconsByTimeDelta, removed by the leftantisemi join
        for index in potential {
            let scores = OutlierRejection.scores(candidates[index].deltas, parameters: parameters)
            let count = OutlierRejection.count(scores, parameters: parameters)
            candidates[index].outlierScores = scores
            candidates[index].outlierCount = count
            candidates[index].trail.append(OutlierRejection.check(count, parameters: parameters))
        }

        let beacons = candidates.filter(\.isReported).sorted(by: ResultOrder.inQueryOrder)
        return BeaconAnalysis(parameters: parameters, window: window, beacons: beacons, candidates: candidates,
                              eventCount: table.count, eventsRemoved: filtered.removed)
    }

    /// Stages 3 to 6 for one group: event count, deltas (and the groups that have none), statistics, jitter.
    static func measureUpToJitter(_ candidate: inout BeaconCandidate, parameters: QueryParameters,
                                  window: AnalysisWindow) {
        let countCheck = EventCountThreshold.check(distinctTimestamps: candidate.timestamps.count,
                                                   parameters: parameters, window: window)
        candidate.trail.append(countCheck)
        guard countCheck.passed else { return }

        let deltaCheck = TimeDeltas.check(candidate, parameters: parameters)
        candidate.trail.append(deltaCheck)
        guard deltaCheck.passed else { return }

        candidate.deltas = TimeDeltas.deltas(candidate.timestamps)
        let summary = DeltaStatistics.summarize(timestamps: candidate.timestamps, deltas: candidate.deltas,
                                                parameters: parameters)
        candidate.summary = summary
        candidate.trail.append(JitterFilter.check(summary, parameters: parameters))
    }
}

extension Instant {
    /// The wall clock, for `now()` when neither `--now` nor any data gives one.
    public static var current: Instant {
        Instant(ticks: Int64((Date().timeIntervalSince1970 * 1e7).rounded(.down)))
    }
}
