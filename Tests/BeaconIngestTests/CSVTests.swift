import BeaconEngine
import BeaconIngest
import Foundation
import Testing

@Suite struct CSVTests {
    @Test func readsEveryColumnOfAPlainFile() throws {
        let text = standardHeader + "\n"
            + "2024-04-19T00:04:00.5Z,abc123,ws1.corp.local,ConnectionSuccess,64.225.56.201,80,evil.example,Public,"
            + "powershell.exe,bob,CORP\n"
            + csvRow(ip: "", port: "") + "\n"
        let result = try loadText(text)
        #expect(result.table.count == 2)
        #expect(result.files.count == 1)
        #expect(result.files.first?.format == .csv)
        #expect(result.files.first?.compressed == false)
        #expect(result.files.first?.rowsRead == 2)
        #expect(result.files.first?.rowsLoaded == 2)
        #expect(result.skippedRows == 0)
        #expect(result.issues.isEmpty)

        // 2024-04-19T00:04:00Z = 1713485040 s.
        let expected = NetworkEvent(
            timestamp: Instant(ticks: ticks(1_713_485_040, 5_000_000)),
            deviceId: "abc123", deviceName: "ws1.corp.local", actionType: "ConnectionSuccess",
            remoteIP: "64.225.56.201", remotePort: 80, remoteUrl: "evil.example", remoteIPType: "Public",
            initiatingProcessAccountName: "bob", initiatingProcessAccountDomain: "CORP",
            initiatingProcessFileName: "powershell.exe")
        #expect(result.table.event(at: 0) == expected)
        // An empty RemoteIP is valid (listening events), an empty RemotePort is Kusto's null.
        #expect(result.table.event(at: 1).remoteIP == "")
        #expect(result.table.event(at: 1).remotePort == nil)
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text = standardHeader + "\n"
            + csvRow(url: "\"a,b\"", file: "\"say \"\"hi\"\"\"", account: "\"two\nlines\"", domain: "\"cr\r\nlf\"") + "\n"
            + csvRow(device: "\"\"", name: "\"plain\"") + "\n"
        let result = try loadText(text)
        #expect(result.table.count == 2)
        let first = result.table.event(at: 0)
        #expect(first.remoteUrl == "a,b")
        #expect(first.initiatingProcessFileName == "say \"hi\"")
        #expect(first.initiatingProcessAccountName == "two\nlines")
        #expect(first.initiatingProcessAccountDomain == "cr\r\nlf")
        let second = result.table.event(at: 1)
        #expect(second.deviceId == "")
        #expect(second.deviceName == "plain")
    }

    @Test func lineNumbersArePhysicalLinesAfterMultiLineFields() throws {
        // Line 1 header; record at lines 2-4 (two line breaks inside quotes); bad port on line 5;
        // good row on line 6; bad IP on line 7.
        let text = standardHeader + "\n"
            + csvRow(url: "\"one\ntwo\r\nthree\"") + "\n"
            + csvRow(port: "http") + "\n"
            + csvRow() + "\n"
            + csvRow(ip: "10.0.0.256") + "\n"
        let result = try loadText(text, name: "multi.csv")
        #expect(result.table.count == 2)
        #expect(result.issues.map(\.line) == [5, 7])
        #expect(result.issues.map(\.field) == ["RemotePort", "RemoteIP"])
    }

    @Test func lineEndingsCRLFLoneCRAndMixed() throws {
        let crlf = standardHeader + "\r\n" + csvRow() + "\r\n" + csvRow(port: "x") + "\r\n"
        let crlfResult = try loadText(crlf)
        #expect(crlfResult.table.count == 1)
        #expect(crlfResult.issues.first?.line == 3)
        // The last field must not keep a stray CR.
        #expect(crlfResult.table.event(at: 0).initiatingProcessAccountDomain == "corp")

        let mixed = standardHeader + "\r\n" + csvRow(domain: "a") + "\n" + csvRow(domain: "b") + "\r"
            + csvRow(domain: "c") + "\r\n" + csvRow(port: "-5") + "\n"
        let mixedResult = try loadText(mixed)
        #expect(mixedResult.table.count == 3)
        #expect((0..<3).map { mixedResult.table.event(at: $0).initiatingProcessAccountDomain } == ["a", "b", "c"])
        #expect(mixedResult.issues.first?.line == 5)
    }

