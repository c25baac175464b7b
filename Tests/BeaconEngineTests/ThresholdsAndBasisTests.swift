import BeaconEngine
import Foundation
import Testing

/// `Thresholds` hold the query's `let`s and `QueryBasis` what a preparation depends on: a preparation
/// serves any change of the first and none of the second.
@Suite struct ThresholdsAndBasisTests {
    /// The `let name = value;` lines of the seed's rule body, read from the seed file itself (the copy in
    /// the HuntingQuery fixtures, byte for byte the one in shared/seed).
    static func seedLets() throws -> [String: String] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HuntingQueryTests/Fixtures/000_090622b8d3a8b773.txt").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let body = text.components(separatedBy: "Rule body kusto\n")[1].components(separatedBy: "Stages and Predicates")[0]
        var lets: [String: String] = [:]
        for line in body.split(separator: "\n") where line.hasPrefix("let ") {
            let statement = line.dropFirst(4).split(separator: ";", maxSplits: 1)[0]
            let sides = statement.split(separator: "=", maxSplits: 1)
            guard sides.count == 2 else { continue }
            lets[sides[0].trimmingCharacters(in: .whitespaces)] = sides[1].trimmingCharacters(in: .whitespaces)
        }
        return lets
    }

    @Test func defaultsAreTheQuerysLets() throws {
        let lets = try Self.seedLets()
        let defaults = Thresholds()
        #expect(lets["TotalEventsThresholdMin"] == "15" && defaults.minEvents == 15)
        #expect(lets["JitterThreshold"] == "50" && defaults.jitter == 50)
        #expect(lets["OutlierThresholdMax"] == "2" && defaults.outlierMax == 2)
        #expect(lets["OutlierCountMax"] == "3" && defaults.outlierCountMax == 3)
        #expect(lets["CompromisedDeviceCountMax"] == "10" && defaults.deviceCountMax == 10)
        // TotalEventsThresholdMax is derived from the window, not a constant to override.
        #expect(lets["TotalEventsThresholdMax"]?.hasPrefix("toint(") == true && defaults.maxEventsOverride == nil)
        let basis = QueryBasis()
        #expect(lets["starttime"] == "1d" && basis.start == .ago(ticks: 24 * 3600 * 10_000_000))
        #expect(lets["endtime"] == "1s" && basis.end == .ago(ticks: 10_000_000))
        #expect(basis.mode == .faithful && basis.now == nil && !basis.keepPrivate)
    }

    /// The fields read and written through `QueryParameters` land in their own half.
    @Test func parametersReadAndWriteThroughToTheirHalf() {
        var parameters = QueryParameters()
        parameters.jitter = 12.5
        parameters.hunt.minScore = 70
        parameters.keepPrivate = true
        #expect(parameters.thresholds.jitter == 12.5 && parameters.thresholds.hunt.minScore == 70)
        #expect(parameters.basis.keepPrivate)
        #expect(parameters.basis == { var basis = QueryBasis(); basis.keepPrivate = true; return basis }())
        #expect(QueryParameters(mode: .corrected).basis.mode == .corrected)
        #expect(QueryParameters(mode: .corrected).thresholds == Thresholds())
    }

    static let thresholdChanges: [(String, @Sendable (inout QueryParameters) -> Void)] = [
        ("minEvents", { $0.minEvents = 3 }),
        ("maxEventsOverride", { $0.maxEventsOverride = 40 }),
        ("jitter", { $0.jitter = 10 }),
        ("outlierMax", { $0.outlierMax = 1.5 }),
        ("outlierCountMax", { $0.outlierCountMax = 0 }),
        ("deviceCountMax", { $0.deviceCountMax = 1 }),
        ("minScore", { $0.hunt.minScore = 90 }),
        ("usesCatalogue", { $0.hunt.usesCatalogue = false }),
    ]

    static let basisChanges: [(String, @Sendable (inout QueryParameters) -> Void)] = [
        ("mode", { $0.mode = .corrected }),
        ("now", { $0.now = at(seconds: 30 * 3600) }),
        ("start", { $0.start = .ago(ticks: 2 * Instant.ticksPerDay) }),
        ("end", { $0.end = .ago(ticks: 3600 * Instant.ticksPerSecond) }),
        ("actionTypesOverride", { $0.actionTypesOverride = ["ConnectionSuccess"] }),
        ("zeroSpread", { $0.zeroSpread = .zero }),
        ("varianceForm", { $0.varianceForm = .sums }),
        ("domainsKeepEmpty", { $0.domainsKeepEmpty = false }),
        ("keepPrivate", { $0.keepPrivate = true }),
    ]

    static var table: EventTable {
        EventTable(series(at: timestamps(gaps: Array(repeating: 60, count: 16)))
                   + series(device: "short", at: timestamps(gaps: Array(repeating: 60, count: 9))))
    }

    @Test(arguments: thresholdChanges.map(\.0))
    func aPreparationServesAChangeOfThreshold(_ name: String) {
        let change = Self.thresholdChanges.first { $0.0 == name }!.1
        let prepared = BeaconQuery.prepare(Self.table, parameters: parameters())
        var changed = parameters()
        change(&changed)
        #expect(changed.basis == parameters().basis && changed.thresholds != parameters().thresholds)
        #expect(prepared.serves(changed))
        // Deciding the change over the preparation is what a fresh run of it gives.
        let decided = BeaconQuery.decide(prepared, parameters: changed)
        let fresh = BeaconQuery.run(Self.table, parameters: changed)
        #expect(decided.beacons.map(\.key) == fresh.beacons.map(\.key))
        #expect(decided.candidates.map(\.trail) == fresh.candidates.map(\.trail))
    }

    @Test(arguments: basisChanges.map(\.0))
    func aPreparationDoesNotServeAChangeOfBasis(_ name: String) {
        let change = Self.basisChanges.first { $0.0 == name }!.1
        let prepared = BeaconQuery.prepare(Self.table, parameters: parameters())
        var changed = parameters()
        change(&changed)
        #expect(changed.thresholds == parameters().thresholds && changed.basis != parameters().basis)
        #expect(!prepared.serves(changed))
    }

    /// A lean preparation (a single run's) measured only the groups its event counts admit, so it serves
    /// other thresholds only with the same event counts or a higher minimum (the changes here lower it).
    @Test func aLeanPreparationServesOnlyItsEventCounts() {
        let lean = BeaconQuery.prepare(Self.table, parameters: parameters(), measuringEveryGroup: false)
        #expect(!lean.measuresEveryGroup)
        for (name, change) in Self.thresholdChanges {
            var changed = parameters()
            change(&changed)
            let keepsEventCounts = name != "minEvents" && name != "maxEventsOverride"
            #expect(lean.serves(changed) == keepsEventCounts, "\(name)")
        }
    }
}
