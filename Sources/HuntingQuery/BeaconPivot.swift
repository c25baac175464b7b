import BeaconEngine

/// One beacon as a KQL pivot into the rest of the telemetry: its device's connections to its destination,
/// the process events of its initiating process (the process itself and what it started), and the file
/// events that process caused, over the analysis window, in one time-ordered result.
///
/// Every value comes from the data, so from an attacker: each is a `let` of a Kusto literal
/// (`KustoLiteral`) and the tables' filters only name those `let`s. Process names compare with `=~`, as
/// the console's marks do (Windows file names are case-insensitive); addresses, ports and the device id
/// with `==`. The device is found by its id or its name: rows read from Sysmon, Security 5156 or Zeek carry
/// a synthetic DeviceId that Defender does not know, but the host's name.
public struct BeaconPivot: Sendable, Equatable {
    public var key: BeaconKey
    /// The analysis window; `between` takes both ends, as the query's window does.
    public var start: Instant
    public var end: Instant
    public var flavor: QueryFlavor

    public init(key: BeaconKey, start: Instant, end: Instant, flavor: QueryFlavor) {
        self.key = key
        self.start = start
        self.end = end
        self.flavor = flavor
    }

    /// A beacon without a process (Zeek's connections) pivots on its connections only: there is no process
    /// whose process and file events to look up.
    public var hasProcess: Bool { !key.initiatingProcessFileName.isEmpty }

    /// The query text, ending in a line break.
    public func render() -> String {
        let time = flavor.timeColumn
        var lines = [
            "// Pivot on one beacon (beacon-triage): \(KustoLiteral.string(key.remoteText)) from \(KustoLiteral.string(key.deviceName)).",
            "// \(flavor.title); time column \(time). Every value below is a Kusto string literal of the data.",
            "// Process names compare with =~ (case ignored), addresses, ports and the device id with ==.",
            "let PivotStart = \(KustoLiteral.datetime(start));",
            "let PivotEnd = \(KustoLiteral.datetime(end));",
            "let PivotDeviceId = \(KustoLiteral.string(key.deviceId));",
            "let PivotDeviceName = \(KustoLiteral.string(key.deviceName));",
        ]
        if hasProcess { lines.append("let PivotProcess = \(KustoLiteral.string(key.initiatingProcessFileName));") }
        lines.append("let PivotRemoteIP = \(KustoLiteral.string(key.remoteIP));")
        if let port = key.remotePort { lines.append("let PivotRemotePort = \(KustoLiteral.long(Int(port)));") }
        let port = key.remotePort == nil ? "isnull(RemotePort)" : "RemotePort == PivotRemotePort"
        let window = "    | where \(time) between (PivotStart .. PivotEnd)"
        let device = "    | where DeviceId == PivotDeviceId or DeviceName =~ PivotDeviceName"
        lines += [
            "// The beacon's connections: this device to this destination.",
            "let Connections = DeviceNetworkEvents",
            window,
            device,
            "    | where RemoteIP == PivotRemoteIP and \(port)",
        ]
        if hasProcess { lines.append("    | where InitiatingProcessFileName =~ PivotProcess") }
        lines.append("    | extend SourceTable = \"DeviceNetworkEvents\";")
        var parts = ["Connections"]
        if hasProcess {
            lines += [
                "// The process: its own start (FileName) and the processes it started (InitiatingProcessFileName).",
                "let Processes = DeviceProcessEvents",
                window,
                device,
                "    | where FileName =~ PivotProcess or InitiatingProcessFileName =~ PivotProcess",
                "    | extend SourceTable = \"DeviceProcessEvents\";",
                "// The files the process created, changed or deleted.",
                "let Files = DeviceFileEvents",
                window,
                device,
                "    | where InitiatingProcessFileName =~ PivotProcess",
                "    | extend SourceTable = \"DeviceFileEvents\";",
            ]
            parts += ["Processes", "Files"]
        } else {
            lines.append("// No process on these rows (Zeek's connections): no process or file events to pivot to.")
        }
        // A column no table of the union has would fail to resolve: the process columns only with them.
        let processColumns = hasProcess ? " FileName, FolderPath, ProcessCommandLine," : ""
        lines += [
            "union \(parts.joined(separator: ", "))",
            "| project \(time), SourceTable, DeviceName, ActionType,\(processColumns) InitiatingProcessFileName, InitiatingProcessId, InitiatingProcessCommandLine, RemoteIP, RemotePort, RemoteUrl, ReportId",
            "| sort by \(time) asc",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