    @Test func byteOrderMarkAndMissingTrailingNewline() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((standardHeader + "\n" + csvRow() + "\n" + csvRow(domain: "last")).utf8)
        let result = try EventLoader.load(bytes: bytes, name: "bom.csv")
        #expect(result.table.count == 2)
        #expect(result.table.event(at: 0).timestamp.ticks == ticks(1_704_067_200))  // 2024-01-01T00:00:00Z
        #expect(result.table.event(at: 1).initiatingProcessAccountDomain == "last")
    }

    @Test func reorderedAndExtraColumns() throws {
        let text = "ReportId,RemotePort,InitiatingProcessAccountDomain,RemoteIP,Extra,InitiatingProcessFileName,"
            + "RemoteIPType,RemoteUrl,ActionType,DeviceName,DeviceId,InitiatingProcessAccountName,Timestamp,LocalIP\n"
            + "r1,8443,dom,1.2.3.4,\"x,y\",svc.exe,Public,u.example,ConnectionFailed,name,id,acct,"
            + "2017-10-30T23:00:10.1000000Z,10.0.0.1\n"
        let result = try loadText(text)
        #expect(result.table.count == 1)
        let expected = NetworkEvent(
            timestamp: Instant(ticks: ticks(1_509_404_410, 1_000_000)),
            deviceId: "id", deviceName: "name", actionType: "ConnectionFailed", remoteIP: "1.2.3.4",
            remotePort: 8443, remoteUrl: "u.example", remoteIPType: "Public",
            initiatingProcessAccountName: "acct", initiatingProcessAccountDomain: "dom",
            initiatingProcessFileName: "svc.exe")
        #expect(result.table.event(at: 0) == expected)
    }

    @Test func timeGeneratedStandsInForTimestamp() throws {
        let header = standardHeader.replacingOccurrences(of: "Timestamp", with: "TimeGenerated")
        let result = try loadText(header + "\n" + csvRow("2017-10-30T23:00:10Z") + "\n" + csvRow("bad") + "\n")
        #expect(result.table.count == 1)
        #expect(result.table.event(at: 0).timestamp.ticks == ticks(1_509_404_410))
        #expect(result.issues.first?.field == "TimeGenerated")

        // With both present, Timestamp wins.
        let both = "TimeGenerated," + standardHeader + "\n2000-01-01T00:00:00Z," + csvRow("2017-10-30T23:00:10Z") + "\n"
        #expect(try loadText(both).table.event(at: 0).timestamp.ticks == ticks(1_509_404_410))
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let text = "\n" + standardHeader + "\n\n" + csvRow() + "\r\n   \n\t\n" + csvRow(port: "bad") + "\n\n\n"
        let result = try loadText(text)
        #expect(result.table.count == 1)
        #expect(result.files.first?.rowsRead == 2)
        #expect(result.issues.count == 1)
        // Lines: 1 blank, 2 header, 3 blank, 4 row, 5 spaces, 6 tab, 7 bad row.
        #expect(result.issues.first?.line == 7)
    }

    @Test func excelSeparatorHintLineIsSkipped() throws {
        let result = try loadText("sep=,\n" + standardHeader + "\n" + csvRow() + "\n" + csvRow(ip: "nope") + "\n")
        #expect(result.table.count == 1)
        #expect(result.issues.first?.line == 4)
    }

    @Test func headerOnlyLoadsNothingWithoutError() throws {
        let result = try loadText(standardHeader + "\r\n")
        #expect(result.table.count == 0)
        #expect(result.files.first?.rowsRead == 0)
    }

    @Test func invalidUTF8InAFieldIsReplacedNotDropped() throws {
        // "caf" + 0xE9 (Latin-1 é) + ".exe" is not UTF-8: 0x01 marks where the byte goes.
        let row = Array(csvRow(file: "caf\u{1}.exe").utf8)
        let bytes = Array((standardHeader + "\n").utf8) + row.map { $0 == 0x01 ? 0xE9 : $0 } + [0x0A]
        let result = try EventLoader.load(bytes: bytes, name: "latin1.csv")
        #expect(result.table.count == 1)
        #expect(result.table.event(at: 0).initiatingProcessFileName == "caf\u{FFFD}.exe")
    }

    @Test func columnNamesAreCaseSensitive() throws {
        let header = standardHeader.replacingOccurrences(of: "Timestamp", with: "timestamp")
        #expect(throws: LoadError.missingColumns(path: "lower.csv", columns: ["Timestamp"])) {
            try loadText(header + "\n" + csvRow() + "\n", name: "lower.csv")
        }
    }

    @Test func missingColumnsAreAllNamed() throws {
        let header = "Timestamp,DeviceName,ActionType,RemoteIP,RemoteUrl,RemoteIPType,InitiatingProcessFileName,"
            + "InitiatingProcessAccountName,Other"
        let expected = LoadError.missingColumns(path: "few.csv",
                                                columns: ["DeviceId", "RemotePort", "InitiatingProcessAccountDomain"])
        #expect(throws: expected) { try loadText(header + "\n", name: "few.csv") }
        #expect(expected.description
                == "few.csv: missing required columns: DeviceId, RemotePort, InitiatingProcessAccountDomain")

        // Neither Timestamp nor TimeGenerated.
        let noTime = standardHeader.replacingOccurrences(of: "Timestamp,", with: "")
        #expect(throws: LoadError.missingColumns(path: "t.csv", columns: ["Timestamp"])) {
            try loadText(noTime + "\n", name: "t.csv")
        }
    }
}
