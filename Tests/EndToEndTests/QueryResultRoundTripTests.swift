import Foundation
import Testing

/// A query run elsewhere (here: `analyze` itself, standing in for Kusto, whose output has the same
/// columns) exported as CSV and JSON lines, then triaged from that file without the events.
@Suite struct QueryResultRoundTripTests {
    func keys(_ jsonLines: String) throws -> [String] {
        try jsonLines.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return "\(object["DeviceName"]!)→\(object["RemoteIP"]!):\(object["RemotePort"]!) jitter \(object["Jitter"]!)"
        }
    }

    @Test(arguments: ["csv", "jsonl"])
    func exportedResultsGiveTheSameBeaconsAndTighterThresholdsASubset(format: String) throws {
        let scratch = try ScratchFolder()
        let results = scratch.path("kusto-results.\(format)")
        let window = ["--now", "2024-04-22T00:00:00Z", "--start", "3d"]
        let run = try cli(["analyze", fixture("rita_missing_host.endpoints_only.csv.gz"), "--format", format] + window)
        #expect(run.status == 0)
        try run.output.write(toFile: results, atomically: true, encoding: .utf8)
        let direct = try cli(["analyze", fixture("rita_missing_host.endpoints_only.csv.gz"), "--format", "jsonl"] + window)

        let triaged = try cli(["analyze", results, "--format", "jsonl"])
        #expect(triaged.status == 0)
        #expect(triaged.errors.contains("query result rows from"))
        #expect(triaged.errors.contains("query results from Kusto"))
        let all = try keys(triaged.output)
        #expect(!all.isEmpty)
        #expect(all == (try keys(direct.output)))

        // The RITA beacon's jitter is 16.1 % (its README); NTP's 0.3 %. A 5 % threshold keeps NTP only.
        let tight = try cli(["analyze", results, "--format", "jsonl", "--jitter", "5"])
        let kept = try keys(tight.output)
        #expect(kept.count < all.count)
        #expect(kept.allSatisfy(all.contains))
        #expect(!kept.contains { $0.contains("64.225.56.201:80") })
    }

    @Test func resultsAndEventsTogetherAreRefused() throws {
        let scratch = try ScratchFolder()
        let results = scratch.path("kusto.csv")
        let run = try cli(["analyze", fixture("rita_missing_host.endpoints_only.csv.gz"), "--format", "csv",
                           "--now", "2024-04-22T00:00:00Z", "--start", "3d"])
        try run.output.write(toFile: results, atomically: true, encoding: .utf8)
        let mixed = try cli(["analyze", fixture("rita_missing_host.endpoints_only.csv.gz"), results])
        #expect(mixed.status == 2)
        #expect(mixed.errors.contains("holds the query's results"))
    }
}
