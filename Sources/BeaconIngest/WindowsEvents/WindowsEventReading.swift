/// One record of a Windows event file as read: a Sysmon 3 or 5156 record (compacted), another event left
/// out, or why it could not be read at all.
enum WindowsEventEntry {
    case record(WindowsEventRecord)
    case ignored(String)
    case unreadable(line: Int?, message: String)

    init(_ record: WindowsEventRecord) {
        if record.kind == nil {
            self = .ignored(record.eventID.map { "event \($0)" } ?? "no event id")
        } else {
            self = .record(record.compacted())
        }
    }
}

/// Windows event records of one file (JSON lines or XML) turned into pending connections, with the file's
/// bookkeeping: malformed records as issues (in line order), other events and inbound connections counted
/// as ignored, and a note on how 5156 times were made.
enum WindowsEventReading {
    static func connections(from entries: [WindowsEventEntry], offsets: LocalTimeOffsets, fileIndex: Int,
                            ingest: inout FileIngest, extras: inout NativeFileExtras) -> [PendingWindowsConnection] {
        ingest.rowsRead += entries.count
        var connections: [PendingWindowsConnection] = []
        var ignored: [String: Int] = [:]
        var shippersWithoutOffset: Set<String> = []
        var shippersUsed: Set<String> = []
        var cache = NativeValueCache()
        for entry in entries {
            let record: WindowsEventRecord
            switch entry {
            case .record(let found): record = found
            case .ignored(let reason):
                ignored[reason, default: 0] += 1
                continue
            case .unreadable(let line, let message):
                ingest.skip(line: line, field: nil, message: message)
                continue
            }
            switch WindowsConnectionMapping.outcome(of: record, fileIndex: fileIndex, offsets: offsets, cache: &cache) {
            case .connection(let connection):
                connections.append(connection)
                if connection.event.source == .windowsFilteringPlatform && record.systemTime == nil
                    && !LocalTimeOffsets.hasZone(record.localEventTime ?? "") {
                    let shipper = LocalTimeOffsets.shipper(of: record)
                    if offsets.offsetSeconds(for: record) == nil {
                        shippersWithoutOffset.insert(shipper)
                    } else {
                        shippersUsed.insert(shipper)
                    }
                }
            case .ignored(let reason):
                ignored[reason, default: 0] += 1
            case .malformed(let field, let message):
                ingest.skip(line: record.line, field: field, message: message)
            }
        }
        extras.rowsIgnored += ignored.values.reduce(0, +)
        if !ignored.isEmpty {
            let parts = ignored.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { "\($0.value) \($0.key)" }
            extras.notes.append("not outbound Sysmon 3 or Security 5156 connections, left out: " + parts.joined(separator: ", "))
        }
        for shipper in shippersUsed.sorted() {
            let seconds = offsets.offsets[shipper] ?? 0
            extras.notes.append("Security 5156 times are EventTime \(LocalTimeOffsets.describe(seconds: seconds)) "
                + "(the UTC offset of \(quoted(shipper)), estimated from @timestamp − EventReceivedTime of "
                + "\(offsets.sampleCounts[shipper] ?? 0) records, rounded to 15 min)")
        }
        for shipper in shippersWithoutOffset.sorted() {
            extras.notes.append("Security 5156 times from \(quoted(shipper)) have no zone and nothing to estimate one "
                + "from (no @timestamp and EventReceivedTime): EventTime read as UTC")
        }
        return connections
    }
}
