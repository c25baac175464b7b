import BeaconEngine

/// Turns one JSON event object into a `NetworkEvent`, checking its cells like the CSV reader does.
struct JSONRecordConverter {
    /// Which required column names (and `TimeGenerated`) appeared in any record.
    private var seen = [Bool](repeating: false, count: EventColumn.allCases.count)
    private var seenTimeGenerated = false

    var columnsSeen: [String] { Self.names(ofColumns: columnsNamed) }

    /// The columns seen as bits: bit `EventColumn.rawValue`, and `timeGeneratedBit` for `TimeGenerated`
    /// (the order of `JSONEventScanner`'s slots), so that blocks read on several threads can be combined.
    var columnsNamed: UInt16 {
        var bits: UInt16 = seenTimeGenerated ? 1 << Self.timeGeneratedBit : 0
        for column in EventColumn.allCases where seen[column.rawValue] { bits |= 1 << column.rawValue }
        return bits
    }

    static let timeGeneratedBit = EventColumn.allCases.count

    /// The column names `bits` stands for (see `columnsNamed`).
    static func names(ofColumns bits: UInt16) -> [String] {
        var names = EventColumn.allCases.filter { bits & (1 << $0.rawValue) != 0 }.map(\.name)
        if bits & (1 << timeGeneratedBit) != 0 { names.append(EventColumn.alternativeTimeName) }
        return names
    }

    mutating func event(from record: [String: JSONValue], line: Int?, ingest: inout FileIngest) -> NetworkEvent? {
        var object = record
        // The streaming API's shape: the columns sit inside "properties".
        if object[EventColumn.timestamp.name] == nil, object[EventColumn.alternativeTimeName] == nil,
           case .object(let properties)? = object["properties"] {
            object = properties
        }
        for column in EventColumn.allCases where !seen[column.rawValue] && object[column.name] != nil {
            seen[column.rawValue] = true
        }
        if !seenTimeGenerated && object[EventColumn.alternativeTimeName] != nil { seenTimeGenerated = true }

        // Timestamp, or TimeGenerated when Timestamp is absent or null.
        var timeName = EventColumn.timestamp.name
        var timeValue = object[timeName]
        if timeValue == nil || timeValue == .null, let generated = object[EventColumn.alternativeTimeName] {
            timeName = EventColumn.alternativeTimeName
            timeValue = generated
        }
        guard let timeValue, timeValue != .null else {
            ingest.skip(line: line, field: EventColumn.timestamp.name, message: RowMessage.missingTimestamp)
            return nil
        }
        var droppedDigits = false
        guard case .string(var text) = timeValue,
              let timestamp = text.withUTF8({ TimestampParser.parse(bytes: $0, droppedDigits: &droppedDigits) }) else {
            ingest.skip(line: line, field: timeName, message: RowMessage.badTimestamp(Self.text(of: timeValue)))
            return nil
        }

        let portValue = Self.port(object[EventColumn.remotePort.name])
        let remotePort: Int32?
        switch portValue {
        case .null: remotePort = nil
        case .value(let value): remotePort = value
        case .notANumber, .outOfRange:
            ingest.skip(line: line, field: EventColumn.remotePort.name,
                        message: RowMessage.badPort(portValue, raw: Self.text(of: object[EventColumn.remotePort.name])))
            return nil
        }

        let remoteIP = Self.string(object[EventColumn.remoteIP.name])
        guard remoteIP.isEmpty || IPAddressSyntax.isValid(remoteIP) else {
            ingest.skip(line: line, field: EventColumn.remoteIP.name, message: RowMessage.badIP(remoteIP))
            return nil
        }

        // Every check passed: the caller loads the event.
        if droppedDigits { ingest.truncatedFractions.include(line: line) }
        return NetworkEvent(
            timestamp: timestamp,
            deviceId: Self.string(object[EventColumn.deviceId.name]),
            deviceName: Self.string(object[EventColumn.deviceName.name]),
            actionType: Self.string(object[EventColumn.actionType.name]),
            remoteIP: remoteIP,
            remotePort: remotePort,
            remoteUrl: Self.string(object[EventColumn.remoteUrl.name]),
            remoteIPType: Self.string(object[EventColumn.remoteIPType.name]),
            initiatingProcessAccountName: Self.string(object[EventColumn.accountName.name]),
            initiatingProcessAccountDomain: Self.string(object[EventColumn.accountDomain.name]),
            initiatingProcessFileName: Self.string(object[EventColumn.fileName.name])
        )
    }

    /// A string column: missing or null is `""` (Kusto strings have no null); numbers and booleans in
    /// their JSON text; nested values as compact JSON.
    static func string(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case let other?: return text(of: other)
        }
    }

    /// A `RemotePort` value: `443`, `443.0`, `"443"`, null or missing (null); booleans, fractions and
    /// nested values are not numbers.
    static func port(_ value: JSONValue?) -> PortValue {
        switch value {
        case nil, .null?: return .null
        case .string(let text)?: return PortValue.parse(text)
        case .number(let text)?:
            // A whole number as written: digits the cell parser reads, overflow included.
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return PortValue.parse(text) }
            guard let number = Double(text), number.isFinite, number == number.rounded(.towardZero) else { return .notANumber }
            return (0...65_535).contains(number) ? .value(Int32(number)) : .outOfRange
        case .bool?, .array?, .object?: return .notANumber
        }
    }

    /// A JSON value as text, for string columns and messages: strings as they are, numbers as written,
    /// `true`/`false`/`null`, nested values as compact JSON.
    static func text(of value: JSONValue?) -> String {
        guard let value else { return "null" }
        if let scalar = value.scalarText { return scalar }
        return value.compactText
    }
}
