/// Hunt mode's decision over a preparation: every group with enough callbacks scored, those at or above
/// the cut reported, highest score first.
enum HuntDecision {
    /// Hunt mode's `eventCount` stage: enough distinct timestamps for a period to be measured.
    static func hasCallbacks(_ distinctTimestamps: Int) -> Bool {
        distinctTimestamps >= Periodicity.minimumTimestamps
    }

    /// Hunt mode's `beaconScore` stage: the score against the cut.
    static func passesScore(_ score: Double, _ thresholds: Thresholds) -> Bool {
        score >= thresholds.hunt.minScore
    }

    static func decide(_ prepared: PreparedQuery, parameters: QueryParameters) -> BeaconAnalysis {
        let groups = prepared.groups
        guard let hunt = groups.hunt else { preconditionFailure("a hunt decision needs a hunt preparation") }
        let measures = groups.measures
        let slots = measures.groupOfSlot.count
        var matcher = KnownBenignMatcher(parameters.hunt.knownBenign, pool: groups.pool, domainsByIP: groups.domainsByIP)
        var scores = [Double](repeating: 0, count: slots)
        var benign = [Int32](repeating: -1, count: slots)
        var outliers = [Int32](repeating: 0, count: slots)
        var reached = [QueryStage](repeating: .eventCount, count: groups.count)
        var lastPassed = [Bool](repeating: false, count: groups.count)
        let window = prepared.window
        for slot in 0..<slots {
            let group = Int(measures.groupOfSlot[slot])
            guard hasCallbacks(groups.distinctTimestamps(group)) else { continue }
            let key = groups.key(group)
            let match = matcher.isEmpty ? nil : matcher.match(key)
            benign[slot] = Int32(match ?? -1)
            let inputs = HuntVerdicts.inputs(slot: slot, key: key, hunt: hunt, groups: groups, windowStart: window.start.ticks,
                                              windowEnd: window.end.ticks, knownBenign: match.map(matcher.entry))
            scores[slot] = HuntScoring.score(inputs)
            outliers[slot] = Int32(OutlierRejection.count(
                measures.scores[measures.scoreStarts[slot]..<measures.scoreStarts[slot + 1]], parameters: parameters))
            reached[group] = .beaconScore
            lastPassed[group] = passesScore(scores[slot], parameters.thresholds)
        }
        let verdicts = HuntVerdicts(scores: scores, knownBenign: benign, entries: parameters.hunt.knownBenign,
                                    windowStart: window.start.ticks, windowEnd: window.end.ticks)
        let decision = Decision(groups: groups, parameters: parameters,
                                maxEvents: EventCountThreshold.maximum(parameters.thresholds, window), hunt: verdicts)
        let candidates = BeaconCandidates(decision: decision, reached: reached, lastPassed: lastPassed,
                                          devicesOfSlot: [Int32](repeating: -1, count: slots), outliersOfSlot: outliers)
        let beacons = candidates.filter(\.isReported).sorted { a, b in
            let x = verdicts.score(a), y = verdicts.score(b)
            return x != y ? x > y : BeaconKey.tieBreakOrder(a.key, b.key)
        }
        return BeaconAnalysis(parameters: parameters, window: window, beacons: beacons, candidates: candidates,
                              eventCount: prepared.eventCount, eventsRemoved: prepared.eventsRemoved)
    }
}

/// The scores of one hunt decision, by measures slot, shared by its candidates; the factors are made
/// again in words only for a candidate that is explained.
final class HuntVerdicts: Sendable {
    let scores: [Double]
    /// Index into `entries` of the known-benign entry that matched, or -1.
    let knownBenign: [Int32]
    let entries: [KnownBenignEntry]
    let windowStart: Int64
    let windowEnd: Int64

    init(scores: [Double], knownBenign: [Int32], entries: [KnownBenignEntry], windowStart: Int64, windowEnd: Int64) {
        self.scores = scores
        self.knownBenign = knownBenign
        self.entries = entries
        self.windowStart = windowStart
        self.windowEnd = windowEnd
    }

    /// A candidate's score; 0 for a group without a verdict.
    func score(_ candidate: BeaconCandidate) -> Double {
        let slot = Int(candidate.decision.groups.measures.summaryOfGroup[Int(candidate.group)])
        return slot < 0 ? 0 : scores[slot]
    }

    static func inputs(slot: Int, key: EncodedGroupKey, hunt: HuntMeasures, groups: PreparedGroups,
                       windowStart: Int64, windowEnd: Int64, knownBenign: KnownBenignEntry?) -> HuntScoring.Inputs {
        HuntScoring.Inputs(
            periodicity: hunt.periodicity[slot], shape: hunt.shapes[slot],
            destination: hunt.context.destination(key.remoteIP), fleetDevices: hunt.context.fleetDevices,
            windowStart: windowStart, windowEnd: windowEnd,
            hasDomain: groups.domainsByIP[key.remoteIP]?.contains { !$0.isEmpty } ?? false,
            serviceHostUnderServiceAccount: hunt.serviceHost[slot], knownBenign: knownBenign)
    }

    /// The score of `group` with its factors in words; a group with too few callbacks scores 0.
    func explain(_ group: Int, decision: Decision) -> HuntScore {
        let groups = decision.groups
        let slot = Int(groups.measures.summaryOfGroup[group])
        guard slot >= 0, let hunt = groups.hunt, HuntDecision.hasCallbacks(groups.distinctTimestamps(group)) else {
            var periodicity = Periodicity.none
            periodicity.callbacks = groups.distinctTimestamps(group)
            return HuntScore(score: 0, period: nil, periodConfidence: 0, coverage: 0,
                             factors: [ScoreFactor(name: "periodicity", value: 0, weight: 1,
                                                   detail: HuntScoring.periodicityDetail(periodicity))],
                             knownBenign: nil, periodicity: periodicity)
        }
        let entry = knownBenign[slot] >= 0 ? entries[Int(knownBenign[slot])] : nil
        return HuntScoring.explain(Self.inputs(slot: slot, key: groups.key(group), hunt: hunt, groups: groups,
                                               windowStart: windowStart, windowEnd: windowEnd, knownBenign: entry))
    }

    /// Hunt mode's trail: enough callbacks for a verdict, then the score against the cut.
    func check(_ stage: QueryStage, group: Int, decision: Decision) -> StageCheck {
        let groups = decision.groups
        switch stage {
        case .eventCount:
            let callbacks = groups.distinctTimestamps(group)
            return StageCheck(stage: .eventCount, passed: HuntDecision.hasCallbacks(callbacks),
                              measure: .callbacks(callbacks, minimum: Periodicity.minimumTimestamps))
        case .beaconScore:
            let slot = Int(groups.measures.summaryOfGroup[group])
            let score = slot < 0 ? 0 : scores[slot]
            let thresholds = decision.parameters.thresholds
            return StageCheck(stage: .beaconScore, passed: HuntDecision.passesScore(score, thresholds),
                              measure: .beaconScore(score, minimum: thresholds.hunt.minScore))
        default:
            preconditionFailure("\(stage) is not a stage of hunt mode's decision")
        }
    }
}
