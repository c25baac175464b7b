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
    let groups: PreparedGroups

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
        key.hunt = defaults.hunt
        return key
    }
}

/// Every group with every threshold-independent measure taken, in arrays shared (never copied) by the
/// preparation and every candidate decided from it: a candidate is this storage, a group number and
/// its verdicts.
final class PreparedGroups: Sendable {
    let pool: StringPool
    /// The groups' keys, counts, sources and distinct timestamps.
    let grouped: GroupTimestamps.Groups
    let measures: GroupMeasures
    let domainsByIP: [UInt32: [String]]
    let destinations: DeviceCount.Destinations
    /// Hunt mode's measures, for a hunt preparation.
    let hunt: HuntMeasures?

    init(pool: StringPool, groups: GroupTimestamps.Groups, measures: GroupMeasures, domainsByIP: [UInt32: [String]],
         hunt: HuntMeasures? = nil) {
        self.pool = pool
        grouped = groups
        self.measures = measures
        self.domainsByIP = domainsByIP
        self.hunt = hunt
        destinations = DeviceCount.Destinations(measures.groupOfSlot.map { groups.key(Int($0)) })
    }

    var count: Int { grouped.count }

    func key(_ group: Int) -> EncodedGroupKey { grouped.key(group) }

    func remoteIP(_ group: Int) -> UInt32 { grouped.remoteIP(group) }

    func eventCount(_ group: Int) -> Int32 { grouped.eventCounts[group] }

    func sources(_ group: Int) -> UInt8 { grouped.sources[group] }

    func distinctTimestamps(_ group: Int) -> Int { grouped.starts[group + 1] - grouped.starts[group] }

    func timestamps(_ group: Int) -> [Int64] { Array(timestampSlice(group)) }

    func timestampSlice(_ group: Int) -> ArraySlice<Int64> { grouped.timestamps[grouped.starts[group]..<grouped.starts[group + 1]] }

    func deltaRange(_ group: Int) -> Range<Int> { measures.scoreRange(group) }

    func portIsNull(_ group: Int) -> Bool { grouped.remotePort(group) == EventTable.nullPort }
}
