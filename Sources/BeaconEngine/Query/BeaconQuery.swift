import Foundation

/// The Suspicious Network Beacons query, stage by stage in the order the KQL runs them (spec S15).
///
/// A run is a preparation, which depends only on the `QueryBasis`, and a decision, which applies the
/// `Thresholds` to it. Each stage is one file of `Stages/`; each decided stage has one `passes`
/// predicate, which `decide` applies and the explain trail (`BeaconCandidate.trail`) words. Lines are
/// those of the seed's rule body (`SeedQuery.text`, line 1 `// Author`).
///
/// | Stage (`QueryStage`)                         | KQL lines | Type                                          | When                           |
/// |----------------------------------------------|-----------|-----------------------------------------------|--------------------------------|
/// | 1 `FilterEvents` (`timeWindow`…`actionType`) | 28-32     | where ×5                                      | prepared                       |
/// | 2 `GroupTimestamps`                          | 33, 35    | summarize, project                            | prepared                       |
/// | 3 `EventCountThreshold` (`eventCount`)       | 34        | where                                         | decided                        |
/// | 4 `TimeDeltas` (`timeDeltas`)                | 36-41     | mv-apply: extend, where                       | deltas prepared, pair decided  |
/// | 5 `DeltaStatistics`                          | 43-49     | summarize, extend                             | prepared                       |
/// | 6 `JitterFilter` (`jitter`)                  | 51        | where                                         | decided                        |
/// | 7 `DomainEnrichment`                         | 54-63     | join leftouter                                | prepared                       |
/// | 8 `DeviceCount` (`deviceCount`)              | 70-74     | summarize, where, join inner                  | decided                        |
/// | 9 `OutlierRejection` (`outliers`)            | 81-85, 90 | extend, where, summarize, where; leftantisemi | scores prepared, count decided |
/// | 10 `ResultOrder`                             | 91, 93    | extend, order by                              | decided                        |
///
/// Hunt mode has no KQL of the seed's: after stages 1-2 it decides `eventCount` (enough callbacks for a
/// period, `HuntDecision.hasCallbacks`) and `beaconScore` (`HuntDecision.passesScore`).
public enum BeaconQuery {
    /// `currentTime` is the clock reading: `now()` for an empty table without `--now`, and what a window
    /// anchored on the data judges future-dated rows against (`WindowAnchor`).
    public static func run(_ table: consuming EventTable, parameters: QueryParameters = QueryParameters(),
                           currentTime: Instant = .current) -> BeaconAnalysis {
        decide(prepare(consume table, parameters: parameters, currentTime: currentTime, measuringEveryGroup: false),
               parameters: parameters)
    }

    /// BeaconCandidates up to the measures: stages 1 and 2, then for every group the deltas, statistics
    /// (stage 5), domains (stage 7) and outlier scores (stage 9), none of which depends on a threshold.
    ///
    /// `measuringEveryGroup` is for a console whose event-count slider went below its preparation's cut;
    /// otherwise only the groups the event-count thresholds let through are measured (most groups of a
    /// large day have a handful of events), and the preparation then serves those thresholds and any
    /// higher minimum.
    ///
    /// A table read in two passes is left without its rows as they are grouped (`GroupTimestamps`): handed
    /// over as the only copy, its memory goes back before the grouping's largest step.
    public static func prepare(_ table: consuming EventTable, parameters: QueryParameters = QueryParameters(),
                               currentTime: Instant = .current, measuringEveryGroup: Bool = true) -> PreparedQuery {
        let basis = parameters.basis
        // Only a window anchored on the data needs the credible latest event (and its passes).
        let anchor = basis.now == nil ? table.anchor(clock: currentTime) : WindowAnchor(latest: nil, setAside: nil)
        let window = AnalysisWindow.resolve(basis, anchor: anchor, fallbackNow: currentTime)
        precondition(table.serves(basis, window: window), "a table read in two passes serves the basis and window it was read for")
        let filtered = FilterEvents.apply(table, window: window, basis: basis)
        let groups = GroupTimestamps.apply(&table, filtered: filtered, threads: ProcessInfo.processInfo.activeProcessorCount,
                                           releasingRows: table.secondPass != nil)
        let eventsRemoved = filtered.removed
        let maxEvents = EventCountThreshold.maximum(parameters.thresholds, window)
        let hunts = basis.mode == .hunt
        // Hunt mode measures every group that can have a verdict, whatever the thresholds.
        let measuresEveryGroup = measuringEveryGroup || hunts
        let measured = (0..<groups.count).map { group in
            let distinct = groups.starts[group + 1] - groups.starts[group]
            if hunts { return HuntDecision.hasCallbacks(distinct) }
            return measuringEveryGroup
                || EventCountThreshold.passes(distinctTimestamps: distinct, minimum: parameters.minEvents, maximum: maxEvents)
        }
        var wantedIPs = [Bool](repeating: false, count: table.pool.count)
        for (group, isMeasured) in measured.enumerated() where isMeasured { wantedIPs[Int(groups.remoteIP(group))] = true }
        let domains = DomainEnrichment.domains(for: wantedIPs, in: table, window: window,
                                               keepEmpty: basis.domainsKeepEmpty)
        let eventCount = table.rowsRead
        let measures = GroupMeasures.measure(groups, measured: measured, basis: basis,
                                             threads: ProcessInfo.processInfo.activeProcessorCount)
        let hunt = hunts ? HuntMeasures.measure(groups, groupOfSlot: measures.groupOfSlot, pool: table.pool,
                                                threads: ProcessInfo.processInfo.activeProcessorCount) : nil
        let storage = PreparedGroups(pool: table.pool, groups: groups, measures: measures, domainsByIP: domains,
                                     hunt: hunt)
        return PreparedQuery(basis: basis, window: window,
                             measuredEventCounts: measuresEveryGroup ? nil : EventCountCut(parameters.thresholds),
                             eventCount: eventCount, eventsRemoved: eventsRemoved, groups: storage,
                             eventCountFloor: table.selection?.floor)
    }

