import BeaconEngine
import BeaconIngest
import Foundation
import Testing

@Suite struct JSONTests {
    static let schema = """
    "Schema": [
      {"Name": "Timestamp", "Type": "DateTime"}, {"Name": "DeviceId", "Type": "String"},
      {"Name": "DeviceName", "Type": "String"}, {"Name": "ActionType", "Type": "String"},
      {"Name": "RemoteIP", "Type": "String"}, {"Name": "RemotePort", "Type": "Int32"},
      {"Name": "RemoteUrl", "Type": "String"}, {"Name": "RemoteIPType", "Type": "String"},
      {"Name": "InitiatingProcessFileName", "Type": "String"},
      {"Name": "InitiatingProcessAccountName", "Type": "String"},
      {"Name": "InitiatingProcessAccountDomain", "Type": "String"}
    ]
    """

    /// One event object; `port` and the others are inserted as raw JSON.
    static func event(_ timestamp: String = "\"2017-10-30T23:00:10.1234567Z\"", port: String = "443",
                      ip: String = "\"8.8.8.8\"", url: String = "\"example.com\"", extra: String = "") -> String {
        """
        {"Timestamp": \(timestamp), "DeviceId": "d1", "DeviceName": "host1", "ActionType": "ConnectionSuccess", \
        "RemoteIP": \(ip), "RemotePort": \(port), "RemoteUrl": \(url), "RemoteIPType": "Public", \
        "InitiatingProcessFileName": "chrome.exe", "InitiatingProcessAccountName": "alice", \
        "InitiatingProcessAccountDomain": "corp"\(extra)}
        """
    }

    static let expectedTicks = ticks(1_509_404_410, 1_234_567)

