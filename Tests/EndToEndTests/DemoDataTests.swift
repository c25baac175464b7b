import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// The shipped demo day held to its truth file: what the faithful query must find and what it must miss,
/// and at which stage (worked out by the generator from each series' construction, not by the engine).
@Suite struct DemoDataTests {
    struct Expectation {
        var key: BeaconKey
        var series: String
        var found: Bool
        var stage: String?
    }

    static let demoFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("demo-data/generated-day")

    static func expectations() throws -> [Expectation] {
        let data = try Data(contentsOf: demoFolder.appendingPathComponent("defender-day.truth.json"))
        let truth = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let series = try #require(truth["series"] as? [[String: Any]])
        return series.map { entry in
            Expectation(
                key: BeaconKey(
                    deviceId: entry["deviceId"] as? String ?? "", deviceName: entry["deviceName"] as? String ?? "",
                    initiatingProcessAccountName: entry["accountName"] as? String ?? "",
                    initiatingProcessAccountDomain: entry["accountDomain"] as? String ?? "",
                    initiatingProcessFileName: entry["processFileName"] as? String ?? "",
                    remoteIP: entry["remoteIP"] as? String ?? "",
                    remotePort: (entry["remotePort"] as? Int).map(Int32.init)),
                series: entry["series"] as? String ?? "",
                found: entry["expected"] as? String == "found",
                stage: entry["expectedStage"] as? String)
        }
    }

    @Test func faithfulQueryFindsAndMissesWhatTheTruthSays() throws {
        let expectations = try Self.expectations()
        #expect(expectations.filter(\.found).count == 18)
        let table = try EventLoader.load(paths: [Self.demoFolder.appendingPathComponent("defender-day.csv.gz").path]).table
        let analysis = BeaconQuery.run(table, parameters: QueryParameters())
        let reported = Set(analysis.beacons.map(\.key))
        let candidates = Dictionary(analysis.candidates.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for expectation in expectations {
            if expectation.found {
                #expect(reported.contains(expectation.key), "\(expectation.series) should be reported")
                continue
            }
            #expect(!reported.contains(expectation.key), "\(expectation.series) should be missed")
            let stage = try #require(expectation.stage.flatMap(QueryStage.init(rawValue:)))
            if QueryStage.eventFilters.contains(stage) {
                #expect(candidates[expectation.key] == nil, "\(expectation.series) should never form a group")
            } else {
                #expect(candidates[expectation.key]?.rejection?.stage == stage,
                        "\(expectation.series): \(candidates[expectation.key]?.rejection?.detail ?? "no group")")
            }
        }
        // Nothing outside the truth file is reported.
        #expect(analysis.beacons.count == 18)
    }
}