    /// The thresholds applied to a preparation, stage by stage: each group keeps the last stage it was
    /// checked at and only the measures of the stages it reached, as the KQL computes them.
    public static func decide(_ prepared: PreparedQuery, parameters: QueryParameters) -> BeaconAnalysis {
        precondition(prepared.serves(parameters), "a preparation only serves a change of thresholds")
        if parameters.mode == .hunt { return HuntDecision.decide(prepared, parameters: parameters) }
        let window = prepared.window
        let groups = prepared.groups
        let thresholds = parameters.thresholds, basis = parameters.basis
        let maxEvents = EventCountThreshold.maximum(thresholds, window)
        let decision = Decision(groups: groups, parameters: parameters, maxEvents: maxEvents)

        // BeaconCandidates: event count, time deltas, jitter; Domains (stage 7) on the survivors.
        var reached = [QueryStage](repeating: .eventCount, count: groups.count)
        var lastPassed = [Bool](repeating: false, count: groups.count)
        // Slots (see `GroupMeasures`) of the groups that pass the jitter filter.
        var jitterSurvivors: [Int] = []
        let measures = groups.measures
        let jitters = measures.jitters
        measures.summaryOfGroup.withUnsafeBufferPointer { summaryOfGroup in
            for group in 0..<groups.count {
                let distinct = groups.distinctTimestamps(group)
                guard EventCountThreshold.passes(distinctTimestamps: distinct, minimum: thresholds.minEvents,
                                                 maximum: maxEvents) else { continue }
                reached[group] = .timeDeltas
                guard TimeDeltas.passes(distinctTimestamps: distinct, portIsNull: groups.portIsNull(group),
                                        basis: basis) else { continue }
                let slot = Int(summaryOfGroup[group])
                guard slot >= 0 else {
                    // Deltas without measures: a lean preparation's group (never reached with its basis).
                    lastPassed[group] = true
                    continue
                }
                reached[group] = .jitter
                guard JitterFilter.passes(jitters[slot], thresholds) else { continue }
                jitterSurvivors.append(slot)
            }
        }

        // PotentialBeacons: the device count over the jitter survivors.
        var devices = [Int32](repeating: -1, count: measures.groupOfSlot.count)
        var outliers = [Int32](repeating: 0, count: measures.groupOfSlot.count)
        let deviceCounts = groups.destinations.counts(jitterSurvivors)
        for (slot, count) in zip(jitterSurvivors, deviceCounts) {
            let group = Int(measures.groupOfSlot[slot])
            reached[group] = .deviceCount
            devices[slot] = Int32(count)
            guard DeviceCount.passes(count, thresholds) else { continue }
            // ImpossibleBeaconsByTimeDelta, removed by the leftantisemi join.
            reached[group] = .outliers
            let counted = OutlierRejection.count(measures.scores[measures.scoreStarts[slot]..<measures.scoreStarts[slot + 1]],
                                                 parameters: parameters)
            outliers[slot] = Int32(counted)
            lastPassed[group] = OutlierRejection.passes(counted, thresholds)
        }

        let candidates = BeaconCandidates(decision: decision, reached: reached, lastPassed: lastPassed,
                                          devicesOfSlot: devices, outliersOfSlot: outliers)
        let beacons = candidates.filter(\.isReported).sorted(by: ResultOrder.inQueryOrder)
        return BeaconAnalysis(parameters: parameters, window: window, beacons: beacons, candidates: candidates,
                              eventCount: prepared.eventCount, eventsRemoved: prepared.eventsRemoved)
    }
}

extension Instant {
    /// The wall clock, for `now()` when neither `--now` nor any data gives one.
    public static var current: Instant { Instant(Date()) }

    /// A clock reading as an instant, to the tick below.
    public init(_ date: Date) {
        self.init(ticks: Int64((date.timeIntervalSince1970 * 1e7).rounded(.down)))
    }
}
