/// The `ActionType` values of DeviceNetworkEvents the generator writes (spec S14).
///
/// Only `ConnectionSuccess` survives the query as written: its other two names are misspelt (quirk Q1).
public enum ActionType: String, Sendable, CaseIterable {
    case connectionSuccess = "ConnectionSuccess"
    case connectionFailed = "ConnectionFailed"
    case connectionRequest = "ConnectionRequest"
    case inboundConnectionAccepted = "InboundConnectionAccepted"
    case listeningConnectionCreated = "ListeningConnectionCreated"
}

/// Defender's `RemoteIPType` values (spec S14; the query also tests `LinkLocal`). `none` is the empty
/// string Defender leaves on listening events.
///
/// Defender does not document which value multicast destinations get; the generator uses `Reserved`
/// for them (224.0.0.0/4 is IANA-reserved for multicast), which the query's type filter removes.
public enum RemoteIPType: String, Sendable, CaseIterable {
    case publicAddress = "Public"
    case privateAddress = "Private"
    case loopback = "Loopback"
    case linkLocal = "LinkLocal"
    case reserved = "Reserved"
    case fourToSixMapping = "FourToSixMapping"
    case teredo = "Teredo"
    case broadcast = "Broadcast"
    case none = ""
}

public enum TransportProtocol: String, Sendable, CaseIterable {
    case tcp = "Tcp"
    case udp = "Udp"
}
