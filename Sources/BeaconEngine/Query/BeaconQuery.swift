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
        let groups = GroupTimestamps.apply(table, filtered: filtered, threads: ProcessInfo.processInfo.activeProcessorCount)
        let eventsRemoved = filtered.removed
        let maxEvents = EventCountThreshold.maximum(parameters, window)
        let hunts = parameters.mode == .hunt
        let measured = (0..<groups.count).map { group in
            let distinct = groups.starts[group + 1] - groups.starts[group]
            if hunts { return distinct >= Periodicity.minimumTimestamps }
            return measuringEveryGroup
                || EventCountThreshold.passes(distinctTimestamps: distinct, minimum: parameters.minEvents, maximum: maxEvents)
        }
        var wantedIPs = [Bool](repeating: false, count: table.pool.count)
        for (group, isMeasured) in measured.enumerated() where isMeasured { wantedIPs[Int(groups.remoteIP(group))] = true }
        let domains = DomainEnrichment.domains(for: wantedIPs, in: table, window: window,
                                               keepEmpty: parameters.domainsKeepEmpty)
        let measures = GroupMeasures.measure(groups, measured: measured, parameters: parameters,
                                             threads: ProcessInfo.processInfo.activeProcessorCount)
        let hunt = hunts ? HuntMeasures.measure(groups, groupOfSlot: measures.groupOfSlot, pool: table.pool,
                                                threads: ProcessInfo.processInfo.activeProcessorCount) : nil
        let storage = PreparedGroups(pool: table.pool, groups: groups, measures: measures, domainsByIP: domains,
                                     hunt: hunt)
        // Hunt mode measures every group that can have a verdict, whatever the thresholds.
        return PreparedQuery(basis: parameters, window: window, measuresEveryGroup: measuringEveryGroup || hunts,
                             eventCount: table.count, eventsRemoved: eventsRemoved, groups: storage)
    }

    /// The thresholds applied to a preparation, stage by stage: each group keeps the trail of the checks
    /// it reached and only the measures of the stages it reached, as the KQL computes them.
    public static func decide(_ prepared: PreparedQuery, parameters: QueryParameters) -> BeaconAnalysis {
        precondition(prepared.serves(parameters), "a preparation only serves a change of thresholds")
        if parameters.mode == .hunt { return HuntDecision.decide(prepared, parameters: parameters) }
        let window = prepared.window
        let groups = prepared.groups
        let maxEvents = EventCountThreshold.maximum(parameters, window)
        let decision = Decision(groups: groups, parameters: parameters, maxEvents: maxEvents)
        let minEvents = parameters.minEvents, jitterThreshold = parameters.jitter
        let dropsNullPort = parameters.dropsNullRemotePort

        // BeaconCandidates: event count (stage 3), deltas (4), jitter (6); Domains (7) on the survivors.
        var checks = [UInt8](repeating: 1, count: groups.count)
        var lastPassed = [Bool](repeating: false, count: groups.count)
        // Slots (see `GroupMeasures`) of the groups that pass the jitter filter.
        var jitterSurvivors: [Int] = []
        let measures = groups.measures
        let jitters = measures.jitters
        measures.summaryOfGroup.withUnsafeBufferPointer { summaryOfGroup in
            for group in 0..<groups.count {
                let distinct = groups.distinctTimestamps(group)
                guard EventCountThreshold.passes(distinctTimestamps: distinct, minimum: minEvents, maximum: maxEvents) else {
                    continue
                }
                checks[group] = 2
                guard !(dropsNullPort && groups.portIsNull(group)) && distinct >= 2 else { continue }
                let slot = Int(summaryOfGroup[group])
                guard slot >= 0 else {
                    // Deltas without measures: a lean preparation's group (never reached with its basis).
                    lastPassed[group] = true
                    continue
                }
                checks[group] = 3
                guard jitters[slot] < jitterThreshold else { continue }
                jitterSurvivors.append(slot)
            }
        }

        // PotentialBeacons: the device count (stage 8) over the jitter survivors.
        var devices = [Int32](repeating: -1, count: measures.groupOfSlot.count)
        var outliers = [Int32](repeating: 0, count: measures.groupOfSlot.count)
        let deviceCounts = groups.destinations.counts(jitterSurvivors)
        for (slot, count) in zip(jitterSurvivors, deviceCounts) {
            let group = Int(measures.groupOfSlot[slot])
            checks[group] = 4
            devices[slot] = Int32(count)
            guard count <= parameters.deviceCountMax else { continue }
            // ImpossibleBeaconsByTimeDelta, removed by the leftantisemi join (stage 9).
            checks[group] = 5
            let counted = OutlierRejection.count(measures.scores[measures.scoreStarts[slot]..<measures.scoreStarts[slot + 1]],
                                                 parameters: parameters)
            outliers[slot] = Int32(counted)
            lastPassed[group] = counted <= parameters.outlierCountMax
        }

        let candidates = BeaconCandidates(decision: decision, checks: checks, lastPassed: lastPassed,
                                          devicesOfSlot: devices, outliersOfSlot: outliers)
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
