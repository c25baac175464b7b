import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// `Fixtures/windows-events.xml`, written by hand after `wevtutil qe LOG /f:xml /e:Events` and Microsoft's
/// event schema: eight events whose expected rows are worked out below from the mapping rules
/// (docs/INPUT-FORMATS.md), DeviceIds with Python's hashlib.
@Suite struct WindowsEventXMLTests {
    static let ws01 = "1d2ae23536f1baac6ec15c672f845f98637f4442"   // sha1("ws01.corp.example")
    static let ws02 = "9acbd3f1685830b3ae9df7ff2e63162f47ab866e"   // sha1("ws02.corp.example")

    static func instant(_ text: String) -> Instant { TimestampParser.parse(Substring(text))! }

    /// Line 5: Sysmon 3, outbound, `&amp;` in the image path, a host name.
    static let sysmonWS01 = NetworkEvent(
        timestamp: instant("2024-03-01T10:00:00.750Z"), deviceId: ws01, deviceName: "ws01.corp.example",
        actionType: "ConnectionSuccess", remoteIP: "203.0.113.77", remotePort: 443, remoteUrl: "cdn.example.net",
        remoteIPType: "Reserved", initiatingProcessAccountName: "alice", initiatingProcessAccountDomain: "corp",
        initiatingProcessFileName: "updater.exe", source: .sysmon)
    /// Line 6: the same connection seen by WFP 0.25 s later (same process id 4242 and local port 50001).
    static let wfpTwin = NetworkEvent(
        timestamp: instant("2024-03-01T10:00:01Z"), deviceId: ws01, deviceName: "ws01.corp.example",
        actionType: "ConnectionSuccess", remoteIP: "203.0.113.77", remotePort: 443, remoteIPType: "Reserved",
        initiatingProcessFileName: "updater.exe", source: .windowsFilteringPlatform)
    /// Line 30: 5156 only; the destination written long-hand and upper-case, stored in RFC 5952 form.
    static let wfpOnly = NetworkEvent(
        timestamp: instant("2024-03-01T10:00:05Z"), deviceId: ws01, deviceName: "ws01.corp.example",
        actionType: "ConnectionSuccess", remoteIP: "2001:db8::1:0:0:1", remotePort: 53, remoteIPType: "Reserved",
        initiatingProcessFileName: "svchost.exe", source: .windowsFilteringPlatform)
    /// Line 106: Sysmon 3, IPv4-mapped destination, `-` host name, NT AUTHORITY\SYSTEM.
    static let sysmonWS02 = NetworkEvent(
        timestamp: instant("2024-03-01T10:00:10.125Z"), deviceId: ws02, deviceName: "ws02.corp.example",
        actionType: "ConnectionSuccess", remoteIP: "::ffff:198.51.100.20", remotePort: 8080,
        remoteIPType: "FourToSixMapping", initiatingProcessAccountName: "system",
        initiatingProcessAccountDomain: "nt authority", initiatingProcessFileName: "agent.exe", source: .sysmon)

    static func events(_ result: LoadResult) -> [NetworkEvent] {
        (0..<result.table.count).map { result.table.event(at: $0) }
    }

    @Test func defaultMergesTheRepeatedConnection() throws {
        let result = try EventLoader.load(paths: [fixturePath("windows-events.xml")])
        #expect(Set(Self.events(result)) == [Self.sysmonWS01, Self.wfpOnly, Self.sysmonWS02])
        let file = try #require(result.files.first)
        #expect(file.format == .windowsEventXML)
        #expect(!file.compressed)
        // 8 events: 3 loaded, 1 merged, the inbound 5156 and the Sysmon 1 left out, 2 malformed.
        #expect((file.rowsRead, file.rowsLoaded, file.mergedDuplicates, file.rowsIgnored, file.rowsSkipped) == (8, 3, 1, 2, 2))
        #expect(result.mergedDuplicates == 1)
    }

    @Test func malformedEventsAreReportedWithLineAndField() throws {
        let path = fixturePath("windows-events.xml")
        let result = try EventLoader.load(paths: [path])
        #expect(result.issues.count == 2)
        #expect(result.issues.first == IngestIssue(file: path, line: 81, field: "DestinationIp",
                                                   message: "not an IPv4 or IPv6 address \"203.0.113.300\""))
        // `<\x.exe` inside a Data element on line 103: the broken event is skipped up to the next one.
        #expect(result.issues.last?.line == 103)
        #expect(result.issues.last?.message.hasPrefix("malformed XML") == true)
        #expect(result.skippedRows == 2)
    }

    @Test func providerChoosesOneSide() throws {
        let sysmon = try EventLoader.load(paths: [fixturePath("windows-events.xml")], provider: .sysmon)
        #expect(Set(Self.events(sysmon)) == [Self.sysmonWS01, Self.sysmonWS02])
        #expect((sysmon.files[0].rowsIgnored, sysmon.files[0].mergedDuplicates) == (4, 0))
        let wfp = try EventLoader.load(paths: [fixturePath("windows-events.xml")], provider: .wfp)
        #expect(Set(Self.events(wfp)) == [Self.wfpTwin, Self.wfpOnly])
        #expect((wfp.files[0].rowsIgnored, wfp.files[0].mergedDuplicates) == (4, 0))
    }

    /// `wevtutil qe` without `/e:` writes the events one after the other with no root element.
    @Test func eventsWithoutARootElement() throws {
        let text = try String(contentsOfFile: fixturePath("windows-events.xml"), encoding: .utf8)
        let bare = text.replacingOccurrences(of: "<Events>\n", with: "").replacingOccurrences(of: "</Events>\n", with: "")
            .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "")
        let result = try EventLoader.load(bytes: Array(bare.utf8), name: "bare.xml")
        #expect(Set(Self.events(result)) == [Self.sysmonWS01, Self.wfpOnly, Self.sysmonWS02])
        #expect(result.files.first?.format == .windowsEventXML)
    }

    /// `/f:RenderedXml` adds RenderingInfo with the message; the fields still come from EventData.
    @Test func renderedXMLIsReadToo() throws {
        let xml = """
        <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>\
        <EventID>3</EventID><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WS02.corp.example</Computer></System>\
        <EventData><Data Name='UtcTime'>2024-03-01 10:00:10.125</Data><Data Name='ProcessId'>77</Data>\
        <Data Name='Image'>C:\\Program Files\\Agent\\agent.exe</Data><Data Name='User'>NT AUTHORITY\\SYSTEM</Data>\
        <Data Name='Initiated'>true</Data><Data Name='DestinationIp'>::ffff:198.51.100.20</Data>\
        <Data Name='DestinationHostname'>-</Data><Data Name='DestinationPort'>8080</Data></EventData>\
        <RenderingInfo Culture='en-US'><Message>Network connection detected:&#13;&#10;ProcessId: 77</Message>\
        <Level>Information</Level></RenderingInfo></Event>
        """
        let result = try EventLoader.load(bytes: Array(xml.utf8), name: "rendered.xml")
        #expect(Self.events(result) == [Self.sysmonWS02])
    }

    @Test func xmlThatIsNotWindowsEventsIsAnUnknownFormat() {
        let xml = "<?xml version=\"1.0\"?>\n<catalog><book id=\"1\"/></catalog>\n"
        #expect(throws: LoadError.unknownFormat(path: "books.xml", reason: "XML without Windows <Event> elements")) {
            try EventLoader.load(bytes: Array(xml.utf8), name: "books.xml")
        }
    }
}
