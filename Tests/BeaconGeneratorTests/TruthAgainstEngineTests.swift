import BeaconEngine
import BeaconIngest
import Testing
@testable import BeaconGenerator

/// The truth file's expectations held against the real reader and engine (issue 3, item 3).
@Suite struct TruthAgainstEngineTests {
    @Test func everyExpectedFindIsReported() throws {
        let day = try sharedDay.get()
        let reported = Set(day.analysis.beacons.map(\.key))
        for entry in day.truth.found {
            #expect(reported.contains(entry.key), "\(entry.series) on \(entry.deviceName) should be reported: \(entry.reason)")
        }
    }

    @Test func everyExpectedMissIsRemovedAtItsStage() throws {
        let day = try sharedDay.get()
        let candidates = Dictionary(day.analysis.candidates.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in day.truth.missed {
            let stage = try #require(entry.expectedStage)
            #expect(!day.analysis.beacons.contains { $0.key == entry.key }, "\(entry.series) must not be reported")
            if QueryStage.eventFilters.contains(stage) {
                // Removed row by row before grouping: no group forms, and the stage removed rows.
                #expect(candidates[entry.key] == nil, "\(entry.series) should never form a group")
                #expect((day.analysis.eventsRemoved[stage] ?? 0) > 0, "\(stage) removed nothing")
            } else {
                let candidate = try #require(candidates[entry.key], "\(entry.series) on \(entry.deviceName) formed no group")
                #expect(candidate.rejection?.stage == stage,
                        "\(entry.series) on \(entry.deviceName): engine says \(candidate.rejection?.detail ?? "reported"), truth says \(stage): \(entry.reason)")
            }
        }
    }

    /// Each row filter removes at least the designed series' rows the truth counts for it (noise adds more).
    @Test func rowFiltersRemoveAtLeastTheSeriesRows() throws {
        let day = try sharedDay.get()
        for (stage, rows) in day.truth.seriesRowsRemoved {
            #expect((day.analysis.eventsRemoved[stage] ?? 0) >= rows, "\(stage): engine removed \(day.analysis.eventsRemoved[stage] ?? 0), series alone have \(rows)")
        }
    }

    /// No noise row lands in a series' group: the engine's group has exactly the series' distinct timestamps.
    @Test func seriesGroupsHoldOnlyTheirOwnRows() throws {
        let day = try sharedDay.get()
        let candidates = Dictionary(day.analysis.candidates.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in day.truth.entries where entry.distinctTimestamps > 0 {
            let candidate = try #require(candidates[entry.key])
            #expect(candidate.timestamps.count == entry.distinctTimestamps, "\(entry.series) on \(entry.deviceName)")
        }
    }

    /// Everything the query reports is a labelled series: browsing and background noise never look periodic.
    @Test func nothingUnlabelledIsReported() throws {
        let day = try sharedDay.get()
        let expected = Set(day.truth.found.map(\.key))
        for beacon in day.analysis.beacons {
            #expect(expected.contains(beacon.key), "unlabelled beacon \(beacon.key)")
        }
        #expect(day.analysis.beacons.count == day.truth.found.count)
    }

    /// The analyst's false positives: the benign agents on few devices are in the list to mark.
    @Test func benignAgentsAreReported() throws {
        let day = try sharedDay.get()
        let agents = day.truth.entries.filter { $0.family == .benignAgent }
        #expect(agents.count == 6)  // datadog on 3 servers, TeamViewer on 2, AnyDesk on 1
        let reported = Set(day.analysis.beacons.map(\.key))
        for agent in agents {
            #expect(reported.contains(agent.key), "\(agent.series) on \(agent.deviceName)")
            #expect(agent.analystVerdict == "falsePositive")
        }
    }

    @Test func theFileLoadsWithoutSkippedRows() throws {
        let day = try sharedDay.get()
        #expect(day.loaded.skippedRows == 0)
        #expect(day.loaded.table.count == day.result.output.events)
        #expect(day.loaded.table.latest == GeneratedDay.config.end)
        #expect(day.analysis.window.start.ticks == day.truth.windowStart.ticks)
        #expect(day.analysis.window.end.ticks == day.truth.windowEnd.ticks)
    }
}
