import BeaconEngine
import BeaconGenerator
import BeaconIngest
import Foundation
import Testing
import Triage

/// Hunt mode held to the issue's acceptance on data whose labels come from elsewhere: the demo day's
/// truth file (written by the generator from each series' construction), the RITA capture's documented
/// beacon, and the detection grid's labels.
@Suite struct HuntAcceptanceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func huntParameters() throws -> QueryParameters {
        var parameters = QueryParameters(mode: .hunt)
        parameters.hunt.catalogue = try KnownBenignCatalogue.load(path: root.appendingPathComponent("catalogue/known-benign.toml").path)
        return parameters
    }

    @Test func ritaHTTPBeaconRanksFirstOverThreeDays() throws {
        let table = try EventLoader.load(paths: [fixture("rita_missing_host.endpoints_only.csv.gz")]).table
        var parameters = try Self.huntParameters()
        parameters.start = .ago(ticks: 3 * Instant.ticksPerDay)
        let analysis = BeaconQuery.run(table, parameters: parameters)
        let first = try #require(analysis.beacons.first)
        // 73.54.23.243 → 64.225.56.201:80 every 200–350 s (the capture's README).
        #expect(first.key.deviceName == "73.54.23.243" && first.key.remoteIP == "64.225.56.201" && first.key.remotePort == 80)
        let period = try #require(first.huntScore?.period)
        #expect(period > 200 && period < 350)
    }

    @Test func demoDayRanksEveryMaliciousSeriesWithAVerdictAboveEveryBenignOne() throws {
        let data = try Data(contentsOf: DemoDataTests.demoFolder.appendingPathComponent("defender-day.truth.json"))
        let truth = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let series = try #require(truth["series"] as? [[String: Any]])
        let table = try EventLoader.load(paths: [DemoDataTests.demoFolder.appendingPathComponent("defender-day.csv.gz").path]).table
        let analysis = BeaconQuery.run(table, parameters: try Self.huntParameters())
        var scores: [String: Double] = [:]
        var callbacks: [String: Int] = [:]
        for candidate in analysis.candidates {
            let key = candidate.key
            let id = "\(key.deviceId)|\(key.initiatingProcessFileName)|\(key.remoteIP)|\(key.remotePort ?? -1)"
            scores[id] = max(scores[id] ?? 0, candidate.huntScore?.score ?? 0)
            callbacks[id] = candidate.distinctTimestampCount
        }
        var malicious: [(String, Double)] = [], benign: [(String, Double)] = []
        for entry in series {
            let id = "\(entry["deviceId"] as? String ?? "")|\(entry["processFileName"] as? String ?? "")|\(entry["remoteIP"] as? String ?? "")|\(entry["remotePort"] as? Int ?? -1)"
            let name = entry["series"] as? String ?? ""
            if entry["label"] as? String == "malicious" {
                // A 6 h sleep leaves four callbacks in a day: fewer than any period needs (five timestamps),
                // which is why hunt mode asks for a window as long as the sleep needs.
                if (callbacks[id] ?? 0) < Periodicity.minimumTimestamps {
                    #expect(name == "long-sleep-6h")
                    continue
                }
                malicious.append((name, scores[id] ?? 0))
            } else {
                benign.append((name, scores[id] ?? 0))
            }
        }
        #expect(malicious.count == 18)
        let lowestMalicious = try #require(malicious.min { $0.1 < $1.1 })
        let highestBenign = try #require(benign.max { $0.1 < $1.1 })
        #expect(lowestMalicious.1 > highestBenign.1, "\(lowestMalicious) is not above \(highestBenign)")
        #expect(malicious.allSatisfy { $0.1 >= HuntSettings.defaultMinScore })
    }

    /// The quick detection grid (one replicate a cell, every window): the issue's targets of recall 95 %,
    /// precision 0.9 and a true beacon above a non-beacon in 95 % of pairs, measured on labels the
    /// generator wrote. Benign agents under names no catalogue knows, on one to three devices, are as
    /// periodic and as rare as an implant: no timing or fleet measure tells them apart, so they are
    /// counted apart (the analyst's first false-positive mark turns each into a known-benign entry), and
    /// precision is measured over everything else: beacons, known agents, services, Poisson and browsing.
    @Test func quickGridMeetsTheDetectionTargets() throws {
        let grid = DetectionGrid(seed: 3, plan: .standard(quick: true))
        let catalogue = try Self.huntParameters().hunt.catalogue
        var found = 0, beacons = 0, reported = 0, reportedBeacons = 0, unknownAgents = 0
        var pairs = 0.0, ordered = 0.0
        for table in grid.tables() {
            var parameters = table.parameters(mode: .hunt)
            parameters.hunt.catalogue = catalogue
            let labels = table.labels
            let analysis = BeaconQuery.run(table.eventTable(), parameters: parameters)
            var beaconScores: [Double] = [], otherScores: [Double] = []
            for candidate in analysis.candidates {
                let label = labels[candidate.key]
                let isBeacon = label?.isBeacon ?? false
                let score = candidate.huntScore?.score ?? 0
                if isBeacon { beaconScores.append(score) } else { otherScores.append(score) }
                guard candidate.isReported else { continue }
                if label?.family == .benignAgent && label?.knownName == false {
                    unknownAgents += 1
                    continue
                }
                reported += 1
                if isBeacon { reportedBeacons += 1 }
            }
            beacons += table.beaconCount
            found += analysis.beacons.filter { labels[$0.key]?.isBeacon ?? false }.count
            for beacon in beaconScores {
                for other in otherScores {
                    pairs += 1
                    ordered += beacon > other ? 1 : (beacon == other ? 0.5 : 0)
                }
            }
        }
        #expect(Double(found) / Double(beacons) >= 0.95, "recall \(found)/\(beacons)")
        #expect(Double(reportedBeacons) / Double(reported) >= 0.9, "precision \(reportedBeacons)/\(reported)")
        #expect(ordered / pairs >= 0.95, "AUC \(ordered / pairs)")
        #expect(unknownAgents > 0, "the grid's unknown agents should still be reported: they are periodic and rare")
    }
}
