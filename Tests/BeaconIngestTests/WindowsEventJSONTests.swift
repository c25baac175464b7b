import BeaconEngine
@testable import BeaconIngest
import Foundation
import Testing

/// Windows events as JSON lines, in the two shapes forwarders write, with values written by hand;
/// expectations follow from the mapping rules and the shared converter's README.
@Suite struct WindowsEventJSONTests {
    static let ws01 = "1d2ae23536f1baac6ec15c672f845f98637f4442"   // sha1("ws01.corp.example"), Python hashlib

    /// nxlog: flat keys, event data as strings, its own ProcessID a number, EventTime in local time.
    static func nxlogSysmon(utc: String, localEventTime: String, received: String, receivedLocal: String,
                            pid: String = "4242", sourcePort: String = "50001", messagePID: String? = "4242") -> String {
        let message = messagePID.map { #","Message":"Network connection detected:\r\nRuleName: -\r\nProcessId: \#($0)\r\nImage: C:\\x\\updater.exe""# } ?? ""
        return #"{"EventID":3,"Channel":"Microsoft-Windows-Sysmon/Operational","SourceName":"Microsoft-Windows-Sysmon","Hostname":"WS01.corp.example","host":"collector1","ProcessID":3284,"ProcessId":"\#(pid)","EventTime":"\#(localEventTime)","EventReceivedTime":"\#(receivedLocal)","@timestamp":"\#(received)","UtcTime":"\#(utc)","Image":"C:\\Users\\alice\\updater.exe","User":"CORP\\Alice","Initiated":"true","SourcePort":"\#(sourcePort)","DestinationIp":"198.51.100.7","DestinationPort":"443","DestinationHostname":"-""# + message + "}"
    }

    static func nxlog5156(localEventTime: String, received: String, receivedLocal: String, pid: String = "4242",
                          sourcePort: String = "50001", direction: String = "%%14593", messagePID: String? = nil) -> String {
        let message = messagePID.map { #","Message":"The Windows Filtering Platform has permitted a connection.\r\n\r\nApplication Information:\r\n\tProcess ID:\t\t\#($0)\r\n""# } ?? ""
        return #"{"EventID":5156,"Channel":"Security","SourceName":"Microsoft-Windows-Security-Auditing","Hostname":"WS01.corp.example","host":"collector1","ProcessID":4,"ProcessId":"\#(pid)","EventTime":"\#(localEventTime)","EventReceivedTime":"\#(receivedLocal)","@timestamp":"\#(received)","Application":"\\device\\harddiskvolume2\\users\\alice\\updater.exe","Direction":"\#(direction)","SourceAddress":"10.1.2.3","SourcePort":"\#(sourcePort)","DestAddress":"198.51.100.7","DestPort":"443","Protocol":"6""# + message + "}"
    }

    /// A collector at UTC-4 (EventTime 06:00 for 10:00 UTC): `@timestamp` − EventReceivedTime ≈ 4 h + 0.4 s.
    @Test func filteringPlatformTimeIsEventTimePlusTheShippersOffset() throws {
        let lines = [
            Self.nxlog5156(localEventTime: "2024-03-01 06:00:01", received: "2024-03-01T10:00:02.400Z",
                           receivedLocal: "2024-03-01 06:00:02"),
            Self.nxlog5156(localEventTime: "2024-03-01 06:00:06", received: "2024-03-01T10:00:09.900Z",
                           receivedLocal: "2024-03-01 06:00:07", sourcePort: "50002"),
        ]
        let result = try loadText(lines.joined(separator: "\n"), name: "wfp.jsonl")
        #expect(result.files.first?.format == .windowsEventJSON)
        #expect(result.table.count == 2)
        let first = result.table.event(at: 0)
        #expect(first == NetworkEvent(
            timestamp: TimestampParser.parse("2024-03-01T10:00:01Z")!, deviceId: Self.ws01, deviceName: "ws01.corp.example",
            actionType: "ConnectionSuccess", remoteIP: "198.51.100.7", remotePort: 443, remoteIPType: "Reserved",
            initiatingProcessFileName: "updater.exe", source: .windowsFilteringPlatform))
        #expect(result.table.event(at: 1).timestamp == TimestampParser.parse("2024-03-01T10:00:06Z")!)
        // Medians 4h00m00.4 and 4h00m02.9 → 4h00m01.65 → 4 h; the note says so.
        #expect(result.files.first?.notes.contains { $0.contains("EventTime +4h") && $0.contains("\"collector1\"") } == true)
    }

