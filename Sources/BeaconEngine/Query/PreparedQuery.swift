/// The part of a run that no threshold changes: the event filters, the groups, their deltas, statistics,
/// outlier scores and domains. A slider that moves a threshold only re-decides over these (see
/// `BeaconQuery.decide`), which is what lets the console re-rank a day of telemetry between two frames.
public struct PreparedQuery: Sendable {
    /// The parameters the preparation used; only their thresholds may differ when deciding.
    public let basis: QueryParameters
    public let window: AnalysisWindow
    /// False when only the groups passing the basis's event-count threshold were measured.
    public let measuresEveryGroup: Bool
    let eventCount: Int
    let eventsRemoved: [QueryStage: Int]
    let groups: [PreparedGroup]

    /// Groups formed after the event filters.
    public var groupCount: Int { groups.count }

    /// Whether `parameters` differ from `basis` in thresholds alone, so this preparation serves them.
    public func serves(_ parameters: QueryParameters) -> Bool {
        guard PreparedQuery.preparationKey(parameters) == PreparedQuery.preparationKey(basis) else { return false }
        return measuresEveryGroup
            || (parameters.minEvents == basis.minEvents && parameters.maxEventsOverride == basis.maxEventsOverride)
    }

    /// The parameters with every threshold reset, so two of them compare equal when only thresholds differ.
    static func preparationKey(_ parameters: QueryParameters) -> QueryParameters {
        var key = parameters
        let defaults = QueryParameters()
        key.minEvents = defaults.minEvents
        key.maxEventsOverride = defaults.maxEventsOverride
        key.jitter = defaults.jitter
        key.outlierMax = defaults.outlierMax
        key.outlierCountMax = defaults.outlierCountMax
        key.deviceCountMax = defaults.deviceCountMax
        return key
    }
}

/// One group with every threshold-independent measure taken.
struct PreparedGroup: Sendable {
    var key: BeaconKey
    var timestamps: [Int64]
    var eventCount: Int
    var sources: EventSources
    /// Empty for a group with a single timestamp, or one not measured.
    var deltas: [Int64]
    var summary: DeltaSummary?
    var outlierScores: [Double]
    var domains: [String]
}
