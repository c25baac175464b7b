@testable import BeaconIngest
import BeaconEngine
import Testing

/// Issue 17, item 8: timestamps with fractional digits beyond the 100-ns tick still load, truncated to it
/// as Kusto keeps them, and each file says so once: how many, and the line of the first.
@Suite struct FractionTruncationTests {
    @Test func aCSVFileNotesTheCountAndTheFirstLineOnce() throws {
        let rows = [
            csvRow("2024-01-01T00:00:00.1234567Z"),
            csvRow("2024-01-01T00:00:01.123456789Z", device: "dev2"),  // line 3: digits 8 and 9 dropped
            csvRow("2024-01-01T00:00:02.5Z"),
            csvRow("2024-01-01T00:00:03.000000010Z"),                  // line 5: the 9th digit, 1, dropped
        ]
        let loaded = try loadText(([standardHeader] + rows).joined(separator: "\n"))
        #expect(loaded.table.count == 4)
        #expect(loaded.skippedRows == 0 && loaded.issues.isEmpty)
        #expect(loaded.files[0].notes == ["2 timestamps with more than 7 fractional digits truncated to 100 ns, Kusto's precision (the first at line 3)"])
        // 2024-01-01T00:00:01Z is 1704067201 s (`date -u -d 2024-01-01 +%s` is 1704067200).
        #expect(loaded.table.timestamp[1] == ticks(1_704_067_201, 1_234_567))
    }

    @Test func zerosBeyondTheTickLoseNothingAndAreNotNoted() throws {
        // wevtutil writes SystemTime as .934569300Z: nine digits, the last two zeros.
        let loaded = try loadText([standardHeader, csvRow("2024-01-01T00:00:00.934569300Z")].joined(separator: "\n"))
        #expect(loaded.table.count == 1)
        #expect(loaded.files[0].notes.isEmpty)
    }

    @Test func linesAreTheFilesAcrossBlocksReadInParallel() throws {
        // 3,000 rows in blocks of 4 KiB on two threads; only row 2,500 (line 2,501) has nine digits.
        let rows = (0..<3000).map { index in
            csvRow(index == 2499 ? "2024-01-01T00:41:39.123456789Z" : "2024-01-01T00:00:00.1234567Z")
        }
        var options = EventLoader.ReadOptions()
        options.blockSize = 4096
        options.workers = 2
        let loaded = try EventLoader.load(bytes: Array(([standardHeader] + rows).joined(separator: "\n").utf8),
                                          name: "big.csv", progress: nil, options: options)
        #expect(loaded.table.count == 3000)
        #expect(loaded.files[0].notes == ["1 timestamp with more than 7 fractional digits truncated to 100 ns, Kusto's precision (the first at line 2501)"])
    }

    @Test func jsonLinesAreNotedToo() throws {
        let event = { (time: String) in
            #"{"Timestamp":"\#(time)","DeviceId":"d","DeviceName":"h","ActionType":"ConnectionSuccess","RemoteIP":"8.8.8.8","RemotePort":443,"RemoteUrl":"","RemoteIPType":"Public","InitiatingProcessFileName":"a.exe","InitiatingProcessAccountName":"u","InitiatingProcessAccountDomain":"c"}"#
        }
        let text = [event("2024-01-01T00:00:00Z"), event("2024-01-01T00:00:00.12345678Z")].joined(separator: "\n")
        let loaded = try loadText(text, name: "events.jsonl")
        #expect(loaded.table.count == 2)
        #expect(loaded.files[0].notes == ["1 timestamp with more than 7 fractional digits truncated to 100 ns, Kusto's precision (the first at line 2)"])
    }
}
