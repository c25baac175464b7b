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
    /// How many stage checks the group reached: 1 (event count) to 5 (outliers); in hunt mode 1
    /// (callbacks) or 2 (score).
    let checks: UInt8
    /// Whether the last check reached passed (every earlier one did).
    let lastPassed: Bool
    /// `dcount_DeviceId`, for jitter survivors (checks ≥ 4); -1 otherwise.
    let devices: Int32
    /// Outliers counted, for groups that reached stage 9 (checks = 5); 0 otherwise.
    let outliers: Int32

    private var storage: PreparedGroups { decision.groups }
    private var index: Int { Int(group) }
    private var hunts: Bool { decision.hunt != nil }
    /// Whether the group reached the stage that measures its deltas (stage 4, or hunt mode's score).
    private var reachedDeltas: Bool { checks >= (hunts ? 2 : 3) }

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
        checks >= 5 || (hunts && reachedDeltas) ? Array(storage.measures.scores[storage.deltaRange(index)]) : []
    }
    /// How many scores pass the query's outlier test.
    public var outlierCount: Int { Int(outliers) }
    /// `dcount_DeviceId` of the group's (process, IP, port) among jitter survivors.
    public var deviceCount: Int? { devices >= 0 ? Int(devices) : nil }
    /// `Domains`, sorted.
    public var domains: [String] {
        checks >= 4 || (hunts && reachedDeltas) ? storage.domainsByIP[storage.remoteIP(index)] ?? [] : []
    }
    /// Hunt mode's score and its factors; nil in the query's modes.
    public var huntScore: HuntScore? { decision.hunt?.explain(index, decision: decision) }

    /// The checks in stage order; the last one failed unless the candidate is reported.
    public var trail: [StageCheck] { (0..<Int(checks)).map(check) }

    /// The stage that removed this candidate, or nil when the query reports it.
    public var rejection: StageCheck? { lastPassed ? nil : check(Int(checks) - 1) }
    public var isReported: Bool { checks == (hunts ? 2 : 5) && lastPassed }

    /// The check at position `position` of the trail, made again from the measures and the thresholds.
    private func check(_ position: Int) -> StageCheck {
        let thresholds = decision.parameters
        if let hunt = decision.hunt { return hunt.check(position, group: index, decision: decision) }
        switch position {
        case 0:
            return EventCountThreshold.check(distinctTimestamps: distinctTimestampCount, minimum: thresholds.minEvents,
                                             maximum: decision.maxEvents)
        case 1:
            return TimeDeltas.check(distinctTimestamps: distinctTimestampCount, portIsNull: storage.portIsNull(index),
                                    parameters: thresholds)
        case 2:
            return JitterFilter.check(storage.measures.summary(index)!, parameters: thresholds)
        case 3:
            return DeviceCount.check(Int(devices), parameters: thresholds)
        default:
            return OutlierRejection.check(Int(outliers), parameters: thresholds)
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
