@testable import BeaconEngine
import BeaconIngest
import Dispatch
import Foundation
import Synchronization
import Testing

/// The preparation's parallel stages on well over 100,000 passing rows: stage 2 numbering its groups in
/// partitions, one per thread, and the measures split over threads, with the domain memo shared by all.
@Suite struct ParallelPreparationTests {
    static let table: EventTable = {
        // The designed day is well formed apart from its bad rows, which the loader skips.
        (try? EventLoader.load(bytes: DesignedDay.csv, name: "designed-day.csv").table) ?? EventTable()
    }()

    /// As the console and `analyze` run it, with the threads `prepare` picks (every core).
    @Test func prepareThenDecideReportsTheSteadyGroups() {
        let parameters = QueryParameters()
        let prepared = BeaconQuery.prepare(Self.table, parameters: parameters)
        #expect(prepared.groupCount == DesignedDay.groups)
        ExpectedFigures.check(BeaconQuery.decide(prepared, parameters: parameters))
    }

    /// Four threads whatever the machine has, so that the partitioned numbering and the split measures
    /// run even on one core, and the same figures as one thread.
    @Test func partitionedGroupsAndSplitMeasuresMatchTheLayout() throws {
        var table = Self.table
        let parameters = QueryParameters()
        let window = AnalysisWindow.resolve(parameters.basis, latestEvent: table.latest, fallbackNow: .current)
        let filtered = FilterEvents.apply(table, window: window, basis: parameters.basis)
        // Every good row passes: the whole day lies in the window, to public addresses, ConnectionSuccess.
        #expect(filtered.passing == ExpectedFigures.rows)

        let groups = GroupTimestamps.apply(&table, filtered: filtered, threads: 4)
        try Self.expectTheLayout(groups, pool: table.pool)

        let everyGroup = [Bool](repeating: true, count: groups.count)
        let split = GroupMeasures.measure(groups, measured: everyGroup, basis: parameters.basis, threads: 4)
        let single = GroupMeasures.measure(groups, measured: everyGroup, basis: parameters.basis, threads: 1)
        #expect(split.scores == single.scores)
        #expect(split.jitters == single.jitters)
        // A constant series scores 0 everywhere (spec S1); the alternating one has every gap on a fence
        // (P10 = 10 s, P90 = 110 s), so it scores 0 everywhere too.
        #expect(split.scores.allSatisfy { $0 == 0 })
        for group in 0..<DesignedDay.groups {
            let summary = try #require(split.summary(group))
            // n connections make n - 1 gaps.
            #expect(summary.count == DesignedDay.connections(group) - 1)
            if DesignedDay.isSteady(group) {
                #expect(summary.jitter == 0)
                #expect(summary.stats.avg == 60)
            } else {
                // Gaps of 10 and 110 s: mean within a few tenths of 60, sample stdev just over 50, about 84 %.
                #expect(summary.jitter > 82 && summary.jitter < 86)
            }
        }
    }

    /// A table read in two passes is numbered with a slot for every row and its timestamps placed from
    /// that alone, its columns released on the way (`releasingRows`): in partitions too, the groups are
    /// the layout's.
    @Test func aTableReadInTwoPassesGroupsInPartitionsAsItsRowsAreReleased() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("designed-day-\(getpid()).csv").path
        try Data(DesignedDay.csv).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parameters = QueryParameters()
        let plan = TwoPassLoader.Plan(basis: parameters.basis, floor: parameters.minEvents, clock: .current)
        var table = try TwoPassLoader.load(paths: [path], plan: plan).table
        let window = try #require(table.secondPass).window
        let filtered = FilterEvents.apply(table, window: window, basis: parameters.basis)
        #expect(filtered.passing == ExpectedFigures.rows)

        let groups = GroupTimestamps.apply(&table, filtered: filtered, threads: 4, releasingRows: true)
        #expect(table.count == 0, "the rows are released once their timestamps are placed")
        try Self.expectTheLayout(groups, pool: table.pool)
    }

    /// The first round of rows holds every group in order, so first-row order is the layout's order.
    private static func expectTheLayout(_ groups: GroupTimestamps.Groups, pool: StringPool) throws {
        try #require(groups.count == DesignedDay.groups)
        for group in 0..<DesignedDay.groups {
            #expect(pool[groups.remoteIP(group)] == DesignedDay.remoteIP(group))
            #expect(groups.eventCounts[group] == Int32(DesignedDay.connections(group)))
            let expected = (0..<DesignedDay.connections(group)).map { DesignedDay.ticks(group, $0) }
            #expect(Array(groups.timestamps[groups.starts[group]..<groups.starts[group + 1]]) == expected)
        }
    }

    /// Domains looked up from several threads at once in one memo, each URL asked by every thread in a
    /// different order, so that lookups and insertions of the same key meet.
    @Test func theDomainMemoAnswersEveryThread() {
        let memo = DomainMemo()
        let wrong = Atomic<Int>(0)
        let threads = 4
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for step in 0..<DesignedDay.groups {
                let group = (step * 7 + thread * 401) % DesignedDay.groups
                if memo.domain(of: DesignedDay.url(group)) != DesignedDay.domain(group) { wrong.add(1, ordering: .relaxed) }
            }
        }
        #expect(wrong.load(ordering: .relaxed) == 0)
    }
}
