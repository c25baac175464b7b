import BeaconEngine
import Testing

/// Each stage on small hand-built inputs; every expected value is worked out in the comments.
@Suite struct StageTests {
    @Test func steadyBeaconHasTheQuerysColumns() throws {
        // 17 events 60 s apart, each at .5 s: 16 deltas of exactly 60.
        let events = series(at: timestamps(gaps: Array(repeating: 60, count: 16), fraction: 5_000_000))
        let analysis = run(events, parameters())
        let beacon = try #require(analysis.beacons.first)
        let summary = try #require(beacon.summary)
        #expect(analysis.beacons.count == 1)
        #expect(summary.count == 16)
        #expect(summary.minTimestamp == at(seconds: 3600, ticks: 5_000_000))
        // As written, max(Timestamp) is taken after the last row was dropped: the 16th event (Q7).
        #expect(summary.maxTimestamp == at(seconds: 3600 + 15 * 60, ticks: 5_000_000))
        #expect(summary.duration == 900)
        #expect(summary.percentiles == [60, 60, 60, 60, 60])
        #expect(beacon.deltas == Array(repeating: 60, count: 16))
        #expect(summary.stats.avg == 60 && summary.stats.stdev == 0 && summary.stats.variance == 0)
        #expect(summary.stats.minIndex == 0 && summary.stats.maxIndex == 0)
        #expect(summary.jitter == 0)
        #expect(summary.beaconSleepMin == 60 && summary.beaconSleepMax == 60)
        #expect(beacon.outlierCount == 0)
        #expect(beacon.deviceCount == 1)
        // No RemoteUrl on any event to this IP: the extracted domain is "" and make_set keeps it.
        #expect(beacon.domains == [""])
        #expect(beacon.trail.map(\.stage) == [.eventCount, .timeDeltas, .jitter, .deviceCount, .outliers])
    }

    @Test func eventCountNeedsMoreThanFifteenDistinctTimestamps() {
        let sixteen = series(device: "a", at: timestamps(gaps: Array(repeating: 60, count: 15)))
        let fifteen = series(device: "b", at: timestamps(gaps: Array(repeating: 60, count: 14)))
        let analysis = run(sixteen + fifteen, parameters())
        #expect(analysis.beacons.map(\.key.deviceName) == ["a"])
        let rejected = analysis.candidates.first { $0.key.deviceName == "b" }
        #expect(rejected?.rejection?.stage == .eventCount)
        #expect(rejected?.rejection?.detail == "distinct timestamps 15 ≤ 15")
    }

    @Test func deltasCountSecondBoundariesNotElapsedTime() throws {
        // Events at 0.9, 61.1, 120.9, 181.1, ... s: elapsed gaps 60.2/59.8, but the floored seconds
        // 0, 61, 120, 181, ... give deltas 61, 59, 61, 59, ...
        var instants: [Instant] = []
        for k in 0..<17 {
            instants.append(at(seconds: 3600 + Int64(k) * 60, ticks: k % 2 == 0 ? 9_000_000 : 1_000_000 + second))
        }
        let beacon = try #require(run(series(at: instants), parameters()).beacons.first)
        #expect(beacon.deltas == (0..<16).map { $0 % 2 == 0 ? 61 : 59 })
        let summary = try #require(beacon.summary)
        // 8 × 61 and 8 × 59: mean 60, squared deviations 16 × 1, sample variance 16/15.
        #expect(summary.stats.avg == 60)
        #expect(abs(summary.stats.variance - 16.0 / 15.0) < 1e-12)
        #expect(abs(summary.jitter - (16.0 / 15.0).squareRoot() / 60 * 100) < 1e-12)
        #expect(summary.percentiles == [59, 59, 59, 61, 61])
        #expect(summary.stats.min == 59 && summary.stats.minIndex == 1)
        #expect(summary.stats.max == 61 && summary.stats.maxIndex == 0)
    }

    @Test func windowBoundsAreInclusive() {
        // now 2024-01-01T20:00Z: window [now-1d, now-1s] = [at(-4h), at(20h - 1s)].
        let inside = series(device: "in", at: timestamps(gaps: Array(repeating: 60, count: 16)))
        let edges = series(device: "in", at: [at(seconds: -4 * 3600), at(seconds: 20 * 3600 - 1)])
        let outside = series(device: "in", at: [Instant(ticks: at(seconds: -4 * 3600).ticks - 1),
                                                Instant(ticks: at(seconds: 20 * 3600 - 1).ticks + 1)])
        let analysis = run(inside + edges + outside, parameters())
        #expect(analysis.eventsRemoved[.timeWindow] == 2)
        #expect(analysis.candidates.first?.timestamps.count == 19)
        #expect(analysis.window.start == at(seconds: -4 * 3600))
        #expect(analysis.window.end == at(seconds: 20 * 3600 - 1))
    }

