/// The seven columns the query groups by: one beacon candidate per distinct combination.
public struct BeaconKey: Hashable, Sendable {
    public var deviceId: String
    public var deviceName: String
    public var initiatingProcessAccountName: String
    public var initiatingProcessAccountDomain: String
    public var initiatingProcessFileName: String
    public var remoteIP: String
    /// nil is Kusto's null int (quirk Q8).
    public var remotePort: Int32?

    public init(deviceId: String, deviceName: String, initiatingProcessAccountName: String,
                initiatingProcessAccountDomain: String, initiatingProcessFileName: String,
                remoteIP: String, remotePort: Int32?) {
        self.deviceId = deviceId
        self.deviceName = deviceName
        self.initiatingProcessAccountName = initiatingProcessAccountName
        self.initiatingProcessAccountDomain = initiatingProcessAccountDomain
        self.initiatingProcessFileName = initiatingProcessFileName
        self.remoteIP = remoteIP
        self.remotePort = remotePort
    }

    /// Keys are equal when every column is byte-for-byte equal, as Kusto groups them (not by Unicode
    /// canonical equivalence, as `String` compares).
    public static func == (lhs: BeaconKey, rhs: BeaconKey) -> Bool {
        lhs.ordinalColumns == rhs.ordinalColumns && lhs.remotePort == rhs.remotePort
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinalColumns)
        hasher.combine(remotePort)
    }

    private var ordinalColumns: [OrdinalString] {
        [deviceId, deviceName, initiatingProcessAccountName, initiatingProcessAccountDomain,
         initiatingProcessFileName, remoteIP].map(OrdinalString.init)
    }

    /// The deterministic order for rows the query's `order by` leaves tied (Q16): each string key by its
    /// UTF-8 bytes, then the port with null first.
    public static func tieBreakOrder(_ a: BeaconKey, _ b: BeaconKey) -> Bool {
        let pairs: [(String, String)] = [
            (a.deviceId, b.deviceId), (a.deviceName, b.deviceName),
            (a.initiatingProcessAccountName, b.initiatingProcessAccountName),
            (a.initiatingProcessAccountDomain, b.initiatingProcessAccountDomain),
            (a.initiatingProcessFileName, b.initiatingProcessFileName), (a.remoteIP, b.remoteIP),
        ]
        for (x, y) in pairs where x != y {
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return (a.remotePort ?? -1) < (b.remotePort ?? -1)
    }
}

/// Group key with the strings still as pool ids, so grouping millions of events compares integers.
struct EncodedGroupKey: Hashable, Sendable {
    var deviceId: UInt32
    var deviceName: UInt32
    var accountName: UInt32
    var accountDomain: UInt32
    var fileName: UInt32
    var remoteIP: UInt32
    var remotePort: Int32

    init(deviceId: UInt32 = 0, deviceName: UInt32 = 0, accountName: UInt32 = 0, accountDomain: UInt32 = 0,
         fileName: UInt32 = 0, remoteIP: UInt32 = 0, remotePort: Int32 = 0) {
        self.deviceId = deviceId
        self.deviceName = deviceName
        self.accountName = accountName
        self.accountDomain = accountDomain
        self.fileName = fileName
        self.remoteIP = remoteIP
        self.remotePort = remotePort
    }

    func decoded(_ pool: StringPool) -> BeaconKey {
        BeaconKey(
            deviceId: pool[deviceId], deviceName: pool[deviceName],
            initiatingProcessAccountName: pool[accountName], initiatingProcessAccountDomain: pool[accountDomain],
            initiatingProcessFileName: pool[fileName], remoteIP: pool[remoteIP],
            remotePort: remotePort == EventTable.nullPort ? nil : remotePort
        )
    }
}
