/// One Windows event, whatever shape it arrived in (nxlog's flat JSON, winlogbeat's nested JSON, wevtutil
/// XML), reduced to what the Sysmon 3 and Security 5156 mappings read.
struct WindowsEventRecord: Sendable {
    /// The line the record starts on.
    var line: Int?
    var eventID: Int?
    var channel = ""
    var providerName = ""
    /// The host that logged the event (`Computer`), not the collector that shipped it.
    var computer = ""
    /// Event data by name: Sysmon's `UtcTime`, `Image`, `DestinationIp`…; 5156's `Application`,
    /// `Direction`, `DestAddress`…
    var data: [String: String] = [:]
    /// The rendered message, when the shipper kept it.
    var message = ""
    /// The event's process id field from structured event data (XML, winlogbeat's `event_data`, or a
    /// string-valued nxlog key); see `processID`.
    var structuredProcessID: String?

    /// The event's own time in UTC: XML `TimeCreated/@SystemTime`, winlogbeat's `@timestamp`.
    var systemTime: String?
    /// nxlog's `EventTime`: the event's time in the shipping nxlog's local time, usually without a zone.
    var localEventTime: String?
    /// nxlog's `EventReceivedTime`, in the same local time.
    var localReceivedTime: String?
    /// The pipeline's `@timestamp` on nxlog records: when the record arrived, in UTC.
    var receivedTime: String?
    /// nxlog's `host`: the machine whose nxlog shipped the record, and so whose clock wrote `EventTime`.
    var sender: String?

    enum Kind {
        case sysmonNetworkConnection
        case filteringPlatformConnection
    }

    /// Sysmon event 3 or Security event 5156, or nil for any other event.
    var kind: Kind? {
        let channel = channel.lowercased(), provider = providerName.lowercased()
        switch eventID {
        case 3:
            let sysmon = channel.contains("sysmon") || provider.contains("sysmon")
                || (channel.isEmpty && provider.isEmpty)
            return sysmon && data["DestinationIp"] != nil ? .sysmonNetworkConnection : nil
        case 5156:
            let security = channel == "security" || provider == "microsoft-windows-security-auditing"
                || (channel.isEmpty && provider.isEmpty)
            return security && data["DestAddress"] != nil ? .filteringPlatformConnection : nil
        default:
            return nil
        }
    }

    /// The connecting process's id. The rendered message comes first: in 2019 nxlog exports the flat
    /// `ProcessID` key is nxlog's System field (the logging process, 4 or Sysmon's own), which overwrote
    /// the event data's `ProcessId` of the same name but another case.
    var processID: UInt32? {
        let marker = kind == .filteringPlatformConnection ? "Process ID:" : "ProcessId:"
        if let fromMessage = Self.number(after: marker, in: message) { return fromMessage }
        guard let structured = structuredProcessID else { return nil }
        return UInt32(structured.trimmingSpacesAndTabs())
    }

    /// The event data the mappings read; a record keeps only these while its file is read.
    static let usedDataNames: Set<String> = [
        "UtcTime", "Image", "User", "Initiated", "SourcePort", "DestinationIp", "DestinationPort", "DestinationHostname",
        "Application", "Direction", "DestAddress", "DestPort",
    ]

    /// The record as its file keeps it until every record is read: the event data the mappings use, and the
    /// rendered message reduced to the process id it gives (messages are most of a record's size).
    func compacted() -> WindowsEventRecord {
        var copy = self
        copy.data = data.filter { Self.usedDataNames.contains($0.key) }
        copy.structuredProcessID = processID.map(String.init)
        copy.message = ""
        return copy
    }

    /// The decimal number after the first `marker` in `text` (spaces and tabs skipped), if any.
    static func number(after marker: String, in text: String) -> UInt32? {
        guard !text.isEmpty, let range = text.range(of: marker) else { return nil }
        let digits = text[range.upperBound...].drop { $0 == " " || $0 == "\t" }.prefix { $0.isASCII && $0.isNumber }
        return UInt32(digits)
    }
}
