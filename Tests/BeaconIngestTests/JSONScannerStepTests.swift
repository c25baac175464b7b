@testable import BeaconIngest
import BeaconEngine
import Testing

/// The JSON-lines scanner steps over string content sixteen bytes at a time, may look past a line's end
/// into the rest of its block, and matches member names by length and first word: each shortcut must
/// leave the verdict and the values those of `JSONTextParser`, the whole-document reader.
@Suite struct JSONScannerStepTests {
    /// Loads `lines` streamed (small blocks, so that many lines end where their block ends) and whole,
    /// and checks that both read the same events and report the same issues.
    func expectStreamedAsWhole(_ lines: [String], blockSize: Int) throws {
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        let streamed = try EventLoader.load(bytes: text, name: "s.jsonl", progress: nil,
                                            options: EventLoader.ReadOptions(blockSize: blockSize, workers: 2))
        var ingest = FileIngest(file: "s.jsonl")
        var table = EventTable()
        _ = try text.withUnsafeBufferPointer { (buffer) throws(LoadError) in
            var reader = JSONReader(buffer)
            return try reader.readObjectDocument(into: &table, ingest: &ingest)
        }
        #expect(streamed.files.first?.format == .jsonLines)
        #expect(JSONLinesStreamingTests.events(streamed.table) == JSONLinesStreamingTests.events(table))
        #expect(streamed.skippedRows == ingest.rowsSkipped)
        #expect(streamed.issues == Array(ingest.issues.prefix(EventLoader.issuesReportedPerFile)))
    }

    @Test func aSpecialByteAtEveryOffsetOfALongStringIsSeen() throws {
        // In an unwanted member and in the url: a closing quote early (the rest is then bad syntax), an
        // escape, a raw control character (invalid JSON) and bytes at or above 0x7F (plain content).
        var lines: [String] = []
        for offset in 0..<40 {
            let before = String(repeating: "a", count: offset), after = String(repeating: "b", count: 40 - offset)
            for special in ["\\\"", "\\\\", "\\u0041", "\u{1}", "\u{1F}", "\u{7F}", "é", "\"", " "] {
                let text = "\"" + before + special + after + "\""
                lines.append(JSONTests.event(extra: ", \"note\": " + text))
                lines.append(JSONTests.event(url: text))
            }
        }
        let loadable = lines.count
        try expectStreamedAsWhole(lines, blockSize: 1 << 20)
        try expectStreamedAsWhole(lines, blockSize: 333)
        // By hand: per offset, the raw U+0001 and U+001F and the early quote break both lines (6 of 18);
        // the other 12 load.
        let loaded = try EventLoader.load(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), name: "s.jsonl")
        #expect(loaded.table.count == loadable / 18 * 12)
    }

    @Test func aStringEndingWhereTheBlockEndsIsReadWhole() throws {
        // Lines of every length around the 16-byte step, each its own block's last line in turn.
        var lines: [String] = []
        for length in 0..<48 {
            lines.append(JSONTests.event(extra: ", \"tail\": \"" + String(repeating: "t", count: length) + "\""))
            lines.append(JSONTests.event(extra: ", \"tail\": \"" + String(repeating: "t", count: length)))
        }
        for blockSize in [250, 256, 271, 300] {
            try expectStreamedAsWhole(lines, blockSize: blockSize)
        }
    }

    @Test func namesThatOnlyResembleWantedOnesAreNotTaken() throws {
        // Same length and first eight bytes as a wanted name, or a wanted name's prefix or extension.
        let lookalikes = ["DeviceIdX", "DeviceIe", "DeviceNamf", "RemoteIPTypf", "InitiatingProcessAccountDomaiN",
                          "InitiatingProcessFileNamf", "Timestamq", "TimeGenerates", "propertieS", "RemoteUr"]
        var lines: [String] = []
        for name in lookalikes {
            lines.append(JSONTests.event(extra: ", \"\(name)\": \"decoy\"").replacingOccurrences(of: "{", with: "{\"\(name)\": \"first\", "))
        }
        try expectStreamedAsWhole(lines, blockSize: 1 << 20)
        let loaded = try EventLoader.load(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), name: "s.jsonl")
        // By hand: every line keeps JSONTests.event's own values.
        #expect(loaded.table.count == lookalikes.count)
        for index in 0..<loaded.table.count {
            let event = loaded.table.event(at: index)
            #expect(event.deviceId == "d1" && event.deviceName == "host1" && event.remoteUrl == "example.com")
            #expect(event.remoteIPType == "Public" && event.initiatingProcessFileName == "chrome.exe")
            #expect(event.initiatingProcessAccountDomain == "corp" && event.timestamp.ticks == JSONTests.expectedTicks)
        }
    }

    @Test func everyWantedNameIsFoundAndNothingElse() {
        let names = JSONEventScanner.wantedNames
        let wanted = EventColumn.allCases.map(\.name) + [EventColumn.alternativeTimeName]
        names.withLookup { lookup in
            for (slot, name) in wanted.enumerated() {
                var bytes = Array(name.utf8)
                #expect(bytes.withUnsafeBufferPointer { lookup.meaning(of: $0.baseAddress!, count: $0.count) } == slot)
                bytes[bytes.count - 1] ^= 0x20
                #expect(bytes.withUnsafeBufferPointer { lookup.meaning(of: $0.baseAddress!, count: $0.count) } == nil)
            }
            for other in ["properties", "time", "LocalIP", "x", "InitiatingProcessId", String(repeating: "z", count: 40)] {
                let bytes = Array(other.utf8)
                let expected = other == "properties" ? JSONWantedNames.propertiesMeaning : nil
                #expect(bytes.withUnsafeBufferPointer { lookup.meaning(of: $0.baseAddress!, count: $0.count) } == expected)
            }
        }
    }
}
