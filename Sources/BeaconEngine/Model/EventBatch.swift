/// Events as a reader hands a block of rows to `EventTable.append(_:stringIDs:)`: shaped as the table
/// stores them (timestamp, origin and target numbers), but with strings as ids of the reader's
/// own dictionaries rather than of a table's pool, and origins and targets numbered within the batch.
/// Shaping happens on the reader's thread (`shaping`), so the merge into the table translates a few
/// thousand origins and targets, not a million rows' nine ids.
public struct EventBatch: Sendable {
    /// What every event of the batch was read from.
    public var source: EventSource
    public private(set) var timestamp: [Int64] = []
    /// Each row's number in `origins`.
    private(set) var origin: [UInt32] = []
    /// Each row's number in `targets`.
    private(set) var target: [UInt32] = []
    /// The batch's distinct origins, their strings as ids of the reader's dictionaries.
    private(set) var origins: [EventOrigin] = []
    /// The batch's distinct targets, likewise.
    private(set) var targets: [EventTarget] = []

    public init(source: EventSource) {
        self.source = source
    }

    public var count: Int { timestamp.count }

    /// A batch of `count` rows read into columns: `strings(column)` points at that string column's ids,
    /// `remotePort` holds `EventTable.nullPort` for Kusto's null.
    public static func shaping(source: EventSource, count: Int, timestamp: UnsafePointer<Int64>,
                               remotePort: UnsafePointer<Int32>,
                               strings: (EventStringColumn) -> UnsafePointer<UInt32>) -> EventBatch {
        var batch = EventBatch(source: source)
        batch.timestamp = Array(UnsafeBufferPointer(start: timestamp, count: count))
        let deviceId = strings(.deviceId), deviceName = strings(.deviceName), accountName = strings(.accountName)
        let accountDomain = strings(.accountDomain), fileName = strings(.fileName), remoteIP = strings(.remoteIP)
        let actionType = strings(.actionType), remoteIPType = strings(.remoteIPType), remoteUrl = strings(.remoteUrl)
        var origins = KeyIndex<EventOrigin>(capacity: 256), targets = KeyIndex<EventTarget>(capacity: 256)
        batch.origin = (0..<count).map { row in
            UInt32(origins.number(of: EventOrigin(deviceId: deviceId[row], deviceName: deviceName[row],
                                                  accountName: accountName[row], accountDomain: accountDomain[row],
                                                  fileName: fileName[row])))
        }
        batch.target = (0..<count).map { row in
            UInt32(targets.number(of: EventTarget(remoteIP: remoteIP[row], remotePort: remotePort[row], remoteUrl: remoteUrl[row],
                                                  actionType: actionType[row], remoteIPType: remoteIPType[row],
                                                  source: source.rawValue)))
        }
        batch.origins = origins.keys
        batch.targets = targets.keys
        return batch
    }
}

/// The event table's string columns, in the order `EventTable.append(_: NetworkEvent)` interns them.
public enum EventStringColumn: Int, CaseIterable, Sendable {
    case deviceId, deviceName, actionType, remoteIP, remoteUrl, remoteIPType, accountName, accountDomain, fileName
}
