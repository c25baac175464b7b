import BeaconEngine

/// A preparation the update step asks the runtime for (`Effect.prepare`): the query over these events
/// with these parameters, computed off the UI thread.
public struct PreparationRequest: Sendable {
    public var events: EventTable
    public var parameters: QueryParameters
    /// The reading a window anchored on the data judges future-dated rows against (`AppState.loadedAt`).
    public var clock: Instant
    /// Whether every group is measured, or only those the event-count thresholds admit (`BeaconQuery.prepare`).
    public var measuringEveryGroup: Bool

    public init(events: EventTable, parameters: QueryParameters, clock: Instant, measuringEveryGroup: Bool) {
        self.events = events
        self.parameters = parameters
        self.clock = clock
        self.measuringEveryGroup = measuringEveryGroup
    }

    /// The preparation asked for, on the calling thread.
    public func prepare() -> PreparedQuery {
        BeaconQuery.prepare(events, parameters: parameters, currentTime: clock, measuringEveryGroup: measuringEveryGroup)
    }
}
