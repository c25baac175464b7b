import BeaconEngine

/// One DeviceNetworkEvents row as the generator carries it between a series and the writer: a time,
/// numbers, and ids into the scenario's `StringTable`. Small and trivially copyable, since ten million
/// of them pass through the merge.
public struct GeneratedEvent: Sendable, Equatable {
    /// 100-ns ticks since the Unix epoch, as `Instant`.
    public var ticks: Int64
    /// Index into the fleet: the writer looks up DeviceId and DeviceName from it.
    public var device: Int32
    public var action: StringTable.ID
    public var remoteIP: StringTable.ID
    /// -1 writes an empty cell (CSV) or `null` (JSON): Kusto's null int, as on listening events.
    public var remotePort: Int32
    public var remoteUrl: StringTable.ID
    public var remoteIPType: StringTable.ID
    public var localIP: StringTable.ID
    public var localPort: Int32
    public var transport: StringTable.ID
    public var process: StringTable.ID
    public var account: StringTable.ID
    public var accountDomain: StringTable.ID
    public var processId: UInt32

    public static let nullPort: Int32 = -1
}

/// The constant part of a series' rows (everything but the time and the local port), built once.
public struct EventTemplate: Sendable {
    public var device: Int32
    public var action: StringTable.ID
    public var remoteIP: StringTable.ID
    public var remotePort: Int32
    public var remoteUrl: StringTable.ID
    public var remoteIPType: StringTable.ID
    public var localIP: StringTable.ID
    public var transport: StringTable.ID
    public var process: StringTable.ID
    public var account: StringTable.ID
    public var accountDomain: StringTable.ID
    public var processId: UInt32

    public func event(at ticks: Int64, localPort: Int32) -> GeneratedEvent {
        GeneratedEvent(ticks: ticks, device: device, action: action, remoteIP: remoteIP, remotePort: remotePort,
                       remoteUrl: remoteUrl, remoteIPType: remoteIPType, localIP: localIP, localPort: localPort,
                       transport: transport, process: process, account: account, accountDomain: accountDomain,
                       processId: processId)
    }
}

/// Anything that yields events in non-decreasing time order: one traffic series, one device's browsing.
/// Value types, so a copy can be run ahead (for the ground truth) without disturbing the original.
public protocol EventSource {
    mutating func next() -> GeneratedEvent?
}