    @Test func withoutNowTheWindowEndsAtTheLatestEvent() {
        var parameters = QueryParameters()
        parameters.now = nil
        let events = series(at: timestamps(gaps: Array(repeating: 60, count: 16)))
        let analysis = run(events, parameters)
        // The latest event is at 3600 + 960 s; now = latest + 1 s, so the window ends on that event.
        #expect(analysis.window.anchoredOnData)
        #expect(analysis.window.now == at(seconds: 3600 + 960 + 1))
        #expect(analysis.window.end == at(seconds: 3600 + 960))
        #expect(analysis.beacons.count == 1)
    }

    @Test func rowFiltersRemoveWhatTheQueryNames() {
        let one = [at(seconds: 7200)]
        let events = series(type: "Private", at: one) + series(type: "Loopback", at: one)
            + series(type: "LinkLocal", at: one) + series(type: "Reserved", at: one)
            + series(type: "private", at: one)  // `!in` is case-sensitive: kept
            + series(ip: "", at: one) + series(ip: "0.0.0.0", at: one)
            + series(ip: "10.1.2.3", at: one) + series(ip: "192.168.0.9", at: one) + series(ip: "172.16.0.1", at: one)
            + series(ip: "127.0.0.1", at: one)  // not private to ipv4_is_private: kept (Q4)
            + series(action: "InboundConnectionAccepted", at: one)
        let analysis = run(events, parameters())
        #expect(analysis.eventsRemoved[.remoteIPType] == 4)
        #expect(analysis.eventsRemoved[.remoteIPPresent] == 2)
        #expect(analysis.eventsRemoved[.privateAddress] == 3)
        #expect(analysis.eventsRemoved[.actionType] == 1)
        #expect(Set(analysis.candidates.map(\.key.remoteIP)) == ["203.0.113.7", "127.0.0.1"])
    }

    @Test func jitterFilterExplainsItsRejection() {
        // Gaps alternating 5 and 300 s: mean 152.5, every deviation 147.5, sample stdev
        // 147.5 × sqrt(16/15) = 152.337..., jitter 99.89 %.
        let gaps = (0..<16).map { $0 % 2 == 0 ? Int64(5) : 300 }
        let analysis = run(series(at: timestamps(gaps: gaps)), parameters())
        #expect(analysis.beacons.isEmpty)
        let rejection = analysis.candidates.first?.rejection
        #expect(rejection?.stage == .jitter)
        #expect(rejection?.detail == "jitter 99.9 ≥ 50")
        #expect(analysis.nearMisses.count == 1)
    }

    @Test func allZeroDeltasGiveNaNJitterAndAreDropped() {
        // 17 distinct timestamps inside one second: every delta is 0, avg 0, Jitter 0/0 = NaN.
        let instants = (0..<17).map { at(seconds: 7200, ticks: Int64($0) * 1000) }
        let analysis = run(series(at: instants), parameters())
        #expect(analysis.beacons.isEmpty)
        #expect(analysis.candidates.first?.summary?.jitter.isNaN == true)
        #expect(analysis.candidates.first?.rejection?.detail == "jitter NaN (all deltas 0), not < 50")
    }

    @Test func resultsAreInJitterThenAverageOrderWithTiesByKey() {
        let slow = series(device: "slow", at: timestamps(gaps: Array(repeating: 120, count: 16)))
        let fastB = series(device: "b", at: timestamps(gaps: Array(repeating: 60, count: 16)))
        let fastA = series(device: "a", at: timestamps(gaps: Array(repeating: 60, count: 16)))
        let jittered = series(device: "jit", at: timestamps(gaps: (0..<16).map { $0 % 2 == 0 ? 61 : 59 }))
        let analysis = run(slow + fastB + jittered + fastA, parameters())
        // Jitter 0 before 1.7 %; among jitter 0, avg 60 before 120; equal rows by DeviceId.
        #expect(analysis.beacons.map(\.key.deviceName) == ["a", "b", "slow", "jit"])
    }