    @Test func sysmonAndItsWFPTwinAreMergedUnlessTheyDiffer() throws {
        let sysmon = Self.nxlogSysmon(utc: "2024-03-01 10:00:00.300", localEventTime: "2024-03-01 06:00:01",
                                      received: "2024-03-01T10:00:02.400Z", receivedLocal: "2024-03-01 06:00:02")
        func wfp(at local: String, pid: String = "4242", port: String = "50001", messagePID: String? = nil) -> String {
            Self.nxlog5156(localEventTime: local, received: "2024-03-01T10:00:02.400Z", receivedLocal: "2024-03-01 06:00:02",
                           pid: pid, sourcePort: port, messagePID: messagePID)
        }
        // 10:00:02 is 1.7 s after the Sysmon time: merged. 10:00:03 is 2.7 s after: kept (beyond 2 s).
        #expect(try loadText([sysmon, wfp(at: "2024-03-01 06:00:02")].joined(separator: "\n")).mergedDuplicates == 1)
        #expect(try loadText([sysmon, wfp(at: "2024-03-01 06:00:03")].joined(separator: "\n")).mergedDuplicates == 0)
        // Another process, or another local port: another connection.
        #expect(try loadText([sysmon, wfp(at: "2024-03-01 06:00:00", pid: "999")].joined(separator: "\n")).mergedDuplicates == 0)
        #expect(try loadText([sysmon, wfp(at: "2024-03-01 06:00:00", port: "50009")].joined(separator: "\n")).mergedDuplicates == 0)
        // The rendered message's process id comes before the event data's.
        #expect(try loadText([sysmon, wfp(at: "2024-03-01 06:00:00", pid: "999", messagePID: "4242")]
            .joined(separator: "\n")).mergedDuplicates == 1)
    }

    /// 2019 nxlog exports: the flat `ProcessID` (a number) is the logging process, the connecting one is
    /// only in the message.
    @Test func processIDComesFromTheMessageNotNxlogsOwnField() throws {
        let line = #"{"EventID":3,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"IT001.shire.com","ProcessID":3168,"Message":"Network connection detected:\r\nRuleName: \r\nUtcTime: 2019-12-25 04:51:59.196\r\nProcessId: 716\r\nImage: x","UtcTime":"2019-12-25 04:51:59.196","Image":"C:\\x\\powershell.exe","User":"shire\\pgustavo","Initiated":"true","SourcePort":"54838","DestinationIp":"172.18.39.8","DestinationPort":"80"}"#
        let value = try JSONTextParser.parse(line)
        let record = WindowsEventJSONShape.record(from: value, line: 1)
        #expect(record.kind == .sysmonNetworkConnection)
        #expect(record.processID == 716)
        let withoutMessage = WindowsEventJSONShape.record(
            from: try JSONTextParser.parse(line.replacingOccurrences(of: #""Message":"Network connection detected:\r\nRuleName: \r\nUtcTime: 2019-12-25 04:51:59.196\r\nProcessId: 716\r\nImage: x","#, with: "")), line: 1)
        #expect(withoutMessage.processID == nil)
    }

    /// A flat export whose numbers are JSON numbers (a SecurityEvent table's shape): ports read as ports,
    /// `TimeGenerated` as the UTC time.
    @Test func flatRecordWithNumericFields() throws {
        let line = #"{"TimeGenerated":"2024-03-01T10:00:01Z","Computer":"WS01.corp.example","Channel":"Security","EventID":5156,"Application":"\\device\\harddiskvolume2\\x\\updater.exe","Direction":"%%14593","SourcePort":50001,"DestAddress":"198.51.100.7","DestPort":443}"#
        let result = try loadText(line)
        #expect(result.table.count == 1)
        #expect(result.table.event(at: 0).remotePort == 443)
        #expect(result.table.event(at: 0).timestamp == TimestampParser.parse("2024-03-01T10:00:01Z")!)
    }

    /// winlogbeat: nested `winlog`, `@timestamp` the event's time in UTC.
    @Test func winlogbeatShape() throws {
        let line = #"{"@timestamp":"2024-03-01T10:00:01.000Z","host":{"name":"collector"},"winlog":{"event_id":"5156","channel":"Security","provider_name":"Microsoft-Windows-Security-Auditing","computer_name":"WS01.corp.example","event_data":{"ProcessID":"4242","Application":"\\device\\harddiskvolume2\\users\\alice\\updater.exe","Direction":"%%14593","SourcePort":"50001","DestAddress":"198.51.100.7","DestPort":"443"}}}"#
            + "\n"
            + #"{"@timestamp":"2024-03-01T10:00:00.900Z","winlog":{"event_id":3,"channel":"Microsoft-Windows-Sysmon/Operational","provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS01.corp.example","event_data":{"UtcTime":"2024-03-01 10:00:00.300","ProcessId":"4242","Image":"C:\\Users\\alice\\updater.exe","User":"CORP\\Alice","Initiated":"true","SourcePort":"50001","DestinationIp":"198.51.100.7","DestinationPort":"443","DestinationHostname":"updates.example.org"}}}"#
        let merged = try loadText(line, name: "beats.ndjson")
        #expect(merged.files.first?.format == .windowsEventJSON)
        #expect(merged.mergedDuplicates == 1)
        #expect(merged.table.count == 1)
        #expect(merged.table.event(at: 0) == NetworkEvent(
            timestamp: TimestampParser.parse("2024-03-01T10:00:00.300Z")!, deviceId: Self.ws01, deviceName: "ws01.corp.example",
            actionType: "ConnectionSuccess", remoteIP: "198.51.100.7", remotePort: 443, remoteUrl: "updates.example.org",
            remoteIPType: "Reserved", initiatingProcessAccountName: "alice", initiatingProcessAccountDomain: "corp",
            initiatingProcessFileName: "updater.exe", source: .sysmon))
        let wfp = try EventLoader.load(bytes: Array(line.utf8), name: "beats.ndjson", provider: .wfp)
        #expect(wfp.table.event(at: 0).timestamp == TimestampParser.parse("2024-03-01T10:00:01Z")!)
    }

    @Test func malformedRecordsNameLineAndFieldAndTheRestLoads() throws {
        let good = Self.nxlogSysmon(utc: "2024-03-01 10:00:00.300", localEventTime: "2024-03-01 06:00:01",
                                    received: "2024-03-01T10:00:02.400Z", receivedLocal: "2024-03-01 06:00:02")
        let lines = [
            good,
            good.replacingOccurrences(of: #""DestinationPort":"443""#, with: #""DestinationPort":"https""#),
            "{not json",
            Self.nxlog5156(localEventTime: "2024-03-01 06:00:05", received: "2024-03-01T10:00:06.000Z",
                           receivedLocal: "2024-03-01 06:00:06", direction: "sideways"),
            good.replacingOccurrences(of: #""UtcTime":"2024-03-01 10:00:00.300""#, with: #""UtcTime":"yesterday""#),
            good.replacingOccurrences(of: #""Hostname":"WS01.corp.example","#, with: ""),
            good.replacingOccurrences(of: #""Initiated":"true""#, with: #""Initiated":"false""#),
        ]
        let result = try loadText(lines.joined(separator: "\n"), name: "mixed.jsonl")
        #expect(result.table.count == 1)
        #expect(result.issues.map(\.line) == [2, 3, 4, 5, 6])
        #expect(result.issues.map(\.field) == ["DestinationPort", nil, "Direction", "UtcTime", "Computer"])
        #expect(result.issues[0].description == #"mixed.jsonl:2: field 'DestinationPort': not a number "https""#)
        #expect(result.issues[1].message.hasPrefix("invalid JSON"))
        let file = try #require(result.files.first)
        #expect((file.rowsRead, file.rowsLoaded, file.rowsSkipped, file.rowsIgnored) == (7, 1, 5, 1))
    }

    /// Without `@timestamp` and `EventReceivedTime` nothing tells the offset: EventTime is read as UTC,
    /// and the file's notes say so; an EventTime with a zone needs no estimate.
    @Test func localTimeWithoutAnythingToEstimateFrom() throws {
        let bare = #"{"EventID":5156,"Channel":"Security","Hostname":"WS01","EventTime":"2024-03-01 06:00:01","Application":"x.exe","Direction":"%%14593","SourcePort":"1","DestAddress":"198.51.100.7","DestPort":"443"}"#
        let result = try loadText(bare)
        #expect(result.table.event(at: 0).timestamp == TimestampParser.parse("2024-03-01T06:00:01Z")!)
        #expect(result.files.first?.notes.contains { $0.contains("EventTime read as UTC") } == true)
        let zoned = bare.replacingOccurrences(of: "2024-03-01 06:00:01", with: "2024-03-01T06:00:01-04:00")
        let withZone = try loadText(zoned)
        #expect(withZone.table.event(at: 0).timestamp == TimestampParser.parse("2024-03-01T10:00:01Z")!)
        #expect(withZone.files.first?.notes.isEmpty == true)
    }

    @Test func offsetEstimateIsTheMedianRoundedToFifteenMinutes() {
        func record(_ shipper: String, _ utc: String, _ local: String) -> WindowsEventRecord {
            var record = WindowsEventRecord(line: 1)
            record.sender = shipper
            record.receivedTime = utc
            record.localReceivedTime = local
            return record
        }
        let offsets = LocalTimeOffsets(records: [
            // A shipper in India (UTC+5:30): EventReceivedTime 10:00 is 04:30 UTC, records arriving 1 s, 2 s
            // and 40 s later; the median, −5h29m58s, rounds to −5h30m, what is added to its local times.
            record("a", "2024-03-01T04:30:01Z", "2024-03-01 10:00:00"),
            record("a", "2024-03-01T04:30:02Z", "2024-03-01 10:00:00"),
            record("a", "2024-03-01T04:30:40Z", "2024-03-01 10:00:00"),
            // US Eastern in winter (UTC−5): 7 min 20 s of delay still rounds to +5 h.
            record("b", "2024-03-01T15:07:20Z", "2024-03-01 10:00:00"),
            // Not usable: the local time carries a zone, or @timestamp has none.
            record("c", "2024-03-01T15:00:00Z", "2024-03-01T10:00:00-05:00"),
            record("d", "2024-03-01 15:00:00", "2024-03-01 10:00:00"),
        ])
        #expect(offsets.offsets == ["a": -19_800, "b": 18_000])
        #expect(LocalTimeOffsets.describe(seconds: -19_800) == "-5h30m")
        #expect(LocalTimeOffsets.describe(seconds: 18_000) == "+5h")
        #expect(LocalTimeOffsets.hasZone("2020-08-07T18:32:09.584Z"))
        #expect(LocalTimeOffsets.hasZone("2020-08-07 14:32:09+02:00"))
        #expect(!LocalTimeOffsets.hasZone("2020-08-07 14:32:09"))
        #expect(!LocalTimeOffsets.hasZone("2020-08-07 14:32:09.123"))
    }

    @Test func fileNamesAndAccounts() {
        #expect(WindowsConnectionMapping.fileName(#"C:\Windows\System32\svchost.exe"#) == "svchost.exe")
        #expect(WindowsConnectionMapping.fileName(#"\device\harddiskvolume2\windows\system32\svchost.exe"#) == "svchost.exe")
        #expect(WindowsConnectionMapping.fileName("System") == "System")
        #expect(WindowsConnectionMapping.splitAccount(#"THESHIRE\pgustavo"#) == ("theshire", "pgustavo"))
        #expect(WindowsConnectionMapping.splitAccount(#"NT AUTHORITY\NETWORK SERVICE"#) == ("nt authority", "network service"))
        #expect(WindowsConnectionMapping.splitAccount("alice") == ("", "alice"))
        #expect(WindowsConnectionMapping.splitAccount("-") == ("", ""))
    }
}
