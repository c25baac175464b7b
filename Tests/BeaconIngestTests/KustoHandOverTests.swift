@testable import BeaconIngest
import Foundation
import Testing

/// Issue 16, item 4: past the measured point (100 million events, docs/PERFORMANCE.md, "Handing over to
/// Kusto") `analyze` and the console advise running the query in Kusto; at or below it they say nothing.
@Suite struct KustoHandOverTests {
    @Test func atOrBelowThePointThereIsNoAdvice() {
        #expect(KustoHandOver.advice(events: 0, estimated: true) == nil)
        #expect(KustoHandOver.advice(events: 100_000_000, estimated: false) == nil)
    }

    @Test func pastThePointTheAdviceNamesTheCountAndTheCommand() throws {
        let counted = try #require(KustoHandOver.advice(events: 100_000_001, estimated: false))
        #expect(counted.hasPrefix("100 million events, past the 100 million where one machine stops"))
        #expect(counted.contains("`beacon-triage kql`"))
        #expect(counted.contains("Defender, Sentinel or Azure Data Explorer"))
        let estimated = try #require(KustoHandOver.advice(events: 1_234_000_000, estimated: true))
        #expect(estimated.hasPrefix("about 1.2 billion events, past"))
        #expect(KustoHandOver.advice(events: 2_000_000_000, estimated: true)?.hasPrefix("about 2 billion events") == true)
        #expect(KustoHandOver.advice(events: 130_500_000, estimated: true)?.hasPrefix("about 130 million events") == true)
    }

    /// 2,100 bytes of CSV hold about 10 events at 210 bytes an event; 5,900 of JSON lines 10 at 590.
    @Test func theEstimateCountsEachFilesContentOverItsFormatsBytesPerEvent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hand-over-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "Timestamp,DeviceId\n"
        try Data((header + String(repeating: "a", count: 2_100 - header.utf8.count)).utf8)
            .write(to: folder.appendingPathComponent("a.csv"))
        let line = "{\"Timestamp\":\"x\"}\n"
        try Data((line + line + String(repeating: " ", count: 5_900 - 2 * line.utf8.count)).utf8)
            .write(to: folder.appendingPathComponent("b.jsonl"))
        // A Kusto result holds beacons, not events.
        try Data("Timestamp,DeviceId,RemoteIP,TimeDeltaList,TotalEvents\n".utf8)
            .write(to: folder.appendingPathComponent("c.csv"))
        #expect(LoadEstimate(paths: [folder.appendingPathComponent("a.csv").path]).events == 10)
        #expect(LoadEstimate(paths: [folder.appendingPathComponent("b.jsonl").path]).events == 10)
        #expect(LoadEstimate(paths: [folder.path]).events == 20)
    }
}
