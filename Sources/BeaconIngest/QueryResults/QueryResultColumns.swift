import BeaconEngine

/// The query's output columns a result row is rebuilt from, and their cells checked one by one.
enum QueryResultColumns {
    /// Without these a row cannot be triaged: the group, its first connection and its deltas.
    static let required = ["DeviceId", "DeviceName", "InitiatingProcessAccountName", "InitiatingProcessFileName",
                           "RemoteIP", "RemotePort", "min_Timestamp", "TimeDeltaList"]

    static func check(_ names: [String], file: String) throws(LoadError) {
        let present = Set(names)
        let missing = required.filter { !present.contains($0) }
        if !missing.isEmpty { throw .missingColumns(path: file, columns: missing) }
    }

    /// The row in `record` (CSV cells as strings, or JSON values), or nil (reported) when a cell is invalid.
    static func row(from record: [String: JSONValue], line: Int?, ingest: inout FileIngest) -> QueryResultRow? {
        func text(_ name: String) -> String { JSONRecordConverter.string(record[name]) }
        func fail(_ field: String, _ message: String) -> QueryResultRow? {
            ingest.skip(line: line, field: field, message: message)
            return nil
        }
        guard let minTimestamp = TimestampParser.parse(Substring(text("min_Timestamp"))) else {
            return fail("min_Timestamp", RowMessage.badTimestamp(text("min_Timestamp")))
        }
        guard let deltas = integers(record["TimeDeltaList"]), !deltas.isEmpty else {
            return fail("TimeDeltaList", "not a JSON array of whole seconds: \(quoted(text("TimeDeltaList")))")
        }
        let portValue = JSONRecordConverter.port(record["RemotePort"])
        let port: Int32?
        switch portValue {
        case .null: port = nil
        case .value(let value): port = value
        case .notANumber, .outOfRange: return fail("RemotePort", RowMessage.badPort(portValue, raw: text("RemotePort")))
        }
        // max_Timestamp and Duration follow Q7 in Kusto's own run; without them, the last delta's end. Deltas
        // come from the file: their sum may not fit a datetime, which would trap rather than be reported.
        guard let lastConnection = end(of: deltas, from: minTimestamp) else {
            return fail("TimeDeltaList", "deltas that add up past the datetime range: \(quoted(text("TimeDeltaList")))")
        }
        var maxTimestamp = lastConnection
        if record["max_Timestamp"] != nil, !text("max_Timestamp").isEmpty {
            guard let given = TimestampParser.parse(Substring(text("max_Timestamp"))) else {
                return fail("max_Timestamp", RowMessage.badTimestamp(text("max_Timestamp")))
            }
            maxTimestamp = given
        }
        let (span, spanOverflows) = maxTimestamp.ticks.subtractingReportingOverflow(minTimestamp.ticks)
        if spanOverflows { return fail("max_Timestamp", RowMessage.badTimestamp(text("max_Timestamp"))) }
        var duration = span / Instant.ticksPerSecond
        if record["Duration"] != nil, !text("Duration").isEmpty {
            guard let given = Int64(text("Duration")) else { return fail("Duration", "not a whole number \(quoted(text("Duration")))") }
            duration = given
        }
        var deviceCount: Int?
        if record["dcount_DeviceId"] != nil, !text("dcount_DeviceId").isEmpty {
            guard let given = Int(text("dcount_DeviceId")), given >= 0 else {
                return fail("dcount_DeviceId", "not a count \(quoted(text("dcount_DeviceId")))")
            }
            deviceCount = given
        }
        let remoteIP = text("RemoteIP")
        guard remoteIP.isEmpty || IPAddressSyntax.isValid(remoteIP) else { return fail("RemoteIP", RowMessage.badIP(remoteIP)) }
        let key = BeaconKey(deviceId: text("DeviceId"), deviceName: text("DeviceName"),
                            initiatingProcessAccountName: text("InitiatingProcessAccountName"),
                            initiatingProcessAccountDomain: text("InitiatingProcessAccountDomain"),
                            initiatingProcessFileName: text("InitiatingProcessFileName"),
                            remoteIP: remoteIP, remotePort: port)
        return QueryResultRow(key: key, minTimestamp: minTimestamp, maxTimestamp: maxTimestamp, duration: duration,
                              deltas: deltas, deviceCount: deviceCount, domains: strings(record["Domains"]))
    }

    /// `start` plus the deltas (seconds), or nil when the sum leaves Int64 ticks.
    static func end(of deltas: [Int64], from start: Instant) -> Instant? {
        var ticks = start.ticks
        for delta in deltas {
            let (span, spanOverflows) = delta.multipliedReportingOverflow(by: Instant.ticksPerSecond)
            let (sum, sumOverflows) = ticks.addingReportingOverflow(span)
            if spanOverflows || sumOverflows { return nil }
            ticks = sum
        }
        return Instant(ticks: ticks)
    }

    /// A dynamic array of integers: a JSON array, or its text in a CSV cell (`[60,61]`). Whole numbers
    /// may be written with a fraction or exponent (`60.0`, `6e1`), as a JSON writer's doubles are.
    static func integers(_ value: JSONValue?) -> [Int64]? {
        guard let array = dynamicArray(value) else { return nil }
        var result: [Int64] = []
        result.reserveCapacity(array.count)
        for element in array {
            guard case .number(let text) = element, let number = Double(text), number == number.rounded(),
                  abs(number) < 9.2e18 else { return nil }
            // The text when it is an integer: a Double rounds beyond 2^53.
            result.append(Int64(text) ?? Int64(number))
        }
        return result
    }

    static func strings(_ value: JSONValue?) -> [String] {
        (dynamicArray(value) ?? []).map { JSONRecordConverter.string($0) }
    }

    private static func dynamicArray(_ value: JSONValue?) -> [JSONValue]? {
        switch value {
        case .array(let elements)?: return elements
        case .string(let text)? where !text.isEmpty:
            guard case .array(let elements)? = try? JSONTextParser.parse(text) else { return nil }
            return elements
        default: return nil
        }
    }
}
