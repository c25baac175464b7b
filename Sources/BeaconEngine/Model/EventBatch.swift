/// Events in columns whose strings are ids of a reader's own dictionaries rather than of a table's pool:
/// how a reader hands a block of rows to `EventTable.append(_:stringIDs:)` without a `String` per field.
/// Each string column numbers its strings on its own (a dictionary per column keeps the small ones
/// small enough for the fastest cache).
public struct EventBatch: Sendable {
    /// What every event of the batch was read from.
    public var source: EventSource
    public var timestamp: [Int64] = []
    /// `EventTable.nullPort` for Kusto's null.
    public var remotePort: [Int32] = []
    public var deviceId: [UInt32] = []
    public var deviceName: [UInt32] = []
    public var actionType: [UInt32] = []
    public var remoteIP: [UInt32] = []
    public var remoteUrl: [UInt32] = []
    public var remoteIPType: [UInt32] = []
    public var accountName: [UInt32] = []
    public var accountDomain: [UInt32] = []
    public var fileName: [UInt32] = []

    public init(source: EventSource, capacity: Int = 0) {
        self.source = source
        if capacity > 0 {
            timestamp.reserveCapacity(capacity)
            remotePort.reserveCapacity(capacity)
            for keyPath in [\EventBatch.deviceId, \.deviceName, \.actionType, \.remoteIP, \.remoteUrl,
                            \.remoteIPType, \.accountName, \.accountDomain, \.fileName]
                as [WritableKeyPath<EventBatch, [UInt32]>] {
                self[keyPath: keyPath].reserveCapacity(capacity)
            }
        }
    }

    public var count: Int { timestamp.count }
}

/// The event table's string columns, in the order `EventTable.append(_: NetworkEvent)` interns them.
public enum EventStringColumn: Int, CaseIterable, Sendable {
    case deviceId, deviceName, actionType, remoteIP, remoteUrl, remoteIPType, accountName, accountDomain, fileName
}
