/// The part of a run that no threshold changes: the event filters, the groups, their deltas, statistics,
/// outlier scores and domains. A slider that moves a threshold only re-decides over these (see
/// `BeaconQuery.decide`), which is what lets the console re-rank a day of telemetry between two frames.
public struct PreparedQuery: Sendable {
    /// What the preparation depends on; any thresholds may be decided over it (see `serves`).
    public let basis: QueryBasis
    public let window: AnalysisWindow
    /// The event-count thresholds of a lean preparation, which measured only the groups passing them;
    /// nil when every group was measured.
    let measuredEventCounts: EventCountCut?
    let eventCount: Int
    let eventsRemoved: [QueryStage: Int]
    let groups: PreparedGroups
    /// For a table read in two passes, the floor of its `RowSelection`: the groups of at most this many
    /// rows are not there, so only thresholds that reject them all are served.
    let eventCountFloor: Int?

    /// Groups formed after the event filters.
    public var groupCount: Int { groups.count }

    /// False when only the groups passing the basis's event-count threshold were measured.
    public var measuresEveryGroup: Bool { measuredEventCounts == nil }

    /// Whether deciding `parameters` over this preparation is the same as preparing them afresh: the
    /// bases are equal, and a lean preparation measured every group their event-count thresholds admit.
    public func serves(_ parameters: QueryParameters) -> Bool {
        guard parameters.basis == basis, parameters.minEvents >= eventCountFloor ?? .min else { return false }
        return measuredEventCounts?.admitsAllOf(EventCountCut(parameters.thresholds)) ?? true
    }
}

/// The thresholds that choose which groups a lean preparation measures.
struct EventCountCut: Equatable {
    let minEvents: Int
    let maxEventsOverride: Int?

    init(_ thresholds: Thresholds) {
        minEvents = thresholds.minEvents
        maxEventsOverride = thresholds.maxEventsOverride
    }

    /// Whether every group `other` lets through passes this cut too. A higher minimum admits fewer
    /// groups (the test is `distinct > minimum`), so the console's lean preparation keeps serving while
    /// the event-count slider rises; the maximum must be the same.
    func admitsAllOf(_ other: EventCountCut) -> Bool {
        other.maxEventsOverride == maxEventsOverride && other.minEvents >= minEvents
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
