import BeaconEngine
@testable import BeaconIngest
import Testing

/// Issue 17 item 6: a stray `"` costs its own line, not the rest of the file, whichever way the file is
/// read (one block, blocks on threads with the quote parity fooled, the one-thread fallback, gzip).
@Suite struct StrayQuoteTests {
    static let unterminated = "unterminated quoted field: 1 row skipped, reading resumed at the next line"
    static let closedWithText = "quoted field runs past its line and closes with text after the quote: "
        + "1 row skipped, reading resumed at the next line"

    /// Every way of reading: default blocks (one block here), small blocks on two threads with a small
    /// record cap, and small blocks with the default cap (the cutter then reads to the end).
    static let readings: [EventLoader.ReadOptions] = [
        .init(),
        .init(blockSize: 4096, workers: 2, lineLimit: 16_384),
        .init(blockSize: 4096, workers: 2),
    ]

    /// `count` rows, the ones at `strayRows` (0-based) with an unclosed quote opening their RemoteUrl.
    static func rows(_ count: Int, strayRows: Set<Int>) -> [UInt8] {
        var text = standardHeader + "\n"
        for index in 0..<count {
            text += csvRow(device: "d\(index)", url: strayRows.contains(index) ? "\"open" : "u.example") + "\n"
        }
        return Array(text.utf8)
    }

    /// The reported case: 10,000 rows, row 5 (line 6: the header is line 1) opens a quote it never
    /// closes. Only that row is lost: 9,999 load, one issue at line 6 on RemoteUrl.
    @Test(arguments: readings) func oneStrayQuoteLosesOneRowOfTenThousand(options: EventLoader.ReadOptions) throws {
        let bytes = Self.rows(10_000, strayRows: [4])
        for input in [bytes, try gzipped(bytes)] {
            let result = try EventLoader.load(bytes: input, name: "stray.csv", progress: nil, options: options)
            #expect(result.table.count == 9_999)
            #expect(result.skippedRows == 1)
            #expect(result.files.first?.rowsRead == 10_000)
            #expect(result.issues == [IngestIssue(file: "stray.csv", line: 6, field: "RemoteUrl", message: Self.unterminated)])
            #expect(result.table.event(at: 4).deviceId == "d5")
            #expect(result.table.event(at: 9_998).deviceId == "d9999")
        }
    }

    /// Two stray quotes, rows 5 and 300 (lines 6 and 301): the first "closes" at the second, with text
    /// after it; the second then runs to the end. With small blocks the cutter's parity is even again
    /// after line 301, so a block cut falls inside the second's record and the reader falls back to one
    /// thread. Each costs its own line: 9,998 rows load.
    @Test(arguments: readings) func twoStrayQuotesLoseTwoRows(options: EventLoader.ReadOptions) throws {
        let bytes = Self.rows(10_000, strayRows: [4, 299])
        let result = try EventLoader.load(bytes: bytes, name: "two.csv", progress: nil, options: options)
        #expect(result.table.count == 9_998)
        #expect(result.issues == [
            IngestIssue(file: "two.csv", line: 6, field: "RemoteUrl", message: Self.closedWithText),
            IngestIssue(file: "two.csv", line: 301, field: "RemoteUrl", message: Self.unterminated),
        ])
    }

    /// RFC 4180 line breaks inside a quoted cell still load, even when the cell's second line would
    /// parse as a record of its own: the quote closes before a separator, so it is not stray.
    @Test(arguments: readings) func validMultiLineCellsStillLoad(options: EventLoader.ReadOptions) throws {
        let lookalike = "note\n" + csvRow(device: "inner")
        var text = standardHeader + "\n" + csvRow(device: "a", url: "\"one\ntwo\"") + "\n"
        text += csvRow(device: "b", url: "\"" + lookalike + "\"") + "\n"
        for index in 0..<200 { text += csvRow(device: "r\(index)") + "\n" }
        let result = try EventLoader.load(bytes: Array(text.utf8), name: "multi.csv", progress: nil, options: options)
        #expect(result.issues.isEmpty)
        #expect(result.table.count == 202)
        #expect(result.table.event(at: 0).remoteUrl == "one\ntwo")
        #expect(result.table.event(at: 1).remoteUrl == lookalike)
        #expect(result.table.event(at: 2).deviceId == "r0")
    }
}
