/// One row of the query's output as Kusto returned it (run in Defender, Sentinel or Azure Data Explorer
/// and exported from the portal): the group, its `TimeDeltaList` and the columns that cannot be
/// recomputed without the raw events.
public struct QueryResultRow: Sendable {
    public var key: BeaconKey
    /// `min_Timestamp`, `max_Timestamp` and `Duration` as Kusto computed them (the last two depend on Q7).
    public var minTimestamp: Instant
    public var maxTimestamp: Instant
    public var duration: Int64
    /// `TimeDeltaList`, in time order.
    public var deltas: [Int64]
    /// `dcount_DeviceId` as Kusto counted it, over every jitter survivor of the enterprise-wide run; nil when
    /// the export lacks the column. The device stage recounts over the rows given (see `QueryResultTriage`).
    public var deviceCount: Int?
    public var domains: [String]

    public init(key: BeaconKey, minTimestamp: Instant, maxTimestamp: Instant, duration: Int64, deltas: [Int64],
                deviceCount: Int?, domains: [String]) {
        self.key = key
        self.minTimestamp = minTimestamp
        self.maxTimestamp = maxTimestamp
        self.duration = duration
        self.deltas = deltas
        self.deviceCount = deviceCount
        self.domains = domains
    }

    /// The connection times, rebuilt from `min_Timestamp` and the deltas: whole seconds after the first, so
    /// the timeline is exact to the second and the count of distinct timestamps is the deltas' plus one.
    var reconstructedTimestamps: [Int64] {
        var current = minTimestamp.ticks
        var result = [current]
        result.reserveCapacity(deltas.count + 1)
        for delta in deltas {
            current += delta * Instant.ticksPerSecond
            result.append(current)
        }
        return result
    }
}
