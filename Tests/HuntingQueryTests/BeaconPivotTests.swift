import BeaconEngine
import Testing
@testable import HuntingQuery

/// `p`'s pivot, against queries written out by hand.
@Suite struct BeaconPivotTests {
    static let start = Instant(ticks: 1_704_067_200 * Instant.ticksPerSecond)  // 2024-01-01T00:00:00Z
    static let end = Instant(ticks: (1_704_067_200 + 86_400) * Instant.ticksPerSecond)

    static func key(process: String = "powershell.exe", ip: String = "203.0.113.66", port: Int32? = 443,
                    device: String = "ws-01.corp.local") -> BeaconKey {
        BeaconKey(deviceId: "0123abcd", deviceName: device, initiatingProcessAccountName: "alice",
                  initiatingProcessAccountDomain: "corp", initiatingProcessFileName: process, remoteIP: ip,
                  remotePort: port)
    }

    @Test func defenderPivotOnABeacon() {
        let text = BeaconPivot(key: Self.key(), start: Self.start, end: Self.end, flavor: .defender).render()
        let expected = """
        // Pivot on one beacon (beacon-triage): "203.0.113.66:443" from "ws-01.corp.local".
        // Microsoft Defender advanced hunting; time column Timestamp. Every value below is a Kusto string literal of the data.
        // Process names compare with =~ (case ignored), addresses, ports and the device id with ==.
        let PivotStart = datetime(2024-01-01T00:00:00.0000000Z);
        let PivotEnd = datetime(2024-01-02T00:00:00.0000000Z);
        let PivotDeviceId = "0123abcd";
        let PivotDeviceName = "ws-01.corp.local";
        let PivotProcess = "powershell.exe";
        let PivotRemoteIP = "203.0.113.66";
        let PivotRemotePort = 443;
        // The beacon's connections: this device to this destination.
        let Connections = DeviceNetworkEvents
            | where Timestamp between (PivotStart .. PivotEnd)
            | where DeviceId == PivotDeviceId or DeviceName =~ PivotDeviceName
            | where RemoteIP == PivotRemoteIP and RemotePort == PivotRemotePort
            | where InitiatingProcessFileName =~ PivotProcess
            | extend SourceTable = "DeviceNetworkEvents";
        // The process: its own start (FileName) and the processes it started (InitiatingProcessFileName).
        let Processes = DeviceProcessEvents
            | where Timestamp between (PivotStart .. PivotEnd)
            | where DeviceId == PivotDeviceId or DeviceName =~ PivotDeviceName
            | where FileName =~ PivotProcess or InitiatingProcessFileName =~ PivotProcess
            | extend SourceTable = "DeviceProcessEvents";
        // The files the process created, changed or deleted.
        let Files = DeviceFileEvents
            | where Timestamp between (PivotStart .. PivotEnd)
            | where DeviceId == PivotDeviceId or DeviceName =~ PivotDeviceName
            | where InitiatingProcessFileName =~ PivotProcess
            | extend SourceTable = "DeviceFileEvents";
        union Connections, Processes, Files
        | project Timestamp, SourceTable, DeviceName, ActionType, FileName, FolderPath, ProcessCommandLine, InitiatingProcessFileName, InitiatingProcessId, InitiatingProcessCommandLine, RemoteIP, RemotePort, RemoteUrl, ReportId
        | sort by Timestamp asc

        """
        #expect(text == expected)
    }

    @Test func sentinelUsesTimeGenerated() {
        let text = BeaconPivot(key: Self.key(), start: Self.start, end: Self.end, flavor: .sentinel).render()
        let lines = text.components(separatedBy: "\n")
        #expect(lines[1] == "// Microsoft Sentinel / Log Analytics; time column TimeGenerated. Every value below is a Kusto string literal of the data.")
        #expect(lines.filter { $0 == "    | where TimeGenerated between (PivotStart .. PivotEnd)" }.count == 3)
        #expect(lines.suffix(3) == [
            "| project TimeGenerated, SourceTable, DeviceName, ActionType, FileName, FolderPath, ProcessCommandLine, InitiatingProcessFileName, InitiatingProcessId, InitiatingProcessCommandLine, RemoteIP, RemotePort, RemoteUrl, ReportId",
            "| sort by TimeGenerated asc", "",
        ])
        #expect(!text.contains("Timestamp"))
    }

    /// Zeek's rows have no process and may have no port: the connections alone, `isnull` for the port,
    /// and no column only the process tables have.
    @Test func noProcessAndANullPortPivotOnTheConnectionsAlone() {
        let text = BeaconPivot(key: Self.key(process: "", ip: "2001:db8::7", port: nil), start: Self.start,
                               end: Self.end, flavor: .defender).render()
        let lines = text.components(separatedBy: "\n")
        #expect(lines[0] == #"// Pivot on one beacon (beacon-triage): "[2001:db8::7]:null" from "ws-01.corp.local"."#)
        #expect(!lines.contains { $0.hasPrefix("let PivotProcess") || $0.hasPrefix("let PivotRemotePort") })
        #expect(lines.contains("    | where RemoteIP == PivotRemoteIP and isnull(RemotePort)"))
        #expect(!text.contains("DeviceProcessEvents") && !text.contains("DeviceFileEvents") && !text.contains("=~ PivotProcess"))
        #expect(lines.suffix(5) == [
            "// No process on these rows (Zeek's connections): no process or file events to pivot to.",
            "union Connections",
            "| project Timestamp, SourceTable, DeviceName, ActionType, InitiatingProcessFileName, InitiatingProcessId, InitiatingProcessCommandLine, RemoteIP, RemotePort, RemoteUrl, ReportId",
            "| sort by Timestamp asc", "",
        ])
    }

    /// A hostile name ends no literal and starts no line: it stays one escaped literal in its `let`.
    @Test func valuesAreEscapedKustoLiterals() {
        let hostile = "evil\".exe\n| take 1 //\u{202E}"
        let text = BeaconPivot(key: Self.key(process: hostile, device: "a\\b"), start: Self.start, end: Self.end,
                               flavor: .defender).render()
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains(#"let PivotProcess = "evil\".exe\n| take 1 //\u202E";"#))
        #expect(lines.contains(#"let PivotDeviceName = "a\\b";"#))
        #expect(!lines.contains { $0.hasPrefix("| take") })
        // The value is named only through its `let`: it appears once in the whole text.
        #expect(text.components(separatedBy: "take 1").count == 2)
    }
}
