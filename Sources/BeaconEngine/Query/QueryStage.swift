/// The query's filtering steps, in the order the KQL runs them (spec S15).
public enum QueryStage: String, Sendable, CaseIterable, Comparable {
    /// `where Timestamp between (ago(starttime)..ago(endtime))`.
    case timeWindow
    /// `where RemoteIPType !in ("Reserved", "Private", "LinkLocal", "Loopback")`.
    case remoteIPType
    /// `where isnotempty(RemoteIP) and RemoteIP !in ("0.0.0.0")`.
    case remoteIPPresent
    /// `where not(ipv4_is_private(RemoteIP))`.
    case privateAddress
    /// `where ActionType in (...)`.
    case actionType
    /// `where array_length(set_Timestamp) > TotalEventsThresholdMin and ... < TotalEventsThresholdMax`.
    case eventCount
    /// The mv-apply pairing each timestamp with the next: a group with one timestamp has no pair, and
    /// `nextRemotePort == RemotePort` is never true for a null port (Q8).
    case timeDeltas
    /// `where Jitter < JitterThreshold`.
    case jitter
    /// `where dcount_DeviceId <= CompromisedDeviceCountMax`.
    case deviceCount
    /// The leftantisemi join with ImpossibleBeaconsByTimeDelta (`count_ > OutlierCountMax`).
    case outliers
    /// Hunt mode: `HuntScore.score >= HuntSettings.minScore`, in place of the query's group filters after
    /// the event count.
    case beaconScore

    /// Stages that remove single events before any grouping.
    public static let eventFilters: [QueryStage] = [.timeWindow, .remoteIPType, .remoteIPPresent, .privateAddress, .actionType]
    /// Stages that remove whole (device, account, process, destination) groups: the decided stages, whose
    /// checks make a candidate's trail in this order.
    public static let groupFilters: [QueryStage] = [.eventCount, .timeDeltas, .jitter, .deviceCount, .outliers]
    /// Hunt mode's group stages: enough distinct timestamps for a period, then the score.
    public static let huntGroupFilters: [QueryStage] = [.eventCount, .beaconScore]

    /// The group stages `mode` runs.
    public static func groupFilters(_ mode: QueryMode) -> [QueryStage] {
        mode == .hunt ? huntGroupFilters : groupFilters
    }

    /// The group stages `mode` checks up to and including `last`: the trail of a group that reached `last`.
    static func checks(through last: QueryStage, in mode: QueryMode) -> ArraySlice<QueryStage> {
        let stages = groupFilters(mode)
        return stages[...stages.firstIndex(of: last)!]
    }

    public static func < (lhs: QueryStage, rhs: QueryStage) -> Bool {
        inQueryOrder.firstIndex(of: lhs)! < inQueryOrder.firstIndex(of: rhs)!
    }

    /// The cases in declaration order, which is the query's order, made once: `allCases` makes a new
    /// array at every call, and candidates are compared by stage while filtering and sorting.
    private static let inQueryOrder = allCases

    /// A short label for tables and the explain trail.
    public var label: String {
        switch self {
        case .timeWindow: "time window"
        case .remoteIPType: "RemoteIPType"
        case .remoteIPPresent: "RemoteIP present"
        case .privateAddress: "private address"
        case .actionType: "ActionType"
        case .eventCount: "events"
        case .timeDeltas: "time deltas"
        case .jitter: "jitter"
        case .deviceCount: "devices"
        case .outliers: "outliers"
        case .beaconScore: "score"
        }
    }
}
