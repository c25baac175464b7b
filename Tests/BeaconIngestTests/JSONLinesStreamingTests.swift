import BeaconEngine
@testable import BeaconIngest
import Foundation
import Testing

/// Defender JSON lines are streamed like CSV (`JSONLinesChunkParser`): the same events written as CSV and
/// as JSON lines (bare and in the streaming API's envelope) must load into the same table, and the
/// streamed path must read every line as the whole-document `JSONReader` does.
@Suite struct JSONLinesStreamingTests {
    /// One string cell: its JSON text (quoted, escaped as a hostile source might) and the bytes it
    /// stands for, as CSV holds them.
    struct Cell {
        var json: [UInt8]
        var csv: [UInt8]

        init(json: String, csv: String) {
            self.json = Array(json.utf8)
            self.csv = Array(csv.utf8)
        }

        init(jsonBytes: [UInt8], csvBytes: [UInt8]) {
            json = jsonBytes
            csv = csvBytes
        }

        static func plain(_ text: String) -> Cell { Cell(json: "\"\(text)\"", csv: text) }
    }

    /// Strings whose JSON escapes were decoded by hand from RFC 8259: every C0 control as `\u00XX`,
    /// a surrogate pair (U+1F600), a lone high surrogate (U+FFFD), escaped quote and backslash, and raw
    /// invalid UTF-8 (0xC3 0x28, which loads as U+FFFD followed by "(" both ways).
    static let hostile: [Cell] = {
        var cells: [Cell] = []
        for code in 0..<0x20 {
            let hex = String(code, radix: 16, uppercase: true)
            let escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            cells.append(Cell(json: "\"a\(escape)b\"", csv: "a\(String(UnicodeScalar(UInt8(code))))b"))
        }
        cells.append(Cell(json: #""smile \uD83D\uDE00""#, csv: "smile \u{1F600}"))
        cells.append(Cell(json: #""lone \uD800 end""#, csv: "lone \u{FFFD} end"))
        cells.append(Cell(json: #""q\"b\\s\/""#, csv: "q\"b\\s/"))
        cells.append(Cell(json: #""\u001B]0;title\u0007"# + "\u{7F}\u{9B}\"", csv: "\u{1B}]0;title\u{07}\u{7F}\u{9B}"))
        cells.append(Cell(jsonBytes: [0x22, 0x78, 0xC3, 0x28, 0x22], csvBytes: [0x78, 0xC3, 0x28]))
        return cells
    }()

    struct Row {
        var time: String
        var device: Cell
        var ip: String
        /// The port as JSON (a number, a string or null) and as its CSV cell.
        var portJSON: String
        var portCSV: String
        var url: Cell
    }

    static func rows(count: Int) -> [Row] {
        (0..<count).map { index in
            let ports: [(String, String)] = [("443", "443"), ("\"8080\"", "8080"), ("null", ""), ("0", "0")]
            let port = ports[index % ports.count]
            let hostile = Self.hostile[index % Self.hostile.count]
            return Row(time: String(format: "2026-11-19T%02d:%02d:%02d.%07dZ", index / 3600 % 24, index / 60 % 60, index % 60, index * 7 % 10_000_000),
                       device: index % 3 == 0 ? hostile : .plain("dev\(index % 17)"),
                       ip: index % 5 == 0 ? "2001:db8::\(index % 9)" : "10.0.\(index % 7).\(index % 250)",
                       portJSON: port.0, portCSV: port.1,
                       url: index % 4 == 1 ? hostile : .plain(index % 6 == 0 ? "" : "u\(index % 11).example"))
        }
    }

    static func csv(_ rows: [Row]) -> [UInt8] {
        func quoted(_ bytes: [UInt8]) -> [UInt8] {
            [0x22] + bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
        }
        var out = Array((standardHeader + "\n").utf8)
        for row in rows {
            let cells: [[UInt8]] = [Array(row.time.utf8), quoted(row.device.csv), Array("host".utf8), Array("ConnectionSuccess".utf8),
                                    Array(row.ip.utf8), Array(row.portCSV.utf8), quoted(row.url.csv), Array("Public".utf8),
                                    Array("chrome.exe".utf8), Array("alice".utf8), Array("corp".utf8)]
            out += Array(cells.joined(separator: [0x2C])) + [0x0A]
        }
        return out
    }

    /// JSON lines; every third row in the streaming API's envelope, every fifth with a duplicated key
    /// whose second value must lose.
    static func jsonLines(_ rows: [Row]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, row) in rows.enumerated() {
            var object = Array("{\"Timestamp\": \"\(row.time)\", \"DeviceId\": ".utf8) + row.device.json
            object += Array(", \"DeviceName\": \"host\", \"ActionType\": \"ConnectionSuccess\", \"RemoteIP\": \"\(row.ip)\", \"RemotePort\": \(row.portJSON), \"RemoteUrl\": ".utf8)
            object += row.url.json
            object += Array(", \"RemoteIPType\": \"Public\", \"InitiatingProcessFileName\": \"chrome.exe\", \"InitiatingProcessAccountName\": \"alice\", \"InitiatingProcessAccountDomain\": \"corp\", \"Extra\": {\"nested\": [1, -2.5e3, true, null, \"x\"]}".utf8)
            if index % 5 == 0 { object += Array(", \"DeviceName\": \"second\", \"RemotePort\": \"bad\"".utf8) }
            object += Array("}".utf8)
            if index % 3 == 0 {
                object = Array("{\"time\": \"2026-11-19T00:00:00Z\", \"tenantId\": \"t\", \"operationName\": \"Publish\", \"category\": \"AdvancedHunting-DeviceNetworkEvents\", \"properties\": ".utf8)
                    + object + Array(", \"_TimeReceivedBySvc\": \"2026-11-19T00:00:01Z\"}".utf8)
            }
            out += object + (index % 7 == 0 ? [0x0D, 0x0A] : [0x0A])
        }
        return out
    }

    static func events(_ table: EventTable) -> [NetworkEvent] { (0..<table.count).map { table.event(at: $0) } }

    @Test func csvAndJSONLinesLoadTheSameTable() throws {
        let rows = Self.rows(count: 600)
        let fromCSV = try EventLoader.load(bytes: Self.csv(rows), name: "e.csv")
        #expect(fromCSV.issues.isEmpty && fromCSV.table.count == 600)
        for options in [EventLoader.ReadOptions(), EventLoader.ReadOptions(blockSize: 300, workers: 3)] {
            let fromJSON = try EventLoader.load(bytes: Self.jsonLines(rows), name: "e.jsonl", progress: nil, options: options)
            #expect(fromJSON.files.first?.format == .jsonLines)
            #expect(fromJSON.issues.isEmpty)
            #expect(Self.events(fromJSON.table) == Self.events(fromCSV.table))
        }
        // Worked by hand: row 0 is wrapped, its device the first hostile cell ("a", U+0000, "b"), its
        // duplicated DeviceName and RemotePort lose to the first ones.
        let first = try EventLoader.load(bytes: Self.jsonLines(Array(rows.prefix(2))), name: "e.jsonl").table.event(at: 0)
        #expect(first.deviceId == "a\u{0}b" && first.deviceName == "host" && first.remotePort == 443)
        #expect(first.timestamp.ticks == ticks(1_795_046_400))
    }

    @Test func streamedLinesReadAsTheWholeDocumentReaderReadsThem() throws {
        // Good, broken, escaped-name, wrong-typed and nested lines, each read both ways.
        let lines = [
            JSONTests.event(), "{\"Timestamp\": tru", "[1, 2]", "42", JSONTests.event(port: "\"abc\""),
            JSONTests.event(port: "4.43e2"), JSONTests.event(port: "true"), JSONTests.event(ip: "\"300.1.1.1\""),
            JSONTests.event(ip: "17"), JSONTests.event("null"), JSONTests.event("\"2017\""),
            JSONTests.event(url: #"{"b": [1.0, "x/y", true], "a": null}"#), JSONTests.event(port: "012"),
            "{\"Time\\u0073tamp\": \"2017-10-30T23:00:10Z\", \"DeviceId\": \"d\"}", JSONTests.event(extra: ", \"x\": \"\u{1}\""),
            JSONTests.event(extra: ", \"x\": \"\\q\""), JSONTests.event(extra: ", \"x\": -"), JSONTests.event(extra: ", \"x\": 1.}"),
            "{\"properties\": \(JSONTests.event(port: "\"99\"")), \"Timestamp\": null}",
            "{\"properties\": 5, \"properties\": \(JSONTests.event())}",
            "{\"properties\": \(JSONTests.event(port: "7")), \"properties\": 5}",
            JSONTests.event(extra: ", \"deep\": " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)),
            JSONTests.event(extra: ", \"deep\": " + String(repeating: "[", count: 62) + String(repeating: "]", count: 62)),
            JSONTests.event().replacingOccurrences(of: "\"Timestamp\"", with: "\"TimeGenerated\""),
        ]
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        let streamed = try EventLoader.load(bytes: text, name: "x.jsonl", progress: nil,
                                            options: EventLoader.ReadOptions(blockSize: 200, workers: 2))
        var ingest = FileIngest(file: "x.jsonl")
        var table = EventTable()
        _ = try text.withUnsafeBufferPointer { (buffer) throws(LoadError) in
            var reader = JSONReader(buffer)
            return try reader.readObjectDocument(into: &table, ingest: &ingest)
        }
        #expect(streamed.files.first?.format == .jsonLines)
        #expect(Self.events(streamed.table) == Self.events(table))
        #expect(streamed.issues.count == EventLoader.issuesReportedPerFile)
        #expect(streamed.issues == Array(ingest.issues.prefix(EventLoader.issuesReportedPerFile)))
        #expect(streamed.skippedRows == ingest.rowsSkipped && streamed.files.first?.rowsRead == ingest.rowsRead)
        // By hand: lines 1, 6 (4.43e2 is the whole number 443), 12 (nested url), 14 (the escaped name is
        // Timestamp), 21 (the first properties), 23 (63 levels) and 24 (TimeGenerated) load.
        #expect(streamed.table.count == 7)
    }

    @Test func aLineOverTheLimitIsSkippedWithItsLine() throws {
        let long = JSONTests.event(url: "\"" + String(repeating: "u", count: 500) + "\"")
        let text = Array([JSONTests.event(), long, JSONTests.event(port: "80"), long, long, JSONTests.event(port: "81"), long].joined(separator: "\n").utf8)
        for blockSize in [64, 256, 4096] {
            var options = EventLoader.ReadOptions(blockSize: blockSize, workers: 2)
            options.lineLimit = 400
            let result = try EventLoader.load(bytes: text, name: "l.jsonl", progress: nil, options: options)
            try #require(result.table.count == 3)
            #expect((0..<3).map { result.table.event(at: $0).remotePort } == [443, 80, 81])
            #expect(result.issues.map(\.line) == [2, 4, 5, 7])
            #expect(result.issues.first?.description == "l.jsonl:2: line longer than 400 bytes; skipped")
            #expect(result.files.first?.rowsRead == 7)
        }
    }

    @Test func aGzippedLineOverSixteenMiBIsSkippedAtTheRealLimit() throws {
        let long = JSONTests.event(url: "\"" + String(repeating: "a", count: 20 << 20) + "\"")
        let text = Array((JSONTests.event() + "\n" + long + "\n" + JSONTests.event(port: "80") + "\n").utf8)
        let result = try EventLoader.load(bytes: try gzipped(text), name: "big.jsonl.gz")
        #expect(result.files.first?.format == .jsonLines && result.files.first?.compressed == true)
        #expect(result.table.count == 2)
        #expect(result.issues == [IngestIssue(file: "big.jsonl.gz", line: 2, field: nil,
                                              message: "line longer than 16 MiB; skipped")])
    }

    @Test func duplicatedKeysKeepTheFirstValueLikeDuplicatedCSVColumns() throws {
        let json = JSONTests.event(extra: ", \"DeviceId\": \"second\", \"RemoteUrl\": \"second.example\"") + "\n"
            + JSONTests.event(port: "80") + "\n"
        let result = try loadText(json, name: "d.jsonl")
        #expect(result.table.event(at: 0).deviceId == "d1" && result.table.event(at: 0).remoteUrl == "example.com")
        let csv = standardHeader + ",DeviceId\n" + csvRow(device: "first") + ",second\n"
        #expect(try loadText(csv).table.event(at: 0).deviceId == "first")
    }
}
