/// The loaded events, column by column, with every string column dictionary-encoded in one pool.
///
/// Columns rather than an array of `NetworkEvent` keep a day of telemetry compact (about 50 bytes an
/// event) and let the query's stages compare 32-bit ids instead of strings.
public struct EventTable: Sendable {
    /// `remotePort` value that stands for Kusto's null.
    public static let nullPort: Int32 = -1

    public private(set) var pool = StringPool()
    public private(set) var timestamp: [Int64] = []
    public private(set) var deviceId: [UInt32] = []
    public private(set) var deviceName: [UInt32] = []
    public private(set) var actionType: [UInt32] = []
    public private(set) var remoteIP: [UInt32] = []
    public private(set) var remotePort: [Int32] = []
    public private(set) var remoteUrl: [UInt32] = []
    public private(set) var remoteIPType: [UInt32] = []
    public private(set) var accountName: [UInt32] = []
    public private(set) var accountDomain: [UInt32] = []
    public private(set) var fileName: [UInt32] = []
    /// `EventSource.rawValue` of each row.
    public private(set) var source: [UInt8] = []

    public init() {}

    public init<S: Sequence>(_ events: S) where S.Element == NetworkEvent {
        self.init()
        for event in events { append(event) }
    }

    public var count: Int { timestamp.count }

    public mutating func reserveCapacity(_ n: Int) {
        timestamp.reserveCapacity(n)
        for keyPath in [\EventTable.deviceId, \.deviceName, \.actionType, \.remoteIP, \.remoteUrl,
                        \.remoteIPType, \.accountName, \.accountDomain, \.fileName]
            as [WritableKeyPath<EventTable, [UInt32]>] {
            self[keyPath: keyPath].reserveCapacity(n)
        }
        remotePort.reserveCapacity(n)
        source.reserveCapacity(n)
    }

    public mutating func append(_ event: NetworkEvent) {
        timestamp.append(event.timestamp.ticks)
        deviceId.append(pool.intern(event.deviceId))
        deviceName.append(pool.intern(event.deviceName))
        actionType.append(pool.intern(event.actionType))
        remoteIP.append(pool.intern(event.remoteIP))
        remotePort.append(event.remotePort ?? Self.nullPort)
        remoteUrl.append(pool.intern(event.remoteUrl))
        remoteIPType.append(pool.intern(event.remoteIPType))
        accountName.append(pool.intern(event.initiatingProcessAccountName))
        accountDomain.append(pool.intern(event.initiatingProcessAccountDomain))
        fileName.append(pool.intern(event.initiatingProcessFileName))
        source.append(event.source.rawValue)
    }

    /// The pool id of the string whose UTF-8 bytes are `bytes` (see `StringPool.intern(bytes:)`).
    public mutating func internString(bytes: UnsafeRawBufferPointer) -> UInt32 {
        pool.intern(bytes: bytes)
    }

    /// Appends every row of `batch`. `stringIDs[column.rawValue][i]` is this table's pool id for the
    /// batch's id `i` in that string column.
    public mutating func append(_ batch: EventBatch, stringIDs: [[UInt32]]) {
        timestamp.append(contentsOf: batch.timestamp)
        remotePort.append(contentsOf: batch.remotePort)
        source.append(contentsOf: repeatElement(batch.source.rawValue, count: batch.count))
        func translate(_ local: [UInt32], _ stringColumn: EventStringColumn, into column: inout [UInt32]) {
            let start = column.count
            column.append(contentsOf: local)
            stringIDs[stringColumn.rawValue].withUnsafeBufferPointer { ids in
                column.withUnsafeMutableBufferPointer { column in
                    for index in start..<column.count { column[index] = ids[Int(column[index])] }
                }
            }
        }
        translate(batch.deviceId, .deviceId, into: &deviceId)
        translate(batch.deviceName, .deviceName, into: &deviceName)
        translate(batch.actionType, .actionType, into: &actionType)
        translate(batch.remoteIP, .remoteIP, into: &remoteIP)
        translate(batch.remoteUrl, .remoteUrl, into: &remoteUrl)
        translate(batch.remoteIPType, .remoteIPType, into: &remoteIPType)
        translate(batch.accountName, .accountName, into: &accountName)
        translate(batch.accountDomain, .accountDomain, into: &accountDomain)
        translate(batch.fileName, .fileName, into: &fileName)
    }

    /// Appends every row of `other`, re-encoding its strings into this table's pool.
    public mutating func append(contentsOf other: EventTable) {
        for row in 0..<other.count { append(other.event(at: row)) }
    }

    /// Row `row` decoded back into strings.
    public func event(at row: Int) -> NetworkEvent {
        NetworkEvent(
            timestamp: Instant(ticks: timestamp[row]),
            deviceId: pool[deviceId[row]],
            deviceName: pool[deviceName[row]],
            actionType: pool[actionType[row]],
            remoteIP: pool[remoteIP[row]],
            remotePort: remotePort[row] == Self.nullPort ? nil : remotePort[row],
            remoteUrl: pool[remoteUrl[row]],
            remoteIPType: pool[remoteIPType[row]],
            initiatingProcessAccountName: pool[accountName[row]],
            initiatingProcessAccountDomain: pool[accountDomain[row]],
            initiatingProcessFileName: pool[fileName[row]],
            source: EventSource(rawValue: source[row]) ?? .defender
        )
    }

    /// The latest timestamp in the table, used to anchor the window on historical exports.
    public var latest: Instant? { timestamp.max().map(Instant.init(ticks:)) }
}
