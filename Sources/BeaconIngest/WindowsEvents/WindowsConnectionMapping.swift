import BeaconEngine

/// An outbound connection read from Sysmon 3 or Security 5156, waiting for the other files of the load so
/// that a connection both providers logged can be kept once.
struct PendingWindowsConnection: Sendable {
    /// Index of its file in `LoadResult.files`.
    var fileIndex: Int
    var event: NetworkEvent
    var processID: UInt32?
    var localPort: Int32?
}

/// What became of one Windows event record.
enum WindowsRecordOutcome {
    case connection(PendingWindowsConnection)
    /// Read, but not an event of the analysis (another event id, an inbound connection); the reason is
    /// counted per file.
    case ignored(String)
    case malformed(field: String?, message: String)
}

/// Sysmon event 3 and Security event 5156 to `DeviceNetworkEvents` columns, as the shared real-data
/// converter mapped them (its README's "Conversion"), outbound connections only.
enum WindowsConnectionMapping {
    static let outboundDirection = "%%14593"
    static let inboundDirection = "%%14592"

    static func outcome(of record: WindowsEventRecord, fileIndex: Int, offsets: LocalTimeOffsets,
                        cache: inout NativeValueCache) -> WindowsRecordOutcome {
        switch record.kind {
        case .sysmonNetworkConnection?: return sysmon(record, fileIndex: fileIndex, cache: &cache)
        case .filteringPlatformConnection?:
            return filteringPlatform(record, fileIndex: fileIndex, offsets: offsets, cache: &cache)
        case nil: return .ignored(record.eventID.map { "event \($0)" } ?? "no event id")
        }
    }

    /// Sysmon event 3: `Initiated=true` is an outbound connection (ConnectionSuccess); `Image` gives the
    /// file name, `User` (`DOMAIN\name`, lower-cased) the account, `Destination*` the remote side, and
    /// `UtcTime` the time.
    static func sysmon(_ record: WindowsEventRecord, fileIndex: Int, cache: inout NativeValueCache) -> WindowsRecordOutcome {
        let initiated = record.data["Initiated"]?.trimmingSpacesAndTabs().lowercased()
        switch initiated {
        case "true": break
        case "false": return .ignored("inbound")
        default:
            return .malformed(field: "Initiated", message: "expected true or false, found \(quoted(record.data["Initiated"] ?? ""))")
        }
        let timeText = record.data["UtcTime"] ?? record.systemTime ?? ""
        guard let timestamp = TimestampParser.parse(Substring(timeText)) else {
            return .malformed(field: "UtcTime", message: RowMessage.badTimestamp(timeText))
        }
        let account = splitAccount(record.data["User"] ?? "")
        let hostname = record.data["DestinationHostname"]?.trimmingSpacesAndTabs() ?? ""
        return connection(record, fileIndex: fileIndex, timestamp: timestamp, source: .sysmon,
                          remoteFields: ("DestinationIp", "DestinationPort"), cache: &cache) { event in
            event.remoteUrl = hostname == "-" ? "" : hostname
            event.initiatingProcessAccountName = account.name
            event.initiatingProcessAccountDomain = account.domain
            event.initiatingProcessFileName = fileName(record.data["Image"] ?? "")
        }
    }

    /// Security event 5156: `Direction` %%14593 (outbound) only, as ConnectionSuccess (5156 means the
    /// Filtering Platform permitted it); `Application` (a `\device\harddiskvolumeN\…` path) gives the file
    /// name; no account exists in 5156.
    static func filteringPlatform(_ record: WindowsEventRecord, fileIndex: Int, offsets: LocalTimeOffsets,
                                  cache: inout NativeValueCache) -> WindowsRecordOutcome {
        let direction = record.data["Direction"]?.trimmingSpacesAndTabs() ?? ""
        switch direction.lowercased() {
        case outboundDirection, "outbound": break
        case inboundDirection, "inbound": return .ignored("inbound")
        default:
            return .malformed(field: "Direction", message: "expected %%14593 (outbound) or %%14592 (inbound), found \(quoted(direction))")
        }
        let timestamp: Instant
        switch filteringPlatformTime(record, offsets: offsets) {
        case .success(let found): timestamp = found
        case .failure(let problem): return problem.outcome
        }
        return connection(record, fileIndex: fileIndex, timestamp: timestamp, source: .windowsFilteringPlatform,
                          remoteFields: ("DestAddress", "DestPort"), cache: &cache) { event in
            event.initiatingProcessFileName = fileName(record.data["Application"] ?? "")
        }
    }

