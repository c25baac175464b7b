import KQL

/// One group of the query (a device, account, process and destination) with everything measured on it
/// and the trail of stages it passed or failed.
///
/// A candidate holds no arrays of its own: it points into its preparation's shared storage and keeps
/// only the verdicts of one decision, so deciding a hundred thousand groups copies no deltas, scores,
/// keys or strings. Each property below is read from that storage when asked for.
public struct BeaconCandidate: Sendable {
    let decision: Decision
    let group: Int32
    /// The last group stage the group was checked at (`QueryStage.groupFilters(mode)` order); every
    /// earlier one passed.
    let reached: QueryStage
    /// Whether the last check reached passed (every earlier one did).
    let lastPassed: Bool
    /// `dcount_DeviceId`, for jitter survivors (reached the device count); -1 otherwise.
    let devices: Int32
    /// Outliers counted, for groups that reached the outlier stage (or were scored in hunt mode); 0 otherwise.
    let outliers: Int32

    private var storage: PreparedGroups { decision.groups }
    private var index: Int { Int(group) }
    private var hunts: Bool { decision.hunt != nil }
    private var mode: QueryMode { decision.parameters.mode }
    /// Whether the group passed the time deltas, so its deltas were summarized: it reached the jitter
    /// check, or hunt mode's score.
    private var reachedDeltas: Bool { reached >= (hunts ? .beaconScore : .jitter) }

    public var key: BeaconKey { storage.key(index).decoded(storage.pool) }
    /// The group's distinct timestamps in ascending order (`array_sort_asc(make_set(Timestamp))`).
    public var timestamps: [Int64] { storage.timestamps(index) }
    /// How many distinct timestamps the group has: `timestamps.count`, without making the array.
    public var distinctTimestampCount: Int { storage.distinctTimestamps(index) }
    /// Events in the group before duplicates collapsed (Q5).
    public var eventCount: Int { Int(storage.eventCount(index)) }
    /// What the group's events were read from.
    public var sources: EventSources { EventSources(rawValue: storage.sources(index)) }
    /// `TimeDeltaInSeconds` in time order; empty when the group stopped before the deltas.
    public var deltas: [Int64] { reachedDeltas ? TimeDeltas.deltas(storage.timestampSlice(index)) : [] }
    public var summary: DeltaSummary? { reachedDeltas ? storage.measures.summary(index) : nil }
    /// `series_outliers(TimeDeltaList)`, one score per delta.
    public var outlierScores: [Double] {
        (hunts ? reachedDeltas : reached == .outliers) ? Array(storage.measures.scores[storage.deltaRange(index)]) : []
    }
    /// How many scores pass the query's outlier test.
    public var outlierCount: Int { Int(outliers) }
    /// `dcount_DeviceId` of the group's (process, IP, port) among jitter survivors.
    public var deviceCount: Int? { devices >= 0 ? Int(devices) : nil }
    /// `Domains`, sorted.
    public var domains: [String] {
        (hunts ? reachedDeltas : reached >= .deviceCount) ? storage.domainsByIP[storage.remoteIP(index)] ?? [] : []
    }
    /// Hunt mode's score and its factors; nil in the query's modes.
    public var huntScore: HuntScore? { decision.hunt?.explain(index, decision: decision) }

    /// The checks in stage order; the last one failed unless the candidate is reported.
    public var trail: [StageCheck] { QueryStage.checks(through: reached, in: mode).map(check) }

    /// The stage that removed this candidate, or nil when the query reports it.
    public var rejection: StageCheck? { lastPassed ? nil : check(reached) }
    public var isReported: Bool { lastPassed && reached == QueryStage.groupFilters(mode).last }

    /// The check at `stage`, made again from the measures and the thresholds by the stage's own
    /// predicate, the one `decide` applied.
    private func check(_ stage: QueryStage) -> StageCheck {
        let parameters = decision.parameters
        if let hunt = decision.hunt { return hunt.check(stage, group: index, decision: decision) }
        switch stage {
        case .eventCount:
            return EventCountThreshold.check(distinctTimestamps: distinctTimestampCount, minimum: parameters.minEvents,
                                             maximum: decision.maxEvents)
        case .timeDeltas:
            return TimeDeltas.check(distinctTimestamps: distinctTimestampCount, portIsNull: storage.portIsNull(index),
                                    basis: parameters.basis)
        case .jitter:
            return JitterFilter.check(storage.measures.summary(index)!.jitter, parameters.thresholds)
        case .deviceCount:
            return DeviceCount.check(Int(devices), parameters.thresholds)
        case .outliers:
            return OutlierRejection.check(Int(outliers), scores: storage.measures.scores[storage.deltaRange(index)],
                                          parameters: parameters)
        default:
            preconditionFailure("\(stage) is not a stage of the query's decision")
        }
    }
}

/// What one decision shares with all its candidates: the prepared groups and the thresholds.
final class Decision: Sendable {
    let groups: PreparedGroups
    let parameters: QueryParameters
    /// `TotalEventsThresholdMax` as the window makes it (or the override).
    let maxEvents: Int?
    /// Hunt mode's scores, for a hunt decision.
    let hunt: HuntVerdicts?

    init(groups: PreparedGroups, parameters: QueryParameters, maxEvents: Int?, hunt: HuntVerdicts? = nil) {
        self.groups = groups
        self.parameters = parameters
        self.maxEvents = maxEvents
        self.hunt = hunt
    }
}
