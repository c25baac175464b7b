import BeaconEngine
@testable import BeaconIngest
import Foundation
import Testing

/// The 16 MiB limit on one record inside documents read whole (docs/INPUT-FORMATS.md, "Limit on one line
/// or field"): the record beyond it is skipped at its line, never parsed, and the others load.
@Suite struct InputLimitTests {
    /// 17 MiB of one letter: one MiB beyond the limit.
    static let oversized = String(repeating: "a", count: 17 << 20)

    @Test func theLimitIs16MiB() {
        #expect(InputLimits.maximumLineBytes == 16_777_216)
    }

    @Test(arguments: [false, true])
    func aJSONElementBeyondTheLimitIsSkippedAtItsLine(advancedHunting: Bool) throws {
        // Line 1 "[" (or the response's head), then one element a line: the second is the oversized one.
        let head = advancedHunting ? "{\"Results\": [\n" : "[\n"
        let text = head + JSONTests.event(port: "443") + ",\n"
            + JSONTests.event(url: "\"\(Self.oversized)\"") + ",\n"
            + JSONTests.event(port: "80") + "\n" + (advancedHunting ? "]}\n" : "]\n")
        let result = try loadText(text, name: "big.json")
        #expect(result.table.count == 2)
        #expect(result.skippedRows == 1)
        let issue = try #require(result.issues.first)
        #expect(issue.line == 3)
        // The element runs from its "{" to its "}": 17 MiB of letters and about 330 bytes of the rest.
        #expect(issue.message.hasPrefix("element 2 is 17.0 MiB, beyond the 16 MiB limit on one line or field"), "\(issue.message)")
    }

    @Test func aZeekRecordBeyondTheLimitIsSkippedAtItsLine() throws {
        let text = ZeekLogTests.tsv([
            "1713484795.943239\tCa1\t10.0.0.1\t50000\t64.225.56.201\t80\ttcp\thttp\tSF",
            "1713484796.5\tCa2\t10.0.0.1\t50001\t64.225.56.201\t80\ttcp\t\(Self.oversized)\tSF",
            "1713484797\tCa3\t10.0.0.1\t50002\t64.225.56.201\t80\ttcp\thttp\tSF",
        ])
        let result = try loadText(text, name: "conn.log")
        #expect(result.table.count == 2)
        // Eight header lines, then the records from line 9: the second is line 10.
        #expect(result.issues.map(\.line) == [10])
        #expect(result.issues.first?.message.contains("beyond the 16 MiB limit") == true)
    }

    @Test func anXMLValueBeyondTheLimitSkipsItsEvent() throws {
        func event(_ port: String, image: String) -> String {
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>"
                + "<EventID>3</EventID><TimeCreated SystemTime='2024-03-01T10:00:01.2500000Z'/>"
                + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WS01.Corp.example</Computer></System>"
                + "<EventData><Data Name='UtcTime'>2024-03-01 10:00:00.750</Data><Data Name='ProcessId'>4242</Data>"
                + "<Data Name='Image'>\(image)</Data><Data Name='User'>CORP\\Alice</Data><Data Name='Protocol'>tcp</Data>"
                + "<Data Name='Initiated'>true</Data><Data Name='SourceIp'>10.1.2.3</Data><Data Name='SourcePort'>\(port)</Data>"
                + "<Data Name='DestinationIp'>203.0.113.77</Data><Data Name='DestinationPort'>443</Data></EventData></Event>"
        }
        let text = ["<Events>", event("50001", image: "C:\\a.exe"), event("50002", image: Self.oversized),
                    event("50003", image: "C:\\b.exe"), "</Events>"].joined(separator: "\n") + "\n"
        let result = try loadText(text, name: "events.xml")
        #expect(result.table.count == 2)
        #expect(result.issues.map(\.line) == [3])
        #expect(result.issues.first?.message.contains("beyond the 16 MiB limit") == true, "\(result.issues)")
    }
}
