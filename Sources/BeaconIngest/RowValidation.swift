import BeaconEngine

/// The `DeviceNetworkEvents` columns the query reads, under their (case-sensitive) KQL names.
enum EventColumn: Int, CaseIterable {
    case timestamp, deviceId, deviceName, actionType, remoteIP, remotePort, remoteUrl, remoteIPType
    case fileName, accountName, accountDomain

    var name: String {
        switch self {
        case .timestamp: return "Timestamp"
        case .deviceId: return "DeviceId"
        case .deviceName: return "DeviceName"
        case .actionType: return "ActionType"
        case .remoteIP: return "RemoteIP"
        case .remotePort: return "RemotePort"
        case .remoteUrl: return "RemoteUrl"
        case .remoteIPType: return "RemoteIPType"
        case .fileName: return "InitiatingProcessFileName"
        case .accountName: return "InitiatingProcessAccountName"
        case .accountDomain: return "InitiatingProcessAccountDomain"
        }
    }

    /// Sentinel's name for the event time, accepted where `Timestamp` is absent.
    static let alternativeTimeName = "TimeGenerated"

    /// Where each column sits among `names` (first occurrence wins), `Timestamp` falling back to
    /// `TimeGenerated`; or the names of the columns that are missing, in the query's order.
    static func locate(in names: [String]) -> Result<[Int], MissingColumns> {
        var firstIndex: [String: Int] = [:]
        for (index, name) in names.enumerated() where firstIndex[name] == nil { firstIndex[name] = index }
        var positions: [Int] = []
        var missing: [String] = []
        for column in allCases {
            if let index = firstIndex[column.name] ?? (column == .timestamp ? firstIndex[alternativeTimeName] : nil) {
                positions.append(index)
            } else {
                missing.append(column.name)
            }
        }
        return missing.isEmpty ? .success(positions) : .failure(MissingColumns(names: missing))
    }

    struct MissingColumns: Error {
        var names: [String]
    }
}

/// One file's bookkeeping while its rows are read: counts, the first issues, and the time range of the
/// events loaded.
struct FileIngest {
    let file: String
    var rowsRead = 0
    var rowsLoaded = 0
    var rowsSkipped = 0
    var issues: [IngestIssue] = []
    /// The times of the events loaded so far (`FileLoadSummary.timeRange`).
    var times = TimeRangeTracker()
    /// Loaded rows whose timestamp lost digits beyond the tick.
    var truncatedFractions = FractionTruncation()
    /// Rows later than this are noted with their line (`LateRows`); `Int64.max`, never true, except
    /// when `SetAsideRowLocator` asks where the rows a window's anchor set aside are.
    var notesRowsAfter = Int64.max
    var lateRows = LateRows()

    init(file: String) { self.file = file }

    /// Appends one event read from this file (at `line`, when known) to `table`, counting it and its time.
    mutating func load(_ event: NetworkEvent, line: Int?, into table: inout EventTable) {
        table.append(event)
        rowsLoaded += 1
        times.include(event.timestamp.ticks)
        if event.timestamp.ticks > notesRowsAfter { lateRows.include(line: line, ticks: event.timestamp.ticks) }
    }

    mutating func skip(line: Int?, field: String?, message: String) {
        rowsSkipped += 1
        if issues.count < EventLoader.issuesReportedPerFile {
            issues.append(IngestIssue(file: file, line: line, field: field, message: message))
        }
    }
}

/// A `RemotePort` cell read as Kusto's `int` column: empty is null.
enum PortValue: Equatable {
    case null
    case value(Int32)
    case notANumber
    case outOfRange

    /// Optional sign and decimal digits, surrounding spaces ignored.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> PortValue {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start == end { return .null }
        var negative = false
        if bytes[start] == 0x2B /* + */ || bytes[start] == 0x2D /* - */ {
            negative = bytes[start] == 0x2D
            start += 1
            if start == end { return .notANumber }
        }
        var value = 0
        var overflow = false
        for index in start..<end {
            let digit = Int(bytes[index]) &- 0x30
            guard digit >= 0 && digit <= 9 else { return .notANumber }
            if value <= 65_535 { value = value * 10 + digit } else { overflow = true }
        }
        if negative && (value != 0 || overflow) { return .outOfRange }
        if overflow || value > 65_535 { return .outOfRange }
        return .value(Int32(value))
    }

    static func parse(_ text: String) -> PortValue {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}

/// Messages for rejected cells; data is quoted and escaped.
enum RowMessage {
    static func badTimestamp(_ raw: String) -> String {
        raw.isEmpty ? "missing datetime" : "not an ISO 8601 datetime \(quoted(raw))"
    }
    static let missingTimestamp = "missing datetime"
    static func badPort(_ value: PortValue, raw: String) -> String {
        value == .outOfRange ? "out of range 0...65535: \(quoted(raw))" : "not a number \(quoted(raw))"
    }
    /// A line over `InputLimits.maximumLineBytes` (or a test's smaller limit), skipped unread, e.g.
    /// "line longer than 16 MiB; skipped".
    static func lineTooLong(limit: Int) -> String {
        "line longer than " + (limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes") + "; skipped"
    }
    static func badIP(_ raw: String) -> String {
        "not an IPv4 or IPv6 address \(quoted(raw))"
    }
}
