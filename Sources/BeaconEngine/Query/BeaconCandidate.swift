import KQL

/// One group of the query (a device, account, process and destination) with everything measured on it
/// and the trail of stages it passed or failed.
public struct BeaconCandidate: Sendable {
    public var key: BeaconKey
    /// The group's distinct timestamps in ascending order (`array_sort_asc(make_set(Timestamp))`).
    public var timestamps: [Int64]
    /// Events in the group before duplicates collapsed (Q5).
    public var eventCount: Int
    /// What the group's events were read from.
    public var sources: EventSources
    /// `TimeDeltaInSeconds` in time order; empty when the group stopped before the deltas.
    public var deltas: [Int64] = []
    public var summary: DeltaSummary?
    /// `series_outliers(TimeDeltaList)`, one score per delta.
    public var outlierScores: [Double] = []
    /// How many scores pass the query's outlier test.
    public var outlierCount: Int = 0
    /// `dcount_DeviceId` of the group's (process, IP, port) among jitter survivors.
    public var deviceCount: Int?
    /// `Domains`, sorted.
    public var domains: [String] = []
    /// The checks in stage order; the last one failed unless the candidate is reported.
    public var trail: [StageCheck] = []

    public init(key: BeaconKey, timestamps: [Int64], eventCount: Int, sources: EventSources = EventSources(.defender)) {
        self.key = key
        self.timestamps = timestamps
        self.eventCount = eventCount
        self.sources = sources
    }

    /// The stage that removed this candidate, or nil when the query reports it.
    public var rejection: StageCheck? { trail.first { !$0.passed } }
    public var isReported: Bool { rejection == nil && trail.last?.stage == .outliers }
}
