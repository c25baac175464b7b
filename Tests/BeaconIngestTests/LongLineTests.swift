import BeaconEngine
@testable import BeaconIngest
import Testing

/// Issue 17 item 2: a line longer than the cap (`InputLimits.maximumLineBytes`) is skipped with its
/// file:line, read past rather than inflated whole, and the rest of the file loads.
@Suite struct LongLineTests {
    /// 300 rows; row 100 (line 102) has a RemoteUrl of `urlLength` `~` bytes, row 200 (line 202) a bad port.
    static func file(urlLength: Int) -> [UInt8] {
        var text = standardHeader + "\n"
        for index in 0..<300 {
            let url = index == 100 ? String(repeating: "~", count: urlLength) : "u.example"
            text += csvRow(device: "d\(index)", port: index == 200 ? "bad" : "443", url: url) + "\n"
        }
        return Array(text.utf8)
    }

    static func expectedIssues(_ message: String, file: String) -> [IngestIssue] {
        [IngestIssue(file: file, line: 102, field: nil, message: message),
         IngestIssue(file: file, line: 202, field: "RemotePort", message: "not a number \"bad\"")]
    }

    /// A small cap, so that small blocks on two threads meet it: a 50,000-byte line against 16,384.
    @Test func aLineOverASmallCapIsSkipped() throws {
        let bytes = Self.file(urlLength: 50_000)
        let options = EventLoader.ReadOptions(blockSize: 4096, workers: 2, lineLimit: 16_384)
        for input in [bytes, try gzipped(bytes)] {
            let result = try EventLoader.load(bytes: input, name: "long.csv", progress: nil, options: options)
            #expect(result.table.count == 298)
            #expect(result.files.first?.rowsRead == 300)
            #expect(result.issues == Self.expectedIssues("line longer than 16384 bytes; skipped", file: "long.csv"))
            #expect(result.table.event(at: 100).deviceId == "d101")
        }
    }

    /// Near the end of a file the cutter hands the line over whole (it is within a block and the cap) and
    /// the parser skips it by its length.
    @Test func aLineOverTheCapInTheLastBlockIsSkipped() throws {
        let options = EventLoader.ReadOptions(blockSize: 1 << 20, workers: 2, lineLimit: 16_384)
        let result = try EventLoader.load(bytes: Self.file(urlLength: 50_000), name: "end.csv", progress: nil, options: options)
        #expect(result.table.count == 298)
        #expect(result.issues == Self.expectedIssues("line longer than 16384 bytes; skipped", file: "end.csv"))
    }

    /// The real cap: a gzip'd 20 MiB line is skipped, and no block the cutter hands out holds a byte of it
    /// (the line is made of `~`, which no other row has); every block stays within the block size plus
    /// the cap.
    @Test func aTwentyMebibyteLineIsReadPastNotKept() throws {
        let compressed = try gzipped(Self.file(urlLength: 20 << 20))
        let result = try EventLoader.load(bytes: compressed, name: "huge.csv.gz")
        #expect(result.table.count == 298)
        #expect(result.issues == Self.expectedIssues("line longer than 16 MiB; skipped", file: "huge.csv.gz"))

        let gzip = try GzipSource(MemorySource(compressed, progress: nil), name: "huge.csv.gz")
        var cutter = RecordBlockCutter(start: [], source: CompleteLinesSource(gzip), sourceEnded: false, blockSize: 8 << 20)
        var skipped = 0
        var bytesHandedOut = 0
        while let block = try cutter.next() {
            skipped += block.longLinesSkippedBefore
            bytesHandedOut += block.count
            #expect(!block.bytes[0..<block.count].contains(UInt8(ascii: "~")))
            #expect(block.bytes.count <= (8 << 20) + InputLimits.maximumLineBytes)
        }
        #expect(skipped == 1)
        #expect(bytesHandedOut < 1 << 20)
    }
}
