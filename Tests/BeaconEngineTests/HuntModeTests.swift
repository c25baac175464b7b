@testable import BeaconEngine
import Foundation
import Testing

/// Hunt mode through `BeaconQuery` on hand-built tables: what it reports where the query cannot, and the
/// score's factors worked out from their documented formulas.
@Suite struct HuntModeTests {
    /// `count` callbacks every `sleep` seconds from `start`, minus the indices in `missing`.
    static func beacon(device: String = "dev-1", process: String = "beacon.exe", ip: String = "203.0.113.7",
                       url: String = "", start: Int64 = 600, sleep: Int64, count: Int,
                       missing: Set<Int> = [], keep: (Int64) -> Bool = { _ in true }) -> [NetworkEvent] {
        let times = (0..<count).filter { !missing.contains($0) }.map { start + Int64($0) * sleep }.filter(keep)
        return series(device: device, process: process, ip: ip, url: url, at: times.map { at(seconds: $0, ticks: 5_000_000) })
    }

    static func hunt(start days: Int64 = 1) -> QueryParameters {
        var parameters = QueryParameters(mode: .hunt)
        parameters.now = at(seconds: days * 86_400 + 60)
        parameters.start = .ago(ticks: days * Instant.ticksPerDay + 60 * Instant.ticksPerSecond)
        return parameters
    }

    @Test func workingHoursBeaconOverAWeekIsReportedWhereTheQueryRejectsIt() throws {
        // 2024-01-01 is a Monday: a 5 min beacon 08:00–18:00 on the five weekdays, 120 callbacks a day.
        let events = Self.beacon(sleep: 300, count: 7 * 288) { seconds in
            let day = seconds / 86_400, hour = seconds % 86_400 / 3600
            return day < 5 && hour >= 8 && hour < 18
        }
        #expect(events.count == 600)
        let hunted = run(events, Self.hunt(start: 7))
        let beacon = try #require(hunted.beacons.first)
        #expect(abs((beacon.huntScore?.period ?? 0) - 300) < 1)
        #expect(beacon.huntScore?.periodicity.offTimeGaps == 4)
        var corrected = Self.hunt(start: 7)
        corrected.mode = .corrected
        #expect(run(events, corrected).beacons.isEmpty)
    }

    @Test func missedCallbacksDoNotHideABeacon() throws {
        // A 60 s beacon over a day with one callback in twenty never logged: 72 misses (indices 5, 25, …,
        // 1425). Each is a 120 s gap; with 5 % of them P90 stays at 60 s, so the query counts 72 outliers.
        let missing = Set(stride(from: 5, to: 1440, by: 20))
        let events = Self.beacon(start: 30, sleep: 60, count: 1440, missing: missing)
        let beacon = try #require(run(events, Self.hunt()).beacons.first)
        // 1,368 callbacks make 1,367 gaps, 1,295 of one period; whether the 72 doubled gaps count as missed
        // callbacks or against the fit depends on which gives the stronger evidence; either way it is reported.
        let periodicity = try #require(beacon.huntScore?.periodicity)
        #expect(periodicity.onePeriod == 1367 - 72)
        #expect(periodicity.missedCallbacks == 0 || periodicity.missedCallbacks == 72)
        var corrected = Self.hunt()
        corrected.mode = .corrected
        #expect(run(events, corrected).beacons.isEmpty)
    }

    @Test func aMonthLongWindowHasNoEventCap() throws {
        // A 6 h beacon over 30 days: 120 callbacks. The query's cap overflows int past 24.8 days (Q11).
        let events = Self.beacon(sleep: 21_600, count: 120)
        #expect(run(events, Self.hunt(start: 30)).beacons.count == 1)
        var faithful = Self.hunt(start: 30)
        faithful.mode = .faithful
        #expect(run(events, faithful).window.derivedMaxEvents == nil)
        #expect(run(events, faithful).beacons.isEmpty)
    }

