import BeaconEngine

/// One connection logged by both Sysmon (event 3) and the Windows Filtering Platform (Security 5156) is one
/// connection: counted twice, every gap of a beacon gets a near-zero twin and its jitter is ruined.
///
/// A 5156 record repeats a Sysmon record when both have the same device, local port and remote address and
/// port, the same process id (when both know it), and times at most `tolerance` apart: Sysmon's `UtcTime`
/// has milliseconds, 5156 whole seconds from a local clock, and on the OTRF data the pairs lie within
/// −1.8 s … +1.0 s of each other. The Sysmon record is kept (it has the account and the host name); every
/// 5156 record that repeats one is dropped, including the second record WFP writes for some connections.
enum ProviderDeduplication {
    static let tolerance: Int64 = 2 * Instant.ticksPerSecond

    private struct ConnectionKey: Hashable {
        var deviceId: String
        var localPort: Int32
        var remoteIP: String
        var remotePort: Int32?
    }

    /// For each connection, whether it is a 5156 record repeating a Sysmon record.
    static func duplicates(in connections: [PendingWindowsConnection]) -> [Bool] {
        var sysmon: [ConnectionKey: [(ticks: Int64, processID: UInt32?)]] = [:]
        for connection in connections where connection.event.source == .sysmon {
            guard let key = key(of: connection) else { continue }
            sysmon[key, default: []].append((connection.event.timestamp.ticks, connection.processID))
        }
        return connections.map { connection in
            guard connection.event.source == .windowsFilteringPlatform, let key = key(of: connection),
                  let seen = sysmon[key] else { return false }
            let ticks = connection.event.timestamp.ticks
            return seen.contains { candidate in
                abs(candidate.ticks - ticks) <= tolerance
                    && (candidate.processID == nil || connection.processID == nil || candidate.processID == connection.processID)
            }
        }
    }

    /// Without a local port a record cannot be matched, and is kept.
    private static func key(of connection: PendingWindowsConnection) -> ConnectionKey? {
        guard let localPort = connection.localPort else { return nil }
        return ConnectionKey(deviceId: connection.event.deviceId, localPort: localPort,
                             remoteIP: connection.event.remoteIP, remotePort: connection.event.remotePort)
    }
}