    @Test func advancedHuntingResponse() throws {
        // Lines: 1 "{", 2-10 schema, 11 "Results": [, 12 first row, 13 second, 14 third (bad), 15 fourth.
        let text = "{\n" + Self.schema + ",\n\"Results\": [\n"
            + Self.event(port: "443") + ",\n"
            + Self.event(port: "\"8443\"", url: "null") + ",\n"
            + Self.event(port: "\"abc\"") + ",\n"
            + Self.event(port: "null", extra: ", \"ReportId\": 17") + "\n"
            + "]\n}\n"
        let result = try loadText(text, name: "ah.json")
        #expect(result.files.first?.format == .advancedHuntingJSON)
        #expect(result.table.count == 3)
        let first = result.table.event(at: 0)
        #expect(first == NetworkEvent(
            timestamp: Instant(ticks: Self.expectedTicks), deviceId: "d1", deviceName: "host1",
            actionType: "ConnectionSuccess", remoteIP: "8.8.8.8", remotePort: 443, remoteUrl: "example.com",
            remoteIPType: "Public", initiatingProcessAccountName: "alice", initiatingProcessAccountDomain: "corp",
            initiatingProcessFileName: "chrome.exe"))
        #expect(result.table.event(at: 1).remotePort == 8443)
        #expect(result.table.event(at: 1).remoteUrl == "")
        #expect(result.table.event(at: 2).remotePort == nil)
        #expect(result.issues == [IngestIssue(file: "ah.json", line: 14, field: "RemotePort", message: "not a number \"abc\"")])
    }

    @Test func graphStyleLowercaseKeysAndEmptyResults() throws {
        let lower = Self.schema.replacingOccurrences(of: "\"Schema\"", with: "\"schema\"")
            .replacingOccurrences(of: "\"Name\"", with: "\"name\"")
        let text = "{" + lower + ", \"results\": [" + Self.event() + "]}"
        let result = try loadText(text)
        #expect(result.files.first?.format == .advancedHuntingJSON)
        #expect(result.table.count == 1)

        let empty = try loadText("{" + Self.schema + ", \"Results\": []}")
        #expect(empty.files.first?.format == .advancedHuntingJSON)
        #expect(empty.table.count == 0)
    }

    @Test func advancedHuntingSchemaWithoutARequiredColumn() throws {
        let schema = Self.schema.replacingOccurrences(of: "{\"Name\": \"RemotePort\", \"Type\": \"Int32\"},", with: "")
        #expect(throws: LoadError.missingColumns(path: "s.json", columns: ["RemotePort"])) {
            try loadText("{" + schema + ", \"Results\": []}", name: "s.json")
        }
    }

    @Test func jsonArrayWithNumbersStringsNullsAndMissingKeys() throws {
        let noPort = Self.event().replacingOccurrences(of: "\"RemotePort\": 443, ", with: "")
        let text = "[\n" + Self.event(port: "443") + ",\n"
            + Self.event(port: "\"443\"") + ",\n"
            + Self.event(port: "null", ip: "null") + ",\n"
            + noPort + ",\n"
            + "42,\n"
            + Self.event(port: "443.0") + ",\n"
            + Self.event(port: "true") + ",\n"
            + Self.event(port: "70000") + ",\n"
            + Self.event(port: "443.5") + ",\n"
            + Self.event("1509404410") + "\n]"
        let result = try loadText(text, name: "a.json")
        #expect(result.files.first?.format == .jsonArray)
        #expect(result.table.count == 5)
        #expect((0..<5).map { result.table.event(at: $0).remotePort } == [443, 443, nil, nil, 443])
        #expect(result.table.event(at: 2).remoteIP == "")
        #expect((0..<5).allSatisfy { result.table.event(at: $0).timestamp.ticks == Self.expectedTicks })
        #expect(result.issues == [
            IngestIssue(file: "a.json", line: 6, field: nil, message: "element 5 is not a JSON object"),
            IngestIssue(file: "a.json", line: 8, field: "RemotePort", message: "not a number \"true\""),
            IngestIssue(file: "a.json", line: 9, field: "RemotePort", message: "out of range 0...65535: \"70000\""),
            IngestIssue(file: "a.json", line: 10, field: "RemotePort", message: "not a number \"443.5\""),
            IngestIssue(file: "a.json", line: 11, field: "Timestamp",
                        message: "not an ISO 8601 datetime \"1509404410\""),
        ])
        #expect(result.files.first?.rowsRead == 10)
    }

    @Test func jsonArrayCutShortKeepsTheElementsBeforeTheCut() throws {
        // Line 1 "[", 2 and 3 whole events, 4 the event cut short: two load, the cut one is reported at its line.
        let text = "[\n" + Self.event() + ",\n" + Self.event() + ",\n{\"Timestamp\": tru"
        let result = try loadText(text, name: "broken.json")
        #expect(result.table.count == 2)
        #expect(result.files.first?.format == .jsonArray)
        #expect(result.issues.map(\.line) == [4])
        #expect(result.issues.first?.description.hasPrefix("broken.json:4: invalid JSON: ") == true)
    }

    @Test func jsonArrayWithOneBrokenElementKeepsTheOthers() throws {
        // Line 3 has one closing brace too many, line 4 lacks a comma's partner value: both reported, the rest load.
        let text = "[\n" + Self.event() + ",\n" + Self.event() + "},\n" + Self.event(port: "44 3") + ",\n" + Self.event() + "\n]"
        let result = try loadText(text, name: "broken.json")
        #expect(result.table.count == 2)
        #expect(result.issues.map(\.line) == [3, 4])
    }

    @Test func jsonArrayWithNoObjectAtAllIsAnInvalidDocument() throws {
        do {
            _ = try loadText("[tru", name: "x.json")
            Issue.record("expected an error")
        } catch LoadError.invalidJSON(let path, let line, _) {
            #expect(path == "x.json" && line == 1)
        }
    }

    @Test func jsonLinesBareAndPropertiesWrappedWithBadAndBlankLines() throws {
        let wrapped = "{\"time\": \"2017-10-30T23:00:11Z\", \"category\": \"AdvancedHunting-DeviceNetworkEvents\", "
            + "\"properties\": " + Self.event(port: "\"8080\"") + "}"
        let text = Self.event() + "\r\n"        // line 1
            + "\n"                               // line 2 blank
            + wrapped + "\n"                     // line 3
            + "{\"Timestamp\": \n"               // line 4 broken
            + "   \n"                            // line 5 blank
            + "[1, 2]\n"                         // line 6 not an object
            + Self.event(port: "null") + "\n"    // line 7
        let result = try loadText(text, name: "events.jsonl")
        #expect(result.files.first?.format == .jsonLines)
        #expect(result.table.count == 3)
        #expect((0..<3).map { result.table.event(at: $0).remotePort } == [443, 8080, nil])
        // The wrapped event's time is the one inside properties, not the envelope's.
        #expect(result.table.event(at: 1).timestamp.ticks == Self.expectedTicks)
        #expect(result.issues.map(\.line) == [4, 6])
        #expect(result.issues[0].message.hasPrefix("invalid JSON"))
        #expect(result.issues[1].message == "not a JSON object")
        #expect(result.files.first?.rowsRead == 5)
    }

    @Test func jsonLinesWhoseFirstLineIsBroken() throws {
        let text = "{\"Timestamp\": \"2017\n" + Self.event() + "\n" + Self.event() + "\n"
        let result = try loadText(text)
        #expect(result.files.first?.format == .jsonLines)
        #expect(result.table.count == 2)
        #expect(result.issues.first?.line == 1)
    }

    @Test func timeGeneratedAndMissingColumnsInJSON() throws {
        let sentinel = Self.event().replacingOccurrences(of: "\"Timestamp\"", with: "\"TimeGenerated\"")
        let result = try loadText(sentinel + "\n" + sentinel + "\n")
        #expect(result.table.count == 2)
        #expect(result.table.event(at: 0).timestamp.ticks == Self.expectedTicks)

        let noDevice = Self.event().replacingOccurrences(of: "\"DeviceId\": \"d1\", ", with: "")
            .replacingOccurrences(of: "\"RemoteUrl\": \"example.com\", ", with: "")
        #expect(throws: LoadError.missingColumns(path: "m.jsonl", columns: ["DeviceId", "RemoteUrl"])) {
            try loadText(noDevice + "\n" + noDevice + "\n", name: "m.jsonl")
        }
    }

    @Test func onePrettyPrintedEventObject() throws {
        let pretty = Self.event().replacingOccurrences(of: ", ", with: ",\n  ")
        let result = try loadText("\n\n" + pretty + "\n", name: "one.json")
        #expect(result.table.count == 1)
        #expect(result.table.event(at: 0).initiatingProcessAccountDomain == "corp")
    }

    @Test func truncatedAdvancedHuntingDocumentKeepsItsCompleteRows() throws {
        // Cut after the second row, before "]}": both rows are whole and load.
        let text = "{\n" + Self.schema + ",\n\"Results\": [\n" + Self.event() + ",\n" + Self.event()
        let result = try loadText(text, name: "cut.json")
        #expect(result.table.count == 2 && result.issues.isEmpty)
        #expect(result.files.first?.format == .advancedHuntingJSON)
    }

    @Test func nestedValuesAreCompactJSONAndNumbersKeepTheirText() throws {
        // Members sorted, no spaces, numbers and strings as written (RFC 8259 needs no escape for "/").
        let text = Self.event(url: #"{"b": [1.0, "x/y", true], "a": null}"#) + "\n"
            + Self.event(port: "4.43e2") + "\n"
            + Self.event(port: "1e5") + "\n"
        let result = try loadText(text, name: "n.jsonl")
        #expect(result.table.count == 2)
        #expect(result.table.event(at: 0).remoteUrl == #"{"a":null,"b":[1.0,"x/y",true]}"#)
        #expect(result.table.event(at: 1).remotePort == 443)
        #expect(result.issues == [IngestIssue(file: "n.jsonl", line: 3, field: "RemotePort", message: #"out of range 0...65535: "1e5""#)])
    }

    @Test func stringColumnsAcceptNumbersAndBooleans() throws {
        let text = Self.event().replacingOccurrences(of: "\"DeviceId\": \"d1\"", with: "\"DeviceId\": 12345")
            .replacingOccurrences(of: "\"InitiatingProcessAccountName\": \"alice\"",
                                  with: "\"InitiatingProcessAccountName\": false")
        let result = try loadText(text)
        #expect(result.table.event(at: 0).deviceId == "12345")
        #expect(result.table.event(at: 0).initiatingProcessAccountName == "false")
    }
}
