import BeaconEngine
import BeaconIngest
import Testing

@Suite struct RowValidationTests {
    /// Rows 2, 4, 6 and 8 are bad in different ways; 3, 5, 7 and 9 load.
    @Test func badRowsAreSkippedReportedAndTheRestLoaded() throws {
        let text = standardHeader + "\n"
            + "2024-01-01T00:00:00Z,too,few\n"                 // line 2: 3 fields
            + csvRow(domain: "ok1") + "\n"                     // line 3
            + csvRow("2024-02-30T00:00:00Z") + "\n"            // line 4: no such day
            + csvRow(domain: "ok2") + "\n"                     // line 5
            + csvRow(port: "abc") + "\n"                       // line 6
            + csvRow(domain: "ok3") + "\n"                     // line 7
            + csvRow(ip: "1.2.3") + "\n"                       // line 8
            + csvRow(domain: "ok4") + ",extra\n"               // line 9: 12 fields
            + csvRow(domain: "ok5") + "\n"                     // line 10
        let result = try loadText(text, name: "mixed.csv")
        #expect(result.table.count == 4)
        #expect((0..<4).map { result.table.event(at: $0).initiatingProcessAccountDomain } == ["ok1", "ok2", "ok3", "ok5"])
        #expect(result.skippedRows == 5)
        #expect(result.files.first?.rowsRead == 9)
        #expect(result.files.first?.rowsLoaded == 4)
        #expect(result.files.first?.rowsSkipped == 5)
        #expect(result.issues.map(\.line) == [2, 4, 6, 8, 9])
        #expect(result.issues.map(\.field) == [nil, "Timestamp", "RemotePort", "RemoteIP", nil])
        #expect(result.issues.allSatisfy { $0.file == "mixed.csv" })
        #expect(result.issues[0].message == "expected 11 fields as in the header, found 3")
        #expect(result.issues[4].message == "expected 11 fields as in the header, found 12")
        #expect(result.issues[2].description == "mixed.csv:6: field 'RemotePort': not a number \"abc\"")
        #expect(result.issues[1].description
                == "mixed.csv:4: field 'Timestamp': not an ISO 8601 datetime \"2024-02-30T00:00:00Z\"")
        #expect(result.issues[3].description == "mixed.csv:8: field 'RemoteIP': not an IPv4 or IPv6 address \"1.2.3\"")
    }

    @Test(arguments: [
        ("", nil as Int32?), ("0", 0), ("443", 443), ("65535", 65_535), (" 8080 ", 8080), ("+22", 22), ("007", 7),
    ])
    func validPorts(text: String, expected: Int32?) throws {
        let result = try loadText(standardHeader + "\n" + csvRow(port: text) + "\n")
        #expect(result.table.count == 1)
        #expect(result.table.event(at: 0).remotePort == expected)
    }

    @Test(arguments: [
        ("65536", "out of range 0...65535: \"65536\""),
        ("-1", "out of range 0...65535: \"-1\""),
        ("99999999999999999999", "out of range 0...65535: \"99999999999999999999\""),
        ("abc", "not a number \"abc\""),
        ("44 3", "not a number \"44 3\""),
        ("443.0", "not a number \"443.0\""),
        ("0x1BB", "not a number \"0x1BB\""),
        ("-", "not a number \"-\""),
    ])
    func invalidPorts(text: String, message: String) throws {
        let result = try loadText(standardHeader + "\n" + csvRow(port: text) + "\n")
        #expect(result.table.count == 0)
        #expect(result.issues == [IngestIssue(file: "test.csv", line: 2, field: "RemotePort", message: message)])
    }

    @Test(arguments: [
        "", "8.8.8.8", "0.0.0.0", "255.255.255.255", "10.0.0.1",
        "::", "::1", "2001:db8::1", "fe80::3816:b2ee:1b9b:324b", "FE80::ABCD", "::ffff:1.2.3.4",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1::", "fe80::1%eth0", "fe80::1%12", "64:ff9b::8.8.8.8",
    ])
    func validAddresses(ip: String) throws {
        let result = try loadText(standardHeader + "\n" + csvRow(ip: ip) + "\n")
        #expect(result.table.count == 1)
        #expect(result.table.event(at: 0).remoteIP == ip)
    }

    @Test(arguments: [
        "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4", "1..2.3", "1.2.3.", "a.b.c.d", "1234.1.1.1",
        "hello", "example.com", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:", "1:2:3:4::5:6:7:8", "::ffff:1.2.3", "::1.2.3.4.5", "fe80::1%", "1.2.3.4::",
        "http://1.2.3.4/",
    ])
    func invalidAddresses(ip: String) throws {
        let result = try loadText(standardHeader + "\n" + csvRow(ip: "\"\(ip)\"") + "\n")
        #expect(result.table.count == 0)
        #expect(result.issues.first?.field == "RemoteIP")
    }

    @Test func missingTimestampIsReported() throws {
        let result = try loadText(standardHeader + "\n" + csvRow("") + "\n")
        #expect(result.table.count == 0)
        #expect(result.issues == [IngestIssue(file: "test.csv", line: 2, field: "Timestamp", message: "missing datetime")])
    }

    @Test func onlyTheFirstTenIssuesOfAFileAreKeptButAllAreCounted() throws {
        var text = standardHeader + "\n"
        for _ in 0..<12 { text += csvRow(port: "bad") + "\n" }
        text += csvRow() + "\n"
        let result = try loadText(text)
        #expect(result.table.count == 1)
        #expect(result.skippedRows == 12)
        #expect(result.issues.count == 10)
        #expect(result.issues.map(\.line) == Array(2...11))
    }

    @Test func unterminatedQuoteSkipsOnlyItsLineAndIsReported() throws {
        let text = standardHeader + "\n" + csvRow() + "\n" + csvRow(url: "\"open") + "\n" + csvRow() + "\n"
        let result = try loadText(text)
        #expect(result.table.count == 2)
        #expect(result.skippedRows == 1)
        #expect(result.issues.first?.line == 3)
        #expect(result.issues.first?.message.contains("unterminated") == true)
    }

    @Test func textAfterAClosingQuoteIsReported() throws {
        let text = standardHeader + "\n" + csvRow(url: "\"a\"b") + "\n" + csvRow() + "\n"
        let result = try loadText(text)
        #expect(result.table.count == 1)
        #expect(result.issues == [IngestIssue(file: "test.csv", line: 2, field: "RemoteUrl",
                                              message: "text after the closing quote of a quoted field")])
    }

    @Test func controlCharactersInReportedDataAreEscaped() throws {
        let evil = "\u{1B}[31mred\nline\u{202E}"
        let result = try loadText(standardHeader + "\n" + csvRow(port: "\"\(evil)\"") + "\n", name: "evil\u{7}.csv")
        let description = try #require(result.issues.first?.description)
        #expect(description == "evil\\x07.csv:2: field 'RemotePort': not a number \"\\x1b[31mred\\nline<U+202E>\"")
        #expect(!description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test func longValuesAreCutInMessages() throws {
        let long = String(repeating: "9", count: 200)
        let result = try loadText(standardHeader + "\n" + csvRow(port: long) + "\n")
        let message = try #require(result.issues.first?.message)
        #expect(message == "out of range 0...65535: \"" + String(repeating: "9", count: 80) + "\"…")
    }

    @Test func issueDescriptionWithoutLineOrField() {
        #expect(IngestIssue(file: "a.json", line: nil, field: nil, message: "element 3 is not a JSON object").description
                == "a.json: element 3 is not a JSON object")
        #expect(IngestIssue(file: "a.json", line: 7, field: nil, message: "bad").description == "a.json:7: bad")
    }
}
