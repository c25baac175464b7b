/// One `DeviceNetworkEvents` row, reduced to the columns the query reads (spec S14).
///
/// Strings follow Kusto's rule that a string has no null: a missing value is `""`.
/// `remotePort` is an `int` column and can be null, which the query treats specially (quirk Q8).
public struct NetworkEvent: Hashable, Sendable {
    public var timestamp: Instant
    public var deviceId: String
    public var deviceName: String
    public var actionType: String
    public var remoteIP: String
    public var remotePort: Int32?
    public var remoteUrl: String
    public var remoteIPType: String
    public var initiatingProcessAccountName: String
    public var initiatingProcessAccountDomain: String
    public var initiatingProcessFileName: String
    /// What the event was read from; not a column of the query.
    public var source: EventSource

    public init(
        timestamp: Instant,
        deviceId: String = "",
        deviceName: String = "",
        actionType: String = "",
        remoteIP: String = "",
        remotePort: Int32? = nil,
        remoteUrl: String = "",
        remoteIPType: String = "",
        initiatingProcessAccountName: String = "",
        initiatingProcessAccountDomain: String = "",
        initiatingProcessFileName: String = "",
        source: EventSource = .defender
    ) {
        self.timestamp = timestamp
        self.deviceId = deviceId
        self.deviceName = deviceName
        self.actionType = actionType
        self.remoteIP = remoteIP
        self.remotePort = remotePort
        self.remoteUrl = remoteUrl
        self.remoteIPType = remoteIPType
        self.initiatingProcessAccountName = initiatingProcessAccountName
        self.initiatingProcessAccountDomain = initiatingProcessAccountDomain
        self.initiatingProcessFileName = initiatingProcessFileName
        self.source = source
    }
}