    @Test func windowsBeyondTwentyFourDaysOverflowTheMaximumAndDropEverything() {
        // toint((30d - 1s) / 1ms) = toint(2,591,999,000) overflows Int32: null, and `< null` is never true.
        var parameters = parameters()
        parameters.start = .ago(ticks: 30 * Instant.ticksPerDay)
        let analysis = run(series(at: timestamps(gaps: Array(repeating: 60, count: 16))), parameters)
        #expect(analysis.window.derivedMaxEvents == nil)
        #expect(analysis.beacons.isEmpty)
        parameters.maxEventsOverride = 1000
        #expect(run(series(at: timestamps(gaps: Array(repeating: 60, count: 16))), parameters).beacons.count == 1)
    }

    @Test func defaultMaximumIsTheQuerysConstant() {
        // toint((1d - 1s) / 1ms) = 86,399,000.
        #expect(run([], parameters()).window.derivedMaxEvents == 86_399_000)
    }
}

/// Re-deciding a preparation with other thresholds gives what a fresh run with them gives.
@Suite struct PreparedQueryTests {
    @Test func decidingAgainMatchesAFreshRun() {
        let gaps: [[Int64]] = [
            Array(repeating: 60, count: 16), (0..<16).map { $0 % 2 == 0 ? 50 : 70 },
            (0..<16).map { $0 % 2 == 0 ? 20 : 100 }, Array(repeating: 300, count: 14),
        ]
        let events = gaps.enumerated().flatMap { series(device: "d\($0.offset)", at: timestamps(gaps: $0.element)) }
        let table = EventTable(events)
        let prepared = BeaconQuery.prepare(table, parameters: parameters())
        for (jitter, minEvents) in [(50.0, 15), (17.0, 15), (70.0, 14), (10.0, 3)] {
            var changed = parameters()
            changed.jitter = jitter
            changed.minEvents = minEvents
            #expect(prepared.serves(changed))
            let decided = BeaconQuery.decide(prepared, parameters: changed)
            let fresh = run(events, changed)
            #expect(decided.beacons.map(\.key) == fresh.beacons.map(\.key))
            #expect(decided.candidates.map(\.trail) == fresh.candidates.map(\.trail))
        }
        var otherMode = parameters(.corrected)
        otherMode.jitter = 20
        #expect(!prepared.serves(otherMode))
    }
}

@Suite struct LeanPreparationTests {
    /// A single run measures only what its event-count threshold admits, and says it serves no other.
    @Test func aRunsPreparationServesOnlyItsEventCount() {
        let events = series(at: timestamps(gaps: Array(repeating: 60, count: 16)))
            + series(device: "short", at: timestamps(gaps: Array(repeating: 60, count: 9)))
        let lean = BeaconQuery.prepare(EventTable(events), parameters: parameters(), measuringEveryGroup: false)
        var lower = parameters()
        lower.minEvents = 5
        #expect(!lean.serves(lower))
        var stricter = parameters()
        stricter.jitter = 10
        #expect(lean.serves(stricter))
        #expect(BeaconQuery.decide(lean, parameters: stricter).beacons.count == 1)
        let full = BeaconQuery.prepare(EventTable(events), parameters: parameters())
        #expect(BeaconQuery.decide(full, parameters: lower).beacons.count == 2)
    }

    /// A higher minimum admits only groups the lean preparation measured: it is served, and decides as a
    /// fresh run does. The series has 17 distinct timestamps and the count must exceed the minimum, so 16
    /// keeps it and 17 rejects it; the short one (10) is out either way.
    @Test func aLeanPreparationServesAHigherMinimum() {
        let events = series(at: timestamps(gaps: Array(repeating: 60, count: 16)))
            + series(device: "short", at: timestamps(gaps: Array(repeating: 60, count: 9)))
        let lean = BeaconQuery.prepare(EventTable(events), parameters: parameters(), measuringEveryGroup: false)
        for (minEvents, reported) in [(16, 1), (17, 0)] {
            var higher = parameters()
            higher.minEvents = minEvents
            #expect(lean.serves(higher))
            let decided = BeaconQuery.decide(lean, parameters: higher)
            #expect(decided.beacons.count == reported)
            let fresh = run(events, higher)
            #expect(decided.candidates.map(\.trail) == fresh.candidates.map(\.trail))
        }
        var capped = parameters()
        capped.minEvents = 16
        capped.maxEventsOverride = 40
        #expect(!lean.serves(capped))
    }
}
