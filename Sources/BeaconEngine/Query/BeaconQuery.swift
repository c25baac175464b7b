import Foundation

/// The Suspicious Network Beacons query, stage by stage in the order the KQL runs them (spec S15).
public enum BeaconQuery {
    public static func run(_ table: EventTable, parameters: QueryParameters = QueryParameters(),
                           currentTime: Instant = .current) -> BeaconAnalysis {
        decide(prepare(table, parameters: parameters, currentTime: currentTime, measuringEveryGroup: false),
               parameters: parameters)
    }

    /// BeaconCandidates up to the measures: stages 1 and 2, then for every group the deltas, statistics
    /// (stage 5), domains (stage 7) and outlier scores (stage 9), none of which depends on a threshold.
    ///
    /// `measuringEveryGroup` is for the console, whose event-count slider may admit any group later; a
    /// single run measures only the groups its event-count threshold lets through, and its preparation
    /// then serves only that threshold.
    public static func prepare(_ table: EventTable, parameters: QueryParameters = QueryParameters(),
                               currentTime: Instant = .current, measuringEveryGroup: Bool = true) -> PreparedQuery {
        let window = AnalysisWindow.resolve(parameters, latestEvent: table.latest, fallbackNow: currentTime)
        let filtered = FilterEvents.apply(table, window: window, parameters: parameters)
        let groups = GroupTimestamps.apply(table, rows: filtered.rows)
        let measured = groups.map { group in
            measuringEveryGroup || EventCountThreshold.check(distinctTimestamps: group.timestamps.count,
                                                             parameters: parameters, window: window).passed
        }
        let measuredIPs = Set(zip(groups, measured).filter(\.1).map(\.0.key.remoteIP))
        let domains = DomainEnrichment.domains(for: measuredIPs, in: table, window: window,
                                               keepEmpty: parameters.domainsKeepEmpty)
        let prepared = zip(groups, measured).map { group, measured in
            let deltas = measured ? TimeDeltas.deltas(group.timestamps) : []
            let summary = deltas.isEmpty ? nil
                : DeltaStatistics.summarize(timestamps: group.timestamps, deltas: deltas, parameters: parameters)
            return PreparedGroup(
                key: group.key.decoded(table.pool), timestamps: group.timestamps, eventCount: group.eventCount,
                sources: group.sources, deltas: deltas, summary: summary,
                outlierScores: deltas.isEmpty ? [] : OutlierRejection.scores(deltas, parameters: parameters),
                domains: domains[group.key.remoteIP] ?? [])
        }
        return PreparedQuery(basis: parameters, window: window, measuresEveryGroup: measuringEveryGroup,
                             eventCount: table.count, eventsRemoved: filtered.removed, groups: prepared)
    }

    /// The thresholds applied to a preparation, stage by stage: each group keeps the trail of the checks
    /// it reached and only the measures of the stages it reached, as the KQL computes them.
    public static func decide(_ prepared: PreparedQuery, parameters: QueryParameters) -> BeaconAnalysis {
        precondition(prepared.serves(parameters), "a preparation only serves a change of thresholds")
        let window = prepared.window

        // BeaconCandidates: event count (stage 3), deltas (4), jitter (6); Domains (7) on the survivors.
        var candidates = prepared.groups.map { group in
            BeaconCandidate(key: group.key, timestamps: group.timestamps, eventCount: group.eventCount,
                            sources: group.sources)
        }
        var jitterSurvivors: [Int] = []
        for (index, group) in prepared.groups.enumerated() {
            let countCheck = EventCountThreshold.check(distinctTimestamps: group.timestamps.count,
                                                       parameters: parameters, window: window)
            candidates[index].trail.append(countCheck)
            guard countCheck.passed else { continue }
            let deltaCheck = TimeDeltas.check(candidates[index], parameters: parameters)
            candidates[index].trail.append(deltaCheck)
            guard deltaCheck.passed, let summary = group.summary else { continue }
            candidates[index].deltas = group.deltas
            candidates[index].summary = summary
            let jitterCheck = JitterFilter.check(summary, parameters: parameters)
            candidates[index].trail.append(jitterCheck)
            guard jitterCheck.passed else { continue }
            candidates[index].domains = group.domains
            jitterSurvivors.append(index)
        }

        // PotentialBeacons: the device count (stage 8) over the jitter survivors.
        let devices = DeviceCount.counts(jitterSurvivors.map { candidates[$0].key })
        var potential: [Int] = []
        for index in jitterSurvivors {
            let count = devices[DeviceCount.destination(candidates[index].key)]!
            candidates[index].deviceCount = count
            let check = DeviceCount.check(count, parameters: parameters)
            candidates[index].trail.append(check)
            if check.passed { potential.append(index) }
        }

        // ImpossibleBeaconsByTimeDelta, removed by the leftantisemi join (stage 9).
        for index in potential {
            let scores = prepared.groups[index].outlierScores
            let count = OutlierRejection.count(scores, parameters: parameters)
            candidates[index].outlierScores = scores
            candidates[index].outlierCount = count
            candidates[index].trail.append(OutlierRejection.check(count, parameters: parameters))
        }

        // Stage 10.
        let beacons = candidates.filter(\.isReported).sorted(by: ResultOrder.inQueryOrder)
        return BeaconAnalysis(parameters: parameters, window: window, beacons: beacons, candidates: candidates,
                              eventCount: prepared.eventCount, eventsRemoved: prepared.eventsRemoved)
    }
}

extension Instant {
    /// The wall clock, for `now()` when neither `--now` nor any data gives one.
    public static var current: Instant {
        Instant(ticks: Int64((Date().timeIntervalSince1970 * 1e7).rounded(.down)))
    }
}
