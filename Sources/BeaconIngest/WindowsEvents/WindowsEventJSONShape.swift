/// The JSON shapes forwarders give Windows events:
///
/// * nxlog (`im_msvistalog` + `to_json`), as in the OTRF datasets: flat, the System fields as numbers
///   (`EventID`, `ProcessID`), the event data as strings (`DestinationIp`, `DestPort`), `Hostname` for the
///   computer, `EventTime`/`EventReceivedTime` in nxlog's local time, often with a pipeline's `@timestamp`
///   and `host` (the shipping machine) added.
/// * winlogbeat / Elastic Agent: `winlog.event_id`, `winlog.channel`, `winlog.provider_name`,
///   `winlog.computer_name`, `winlog.event_data.*`, and `@timestamp` the event's time in UTC.
enum WindowsEventJSONShape {
    /// The top-level members `record(from:line:)` reads; the reader leaves the others unparsed.
    static let membersRead: Set<String> = Set([
        "winlog", "message", "@timestamp", "EventID", "Channel", "SourceName", "ProviderName", "Hostname", "Computer",
        "computer_name", "EventData", "event_data", "ProcessId", "ProcessID", "Message", "TimeCreated", "TimeGenerated",
        "EventTime", "EventReceivedTime", "host",
    ]).union(WindowsEventRecord.usedDataNames)

    /// Whether `value` looks like a Windows event record in one of these shapes.
    static func isWindowsEvent(_ value: JSONValue) -> Bool {
        if let winlog = value["winlog"], winlog.isObject, winlog["event_id"] != nil { return true }
        guard value["EventID"]?.scalarText != nil else { return false }
        return value["Channel"] != nil || value["SourceName"] != nil || value["ProviderGuid"] != nil
            || value["Hostname"] != nil || value["Computer"] != nil
    }

    static func record(from value: JSONValue, line: Int) -> WindowsEventRecord {
        var record = WindowsEventRecord(line: line)
        if let winlog = value["winlog"], winlog.isObject {
            record.eventID = integer(winlog["event_id"])
            record.channel = winlog["channel"]?.scalarText ?? ""
            record.providerName = winlog["provider_name"]?.scalarText ?? ""
            record.computer = winlog["computer_name"]?.scalarText ?? ""
            record.data = scalars(of: winlog["event_data"])
            record.structuredProcessID = record.data["ProcessId"] ?? record.data["ProcessID"]
            record.message = value["message"]?.scalarText ?? ""
            record.systemTime = value["@timestamp"]?.scalarText
            return record
        }
        record.eventID = integer(value["EventID"])
        record.channel = value["Channel"]?.scalarText ?? ""
        record.providerName = (value["SourceName"] ?? value["ProviderName"])?.scalarText ?? ""
        record.computer = (value["Hostname"] ?? value["Computer"] ?? value["computer_name"])?.scalarText ?? ""
        if case .object(let members) = value {
            for (name, member) in members {
                if let text = member.scalarText { record.data[name] = text }
            }
        }
        for (name, text) in scalars(of: value["EventData"] ?? value["event_data"]) { record.data[name] = text }
        // nxlog writes the event data as strings and its own System fields as numbers: a numeric flat
        // `ProcessID` is nxlog's (the logging process), a string one the event's.
        let flatProcessID = [value["ProcessId"], value["ProcessID"]].compactMap { member -> String? in
            if case .string(let text)? = member { return text }
            return nil
        }.first
        let nested = value["EventData"] ?? value["event_data"]
        record.structuredProcessID = (nested?["ProcessId"] ?? nested?["ProcessID"])?.scalarText ?? flatProcessID
        record.message = value["Message"]?.scalarText ?? ""
        record.systemTime = (value["TimeCreated"] ?? value["TimeGenerated"])?.scalarText
        record.localEventTime = value["EventTime"]?.scalarText
        record.localReceivedTime = value["EventReceivedTime"]?.scalarText
        record.receivedTime = value["@timestamp"]?.scalarText
        if case .string(let sender)? = value["host"] { record.sender = sender }
        return record
    }

    private static func integer(_ value: JSONValue?) -> Int? {
        guard let text = value?.scalarText else { return nil }
        return Int(text.trimmingSpacesAndTabs())
    }

    private static func scalars(of value: JSONValue?) -> [String: String] {
        guard case .object(let members)? = value else { return [:] }
        var result: [String: String] = [:]
        for (name, member) in members {
            if let text = member.scalarText { result[name] = text }
        }
        return result
    }
}