    @Test func fleetPrevalenceAndTheCatalogueLowerTheScore() throws {
        // The same perfect 60 s timer on one device, and on 40 devices to another address (41 in the
        // fleet). Prevalence for 40 of 41: 1 − ln(40/3)/ln(41/3) = 0.0095, floored at 0.02, weight 1.5.
        var events = Self.beacon(device: "lone", ip: "203.0.113.7", sleep: 60, count: 300)
        for device in 0..<40 {
            events += Self.beacon(device: "fleet-\(device)", process: "agent.exe", ip: "198.51.100.9", sleep: 60, count: 300)
        }
        var parameters = Self.hunt()
        let analysis = run(events, parameters)
        let lone = try #require(analysis.candidates.first { $0.key.deviceName == "lone" }?.huntScore)
        let fleet = try #require(analysis.candidates.first { $0.key.deviceName == "fleet-0" }?.huntScore)
        let prevalence = try #require(fleet.factors.first { $0.name == "prevalence" })
        #expect(abs(prevalence.value - 0.02) < 1e-12)
        #expect(abs(fleet.score / lone.score - pow(0.02, 1.5)) < 1e-9)

        parameters.hunt.catalogue = [KnownBenignEntry(name: "Beacon Agent", category: "monitoring", source: "https://example.com",
                                                      match: .init(processNames: ["BEACON.EXE"]))]
        let marked = try #require(run(events, parameters).candidates.first { $0.key.deviceName == "lone" }?.huntScore)
        #expect(marked.knownBenign?.name == "Beacon Agent")
        #expect(abs(marked.score / lone.score - 0.35) < 1e-9)
        parameters.hunt.usesCatalogue = false
        let off = try #require(run(events, parameters).candidates.first { $0.key.deviceName == "lone" }?.huntScore)
        #expect(off.knownBenign == nil && abs(off.score - lone.score) < 1e-9)
    }

    @Test func aPerfectBeaconScoresTheProductOfItsContextFactors() throws {
        // Perfect timing (periodicity, fit, chain 1), one device, seen from the window's start, a domain,
        // all on one day: 100 × 0.92 (domain) × 0.92 (old) × coverage, where coverage is 0.7 + 0.3 ×
        // (1439 × 60 s) / the window (00:00:00 to now − 1 s = 86,459 s): 84.63.
        let events = Self.beacon(url: "cdn.example.net", start: 30, sleep: 60, count: 1440)
        let score = try #require(run(events, Self.hunt()).beacons.first?.huntScore)
        let coverage = 0.7 + 0.3 * (1439.0 * 60) / 86_459
        #expect(abs(score.score - 100 * 0.92 * 0.92 * coverage) < 0.05)
        #expect(score.factors.map(\.name) == ["periodicity", "fit", "chain", "prevalence", "knownBenign", "coverage",
                                              "regularDays", "domain", "novelty", "processIdentity"])
    }

    @Test func prevalenceFollowsItsFormula() {
        #expect(HuntScoring.prevalence(devices: 3, fleet: 300) == 1)
        // 1 − ln(30/3) / ln(300/3) = 1 − 1/2.
        #expect(abs(HuntScoring.prevalence(devices: 30, fleet: 300) - 0.5) < 1e-12)
        // A small capture counts as a fleet of 30: 1 − ln(10/3) / ln(10).
        #expect(abs(HuntScoring.prevalence(devices: 10, fleet: 12) - (1 - log(10.0 / 3) / log(10.0))) < 1e-12)
        #expect(abs(HuntScoring.periodicityStrength(2.5) - 0.5) < 1e-12)
    }

    @Test func jsonLinesCarryTheScoreColumnsAfterTheGroupKeys() throws {
        let events = Self.beacon(sleep: 60, count: 300)
        let beacon = try #require(run(events, Self.hunt()).beacons.first)
        let names = BeaconRecord(beacon).columns.map(\.name)
        #expect(Array(names[5...12]) == ["RemoteIP", "RemotePort", "BeaconScore", "Period", "PeriodConfidence", "Coverage",
                                          "ScoreFactors", "KnownBenign"])
        #expect(BeaconRecord(beacon).json.contains("\"ScoreFactors\":{\"periodicity\":"))
    }
}
