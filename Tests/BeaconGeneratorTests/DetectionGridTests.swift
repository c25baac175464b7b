import BeaconEngine
import Testing
@testable import BeaconGenerator

/// The detection grid's generator against figures worked out by hand, so the benchmark's labels can be
/// trusted: how many check-ins a cell has, where its deltas fall, and that a seed makes one grid.
@Suite struct DetectionGridTests {
    static let second = Instant.ticksPerSecond
    static let start = DetectionGrid.startTicks
    static let day = Instant.ticksPerDay

    static func deltas(_ times: [Int64]) -> [Int64] { zip(times.dropFirst(), times).map { $0 - $1 } }

    @Test func anExactSixtySecondBeaconChecksInOnceAMinute() {
        let cell = GridCell(sleepSeconds: 60, jitter: 0, style: .none)
        let times = DetectionGrid.beaconTimestamps(cell, start: Self.start, end: Self.start + Self.day, seed: 3)
        // 86,400 s / 60 s = 1,440 check-ins; the first falls anywhere in the first minute, so one more can fit.
        #expect((1439...1441).contains(times.count))
        // Exact timers carry ±20 ms of scheduling noise and no more.
        #expect(Self.deltas(times).allSatisfy { abs($0 - 60 * Self.second) <= 400_000 })
    }

    @Test func tenPercentMissingLeavesNineTenths() {
        let cell = GridCell(sleepSeconds: 60, jitter: 0, style: .none, missing: 0.1)
        let times = DetectionGrid.beaconTimestamps(cell, start: Self.start, end: Self.start + Self.day, seed: 3)
        // 1,440 × 0.9 = 1,296; the binomial spread is √(1440 · 0.1 · 0.9) ≈ 11, so ±40 is 3.5 σ.
        #expect((1256...1336).contains(times.count))
        // A missed check-in leaves a doubled delta, never a shorter one.
        #expect(Self.deltas(times).allSatisfy { $0 >= 60 * Self.second - 400_000 })
    }

    @Test func workingHoursBeaconOnlyOnWeekdaysFromEightToSix() {
        let cell = GridCell(sleepSeconds: 60, jitter: 0.1, style: .symmetric, variant: .workingHours)
        let times = DetectionGrid.beaconTimestamps(cell, start: Self.start, end: Self.start + 7 * Self.day, seed: 5)
        let hours = WeeklyHours.officeHours()
        let when = times.map { hours.localDayAndHour($0) }
        #expect(when.allSatisfy { $0.day < 5 && (8..<18).contains($0.hour) })
        #expect(Set(when.map(\.day)) == [0, 1, 2, 3, 4])
        // Five days of ten hours at one a minute: 3,000, give or take the jitter at each day's edges.
        #expect((2960...3040).contains(times.count))
        // The grid's weeks start on a Monday at midnight.
        let first = hours.localDayAndHour(Self.start)
        #expect(first.day == 0 && first.hour == 0)
    }

    @Test func cobaltStrikeJitterOnlyShortensTheSleep() {
        let cell = GridCell(sleepSeconds: 300, jitter: 0.3, style: .cobaltStrike)
        let times = DetectionGrid.beaconTimestamps(cell, start: Self.start, end: Self.start + Self.day, seed: 9)
        let deltas = Self.deltas(times)
        // sleep × (1 − U(0, 0.3)): every delta in [210 s, 300 s], up to the rounding of one 100 ns tick.
        #expect(deltas.allSatisfy { (210 * Self.second - 1)...(300 * Self.second + 1) ~= $0 })
        // And spread over it: some below 220 s, some above 290 s.
        #expect(deltas.contains { $0 < 220 * Self.second } && deltas.contains { $0 > 290 * Self.second })
        // Mean delay 255 s: 86,400 / 255 ≈ 339 check-ins.
        #expect((320...360).contains(times.count))
    }

    @Test func symmetricJitterGoesBothWays() {
        let cell = GridCell(sleepSeconds: 60, jitter: 0.3, style: .symmetric)
        let deltas = Self.deltas(DetectionGrid.beaconTimestamps(cell, start: Self.start, end: Self.start + Self.day, seed: 9))
        #expect(deltas.allSatisfy { (42 * Self.second - 1)...(78 * Self.second + 1) ~= $0 })
        #expect(deltas.contains { $0 < 45 * Self.second } && deltas.contains { $0 > 75 * Self.second })
    }

    @Test func burstsAddAConnectionOneToSixSecondsLater() {
        let cell = GridCell(sleepSeconds: 300, jitter: 0, style: .none, variant: .burst)
        let times = DetectionGrid.beaconTimestamps(cell, start: Self.start, end: Self.start + Self.day, seed: 2)
        let short = Self.deltas(times).filter { $0 < 60 * Self.second }
        // 288 check-ins a day, each followed by a second connection (the last one's may fall past the end).
        #expect((286...289).contains(short.count))
        #expect(short.allSatisfy { (1 * Self.second)...(6 * Self.second) ~= $0 })
    }

    @Test func aSeedMakesOneGrid() {
        let plan = GridPlan.standard(quick: true)
        let window = plan.windows[0]
        let a = DetectionGrid(seed: 11, plan: plan).table(window)
        let b = DetectionGrid(seed: 11, plan: plan).table(window)
        let c = DetectionGrid(seed: 12, plan: plan).table(window)
        #expect(a.groups.map(\.key) == b.groups.map(\.key))
        #expect(a.groups.map(\.timestamps) == b.groups.map(\.timestamps))
        #expect(a.groups.map(\.timestamps) != c.groups.map(\.timestamps))
    }

    @Test func everyBeaconReplicateIsLabelledOnItsOwnDeviceAndAddress() {
        let plan = GridPlan.standard(quick: true)
        let grid = DetectionGrid(seed: 1, plan: plan)
        for window in plan.windows {
            let table = grid.table(window)
            #expect(table.beaconCount == window.cells.count * plan.replicates)
            #expect(table.labels.count == table.groups.count)
            let beacons = table.groups.filter(\.label.isBeacon)
            #expect(Set(beacons.map(\.key.remoteIP)).count == beacons.count)
            #expect(beacons.allSatisfy { ["192.0.2.", "198.51.100.", "2a0e:"].contains(where: $0.key.remoteIP.hasPrefix) })
            #expect(table.groups.allSatisfy { $0.timestamps.allSatisfy { (table.start...table.end).contains($0) } })
            // The offline host's beacon has one gap of at least six hours.
            for group in beacons where group.label.cell?.variant == .offlineHost {
                #expect(Self.deltas(group.timestamps).contains { $0 >= 6 * 3600 * Self.second })
            }
        }
    }
}
