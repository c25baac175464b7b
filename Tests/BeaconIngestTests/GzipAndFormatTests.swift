import BeaconEngine
import BeaconIngest
import Foundation
import Testing

@Suite struct GzipAndFormatTests {
    static let csv = standardHeader + "\n" + csvRow(domain: "a") + "\n" + csvRow(domain: "b") + "\n"

    @Test func gzipIsDetectedByMagicBytesNotByName() throws {
        let scratch = try ScratchDirectory()
        let compressed = try gzipped(Array(Self.csv.utf8))
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        let path = try scratch.write("export.txt", compressed)
        let result = try EventLoader.load(paths: [path])
        #expect(result.files.first?.compressed == true)
        #expect(result.files.first?.format == .csv)
        #expect(result.table.count == 2)
        #expect(result.table.event(at: 1).initiatingProcessAccountDomain == "b")

        // And a plain file named .gz is read as plain text.
        let plain = try scratch.write("plain.csv.gz", Self.csv)
        let plainResult = try EventLoader.load(paths: [plain])
        #expect(plainResult.files.first?.compressed == false)
        #expect(plainResult.table.count == 2)
    }

    @Test func multiMemberGzipIsReadToTheEnd() throws {
        let first = try gzipped(Array((standardHeader + "\n" + csvRow(domain: "one") + "\n").utf8))
        let second = try gzipped(Array((csvRow(domain: "two") + "\n" + csvRow(domain: "three") + "\n").utf8))
        let result = try EventLoader.load(bytes: first + second, name: "cat.gz")
        #expect(result.table.count == 3)
        #expect((0..<3).map { result.table.event(at: $0).initiatingProcessAccountDomain } == ["one", "two", "three"])
    }

    @Test func gzippedJSONLinesAndBigContent() throws {
        // Larger than the inflater's 256 KiB chunk, to cross chunk boundaries.
        var text = ""
        for index in 0..<5_000 {
            text += JSONTests.event(port: "\(index % 65_536)") + "\n"
        }
        let result = try EventLoader.load(bytes: try gzipped(Array(text.utf8)), name: "big.jsonl.gz")
        #expect(result.files.first?.format == .jsonLines)
        #expect(result.files.first?.compressed == true)
        #expect(result.table.count == 5_000)
        #expect(result.table.event(at: 4_999).remotePort == 4_999)
    }

    /// A copy cut short keeps the rows inflated before the cut, minus the line it cuts (which would load
    /// with its last value shortened), and says where the data ends.
    @Test func truncatedGzipKeepsTheWholeLinesBeforeTheCut() throws {
        var text = ""
        for index in 0..<2_000 { text += csvRow(domain: "d\(index)") + "\n" }
        let content = Array((standardHeader + "\n" + text).utf8)
        let compressed = try gzipped(content)
        for cut in [compressed.count - 4, compressed.count / 2] {
            let truncated = Array(compressed.prefix(cut))
            // What gzip itself inflates from the cut file, and the whole lines in it after the header.
            let inflated = try gunzippedPrefix(truncated)
            #expect(Array(content.prefix(inflated.count)) == inflated)
            let wholeLines = inflated.split(separator: 0x0A, omittingEmptySubsequences: false).count - 1
            let result = try EventLoader.load(bytes: truncated, name: "cut.gz")
            #expect(result.table.count == wholeLines - 1)
            #expect(result.issues.map(\.description)
                    == ["cut.gz:\(wholeLines + 1): the gzip data ends early, in this line, which is left out: the rows before it are loaded, the rest of the file is missing"])
            if wholeLines > 1 {
                #expect(result.table.event(at: wholeLines - 2).initiatingProcessAccountDomain == "d\(wholeLines - 2)")
            }
        }
        // Cut before any content: the gzip header alone.
        #expect(throws: LoadError.corruptGzip(path: "cut.gz", reason: "truncated (unexpected end of data)")) {
            try EventLoader.load(bytes: Array(compressed.prefix(12)), name: "cut.gz")
        }
    }

    @Test func corruptGzipIsAnError() throws {
        var compressed = try gzipped(Array(Self.csv.utf8))
        // Flip the bytes of the stored CRC-32 (the trailer's first 4 bytes).
        let crc = compressed.count - 8
        for index in crc..<(crc + 4) { compressed[index] ^= 0xFF }
        do {
            _ = try EventLoader.load(bytes: compressed, name: "bad.gz")
            Issue.record("expected an error")
        } catch let error as LoadError {
            guard case .corruptGzip(let path, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(path == "bad.gz")
            #expect(error.description.hasPrefix("bad.gz: corrupt gzip data: "))
        }
        // Trailing garbage that is not another member.
        let garbage = try gzipped(Array(Self.csv.utf8)) + Array("junk".utf8)
        #expect(throws: LoadError.self) { try EventLoader.load(bytes: garbage, name: "g.gz") }
        // Zero padding after the last member is tolerated.
        let padded = try gzipped(Array(Self.csv.utf8)) + [UInt8](repeating: 0, count: 512)
        #expect(try EventLoader.load(bytes: padded, name: "p.gz").table.count == 2)
    }

    @Test func formatIsDetectedFromContentWhateverTheExtension() throws {
        let scratch = try ScratchDirectory()
        let array = "[" + JSONTests.event() + "]"
        let lines = JSONTests.event() + "\n" + JSONTests.event() + "\n"
        let hunting = "{" + JSONTests.schema + ", \"Results\": [" + JSONTests.event() + "]}"
        let cases: [(String, String, InputFormat, Int)] = [
            ("csv-named.json", Self.csv, .csv, 2),
            ("array-named.csv", array, .jsonArray, 1),
            ("lines-named.csv", lines, .jsonLines, 2),
            ("hunting-named.jsonl", hunting, .advancedHuntingJSON, 1),
            ("no-extension", "\u{FEFF}\r\n \t\n" + array, .jsonArray, 1),
        ]
        let paths = try cases.map { try scratch.write($0.0, $0.1) }
        let result = try EventLoader.load(paths: paths)
        #expect(result.files.map(\.format) == cases.map(\.2))
        #expect(result.files.map(\.rowsLoaded) == cases.map(\.3))
        #expect(result.files.map(\.path) == paths)
        #expect(result.table.count == 7)
    }
}
