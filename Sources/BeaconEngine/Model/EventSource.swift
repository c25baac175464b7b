/// Which telemetry an event was read from. The detail pane and the explain trail name it, because a
/// Zeek row has no process and a 5156 row no account, and the analyst must know that before judging.
public enum EventSource: UInt8, Sendable, CaseIterable, Comparable {
    /// `DeviceNetworkEvents`, exported from Defender or Sentinel (or written by `generate`).
    case defender
    /// Sysmon event ID 3, network connection.
    case sysmon
    /// Windows Security event 5156, the Filtering Platform permitted a connection.
    case windowsFilteringPlatform
    /// A Zeek `conn.log` record; the originator is the device.
    case zeek
    /// A row of the query's output run in Kusto: no events behind it here.
    case kustoResult

    /// A short name for the detail pane and exports.
    public var label: String {
        switch self {
        case .defender: "Defender"
        case .sysmon: "Sysmon 3"
        case .windowsFilteringPlatform: "Security 5156"
        case .zeek: "Zeek conn"
        case .kustoResult: "Kusto query result"
        }
    }

    public static func < (lhs: EventSource, rhs: EventSource) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A set of sources, one bit each: what a group's events were read from.
public struct EventSources: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ source: EventSource) { self.rawValue = 1 << source.rawValue }

    public var members: [EventSource] { EventSource.allCases.filter { contains(EventSources($0)) } }
    /// `Sysmon 3 + Security 5156`, or `Defender`.
    public var label: String { members.map(\.label).joined(separator: " + ") }
}