    /// The columns both providers fill alike once direction and time are settled: the logging host, then the
    /// remote side (in that order, so a record with both wrong reports the host), ConnectionSuccess, and the
    /// process and local port that `ProviderDeduplication` matches the two providers' copies on.
    private static func connection(_ record: WindowsEventRecord, fileIndex: Int, timestamp: Instant, source: EventSource,
                                   remoteFields: (address: String, port: String), cache: inout NativeValueCache,
                                   providerColumns: (inout NetworkEvent) -> Void) -> WindowsRecordOutcome {
        let device: (name: String, id: String)
        switch host(record, cache: &cache) {
        case .success(let found): device = found
        case .failure(let problem): return problem.outcome
        }
        let remote: (ip: String, type: String, port: Int32?)
        switch endpoint(record, addressField: remoteFields.address, portField: remoteFields.port, cache: &cache) {
        case .success(let found): remote = found
        case .failure(let problem): return problem.outcome
        }
        var event = NetworkEvent(timestamp: timestamp, deviceId: device.id, deviceName: device.name,
                                 actionType: "ConnectionSuccess", remoteIP: remote.ip, remotePort: remote.port,
                                 remoteIPType: remote.type, source: source)
        providerColumns(&event)
        return .connection(PendingWindowsConnection(fileIndex: fileIndex, event: event, processID: record.processID,
                                                    localPort: localPort(record.data["SourcePort"])))
    }

    /// The event's UTC time: its own system time when the shape has one, else nxlog's `EventTime` (with
    /// its zone when written, else plus the estimated offset of the nxlog that wrote it).
    static func filteringPlatformTime(_ record: WindowsEventRecord, offsets: LocalTimeOffsets) -> Result<Instant, FieldProblem> {
        if let system = record.systemTime {
            guard let instant = TimestampParser.parse(Substring(system)) else {
                return .failure(FieldProblem(field: "TimeCreated", message: RowMessage.badTimestamp(system)))
            }
            return .success(instant)
        }
        let local = record.localEventTime ?? ""
        guard let instant = TimestampParser.parse(Substring(local)) else {
            return .failure(FieldProblem(field: "EventTime", message: RowMessage.badTimestamp(local)))
        }
        if LocalTimeOffsets.hasZone(local) { return .success(instant) }
        // No estimate (no @timestamp to compare with): the local time is read as UTC; the file's notes say so.
        let offset = offsets.offsetSeconds(for: record) ?? 0
        return .success(Instant(ticks: instant.ticks + offset * Instant.ticksPerSecond))
    }

    struct FieldProblem: Error {
        var field: String
        var message: String
        var outcome: WindowsRecordOutcome { .malformed(field: field, message: message) }
    }

    /// The logging computer, lower-cased as the converter (and Defender) write device names, and its
    /// synthetic DeviceId.
    static func host(_ record: WindowsEventRecord, cache: inout NativeValueCache) -> Result<(name: String, id: String), FieldProblem> {
        let name = record.computer.trimmingSpacesAndTabs().lowercased()
        guard !name.isEmpty else { return .failure(FieldProblem(field: "Computer", message: "missing host name")) }
        return .success((name, cache.windowsHostID(name)))
    }

    /// The remote address in canonical form with its RemoteIPType, and the port.
    static func endpoint(_ record: WindowsEventRecord, addressField: String, portField: String, cache: inout NativeValueCache)
        -> Result<(ip: String, type: String, port: Int32?), FieldProblem> {
        let rawAddress = record.data[addressField] ?? ""
        guard let address = cache.address(rawAddress) else {
            return .failure(FieldProblem(field: addressField, message: RowMessage.badIP(rawAddress)))
        }
        let rawPort = record.data[portField] ?? ""
        let port = PortValue.parse(rawPort)
        switch port {
        case .value(let value): return .success((address.canonicalText, address.remoteIPType, value))
        case .null: return .success((address.canonicalText, address.remoteIPType, nil))
        case .notANumber, .outOfRange:
            return .failure(FieldProblem(field: portField, message: RowMessage.badPort(port, raw: rawPort)))
        }
    }

    /// The last component of a Windows path (`C:\Windows\System32\svchost.exe`,
    /// `\device\harddiskvolume2\…\powershell.exe`), as Defender's `InitiatingProcessFileName`.
    static func fileName(_ path: String) -> String {
        let trimmed = path.trimmingSpacesAndTabs()
        guard let separator = trimmed.lastIndex(where: { $0 == "\\" || $0 == "/" }) else { return trimmed }
        return String(trimmed[trimmed.index(after: separator)...])
    }

    /// `DOMAIN\name` lower-cased, as MDE writes accounts; a name without a domain keeps an empty domain,
    /// and Sysmon's `-` (no user) is no account.
    static func splitAccount(_ user: String) -> (domain: String, name: String) {
        let trimmed = user.trimmingSpacesAndTabs()
        if trimmed.isEmpty || trimmed == "-" { return ("", "") }
        guard let separator = trimmed.firstIndex(of: "\\") else { return ("", trimmed.lowercased()) }
        return (String(trimmed[..<separator]).lowercased(), String(trimmed[trimmed.index(after: separator)...]).lowercased())
    }

    private static func localPort(_ text: String?) -> Int32? {
        guard let text, case .value(let port) = PortValue.parse(text) else { return nil }
        return port
    }
}
