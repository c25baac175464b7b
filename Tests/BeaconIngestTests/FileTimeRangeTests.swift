import BeaconEngine
@testable import BeaconIngest
import Foundation
import Testing

/// Each file's summary carries the earliest and latest time of the events it contributed, whichever
/// reader read it, so a file the window leaves out entirely can be named.
@Suite struct FileTimeRangeTests {
    /// 2024-01-01T00:00:00Z in Unix seconds (`date -u -d 2024-01-01 +%s`).
    static let jan1: Int64 = 1_704_067_200

    static func range(_ first: Int64, _ last: Int64) -> ClosedRange<Instant> {
        Instant(ticks: first)...Instant(ticks: last)
    }

    /// Out of time order, with two rows skipped: a bad timestamp and, a second earlier than every event
    /// loaded, a bad port, which must not widen the range.
    static let csv = [
        standardHeader,
        csvRow("2024-01-02T03:04:05Z"),
        csvRow("2024-01-01T00:00:00Z", device: "dev2"),
        csvRow("not-a-time"),
        csvRow("2023-12-31T23:59:59Z", port: "https"),
        csvRow("2024-01-03T00:00:00.5Z", ip: "1.1.1.1"),
    ].joined(separator: "\n") + "\n"
    /// 2024-01-01T00:00:00Z through 2024-01-03T00:00:00.5Z (2 days = 172,800 s later, plus half a second).
    static let csvRange = range(ticks(jan1), ticks(jan1 + 172_800, 5_000_000))

    @Test func csvRowsGiveTheirEarliestAndLatestTime() throws {
        let loaded = try loadText(Self.csv, name: "day.csv")
        #expect(loaded.files.first?.rowsLoaded == 3)
        #expect(loaded.files.first?.timeRange == Self.csvRange)
        #expect(loaded.files.first?.windowFitFile == WindowFit.File(path: "day.csv", events: 3, timeRange: Self.csvRange))
    }

    @Test func csvReadInManyBlocksOnSeveralThreadsGivesTheSameRange() throws {
        // Blocks of 64 bytes hold less than a row: every row is its own block, merged from two workers.
        let loaded = try EventLoader.load(bytes: Array(Self.csv.utf8), name: "day.csv", progress: nil,
                                          options: EventLoader.ReadOptions(blockSize: 64, workers: 2))
        #expect(loaded.files.first?.timeRange == Self.csvRange)
    }

    @Test func jsonLinesGiveTheirEarliestAndLatestTime() throws {
        func line(_ time: String) -> String {
            #"{"Timestamp":"\#(time)","DeviceId":"d","DeviceName":"h","ActionType":"ConnectionSuccess","RemoteIP":"8.8.8.8","RemotePort":443,"RemoteUrl":"","RemoteIPType":"Public","InitiatingProcessFileName":"p.exe","InitiatingProcessAccountName":"a","InitiatingProcessAccountDomain":"c"}"#
        }
        let text = [line("2024-01-01T12:00:00Z"), "{not json", line("2024-01-01T06:30:00.25Z"), line("2024-01-01T09:00:00Z")]
            .joined(separator: "\n")
        let loaded = try loadText(text, name: "events.jsonl")
        #expect(loaded.files.first?.format == .jsonLines)
        #expect(loaded.files.first?.rowsLoaded == 3)
        // 06:30:00.25 is 23,400 s and a quarter after midnight; 12:00 is 43,200 s.
        #expect(loaded.files.first?.timeRange == Self.range(ticks(Self.jan1 + 23_400, 2_500_000), ticks(Self.jan1 + 43_200)))
    }

    @Test func zeekConnRecordsGiveTheirRange() throws {
        let text = ZeekLogTests.tsv([
            "1713484797\tCa3\t10.0.0.1\t8\t64.225.56.201\t80\ttcp\t-\tSF",
            "1713484795.943239\tCa1\t10.0.0.1\t50000\t64.225.56.201\t80\ttcp\thttp\tSF",
        ])
        let loaded = try loadText(text, name: "conn.log")
        #expect(loaded.files.first?.timeRange == Self.range(17_134_847_959_432_390, 17_134_847_970_000_000))
    }

    @Test func windowsEventsGiveTheirRangeOnceTheLoadEnds() throws {
        // 5156 records of a collector at UTC-4: 06:00:01 and 06:00:06 local are 10:00:01 and 10:00:06 UTC on
        // 2024-03-01 (`date -u -d 2024-03-01T10:00:01Z +%s` is 1709287201).
        let lines = [
            WindowsEventJSONTests.nxlog5156(localEventTime: "2024-03-01 06:00:06", received: "2024-03-01T10:00:09.900Z",
                                            receivedLocal: "2024-03-01 06:00:07", sourcePort: "50002"),
            WindowsEventJSONTests.nxlog5156(localEventTime: "2024-03-01 06:00:01", received: "2024-03-01T10:00:02.400Z",
                                            receivedLocal: "2024-03-01 06:00:02"),
        ]
        let loaded = try loadText(lines.joined(separator: "\n"), name: "wfp.jsonl")
        #expect(loaded.files.first?.format == .windowsEventJSON)
        #expect(loaded.files.first?.timeRange == Self.range(ticks(1_709_287_201), ticks(1_709_287_206)))
    }

    @Test func eachFileOfALoadKeepsItsOwnRange() throws {
        let scratch = try ScratchDirectory()
        let first = try scratch.write("a.csv", [standardHeader, csvRow("2024-01-01T00:00:00Z")].joined(separator: "\n"))
        let second = try scratch.write("b.csv", [standardHeader, csvRow("2025-01-01T00:00:00Z"),
                                                 csvRow("2025-01-01T00:00:10Z")].joined(separator: "\n"))
        let loaded = try EventLoader.load(paths: [first, second])
        // 2025-01-01 is 366 days (2024 is a leap year) after 2024-01-01: 31,622,400 s.
        #expect(loaded.files.map(\.timeRange) == [Self.range(ticks(Self.jan1), ticks(Self.jan1)),
                                                  Self.range(ticks(Self.jan1 + 31_622_400), ticks(Self.jan1 + 31_622_410))])
    }

    @Test func noRangeWithoutEventsOrForQueryResults() throws {
        let noEvents = try loadText([standardHeader, csvRow("not-a-time")].joined(separator: "\n"), name: "bad.csv")
        #expect(noEvents.files.first?.timeRange == nil)
        #expect(noEvents.files.first?.windowFitFile == nil)
        let results = try loadText(QueryResultReaderTests.portalCSV, name: "kusto.csv")
        #expect(results.files.first?.format == .kustoResultCSV)
        #expect(results.files.first?.timeRange == nil)
    }
}
