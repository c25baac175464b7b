import BeaconEngine
@testable import BeaconIngest
import Foundation
import Testing
@testable import BeaconGenerator

/// A load in two passes (`TwoPassLoader`) must report what a load in one does, for the basis, window
/// and event-count floor it was read for. The one-pass engine is the reference here because it is
/// validated on its own (the DuckDB differential, the spec tests); the hand-worked case in
/// `TwoPassSelectionTests` checks the selection itself.
@Suite struct TwoPassTests {
    /// Three days of 60 devices, so that the window can be moved within the data and the default one
    /// leaves two days out: 60,000 events, CSV, gzip and JSON lines, generated once.
    static let files = Result { () throws -> [String] in
        let scratch = try Scratch("two-pass")
        var config = GeneratorConfig()
        config.devices = 60
        config.hours = 72
        config.events = 60_000
        config.seed = 16
        var paths: [String] = []
        for (name, format) in [("three-days.csv", GeneratedFormat.csv), ("three-days.csv.gz", .csv), ("three-days.jsonl", .jsonl)] {
            config.format = format
            _ = try SyntheticDataGenerator.generate(config, to: scratch.path(name))
            paths.append(scratch.path(name))
        }
        return paths
    }

    /// Bases and thresholds that move what the selection keeps: the modes, the window moved and widened
    /// (the event cap lifted past 24.8 days, Q11), a lower and a higher event-count minimum, `--now`.
    static let runs: [(String, QueryParameters)] = {
        func parameters(_ change: (inout QueryParameters) -> Void) -> QueryParameters {
            var parameters = QueryParameters()
            change(&parameters)
            return parameters
        }
        let day = Instant.ticksPerDay
        return [
            ("faithful, default window", parameters { _ in }),
            ("corrected", parameters { $0.mode = .corrected }),
            ("three days, lower minimum", parameters { $0.start = .ago(ticks: 3 * day); $0.minEvents = 4 }),
            ("two days ending a day early", parameters {
                $0.now = Instant(ticks: 1_795_046_400 * Instant.ticksPerSecond) // 2026-11-19T00:00:00Z, date -u -d ... +%s
                $0.start = .ago(ticks: 2 * day)
            }),
            ("corrected, private kept, higher minimum", parameters {
                $0.mode = .corrected
                $0.keepPrivate = true
                $0.minEvents = 40
            }),
            ("thirty days, cap lifted", parameters {
                $0.start = .ago(ticks: 30 * day)
                $0.maxEventsOverride = 1_000_000
                $0.thresholds.deviceCountMax = 1_000
            }),
        ]
    }()

    @Test(arguments: 0..<3, 0..<6)
    func twoPassesReportWhatOnePassReports(file: Int, run: Int) throws {
        let path = try Self.files.get()[file]
        let clock = Instant(ticks: 1_795_132_801 * Instant.ticksPerSecond) // 2026-11-20T00:00:01Z, date -u -d ... +%s
        let once = try EventLoader.load(paths: [path])
        let (name, parameters) = Self.runs[run]
        let plan = TwoPassLoader.Plan(basis: parameters.basis, floor: parameters.minEvents, clock: clock)
        let twice = try TwoPassLoader.load(paths: [path], plan: plan)
        let expected = BeaconQuery.run(once.table, parameters: parameters, currentTime: clock)
        let actual = BeaconQuery.run(twice.table, parameters: parameters, currentTime: clock)
        #expect(twice.table.count < once.table.count, "\(name): the second pass keeps fewer rows")
        #expect(twice.table.rowsRead == once.table.count, "\(name)")
        #expect(actual.window == expected.window, "\(name)")
        #expect(actual.eventCount == expected.eventCount, "\(name)")
        #expect(actual.eventsRemoved == expected.eventsRemoved, "\(name)")
        #expect(actual.stageCounts.map(\.remaining) == expected.stageCounts.map(\.remaining), "\(name)")
        #expect(!expected.nearMisses.isEmpty, "\(name): the comparison covers near misses")
        for explain in [false, true] {
            let rows = { (analysis: BeaconAnalysis) in explain ? analysis.beacons + analysis.nearMisses : analysis.beacons }
            #expect(AnalysisReport.render(rows(actual), format: .jsonl, explain: explain)
                    == AnalysisReport.render(rows(expected), format: .jsonl, explain: explain), "\(name)")
        }
        let fitOnce = WindowFit(table: once.table, window: expected.window)
        let fitTwice = WindowFit(table: twice.table, window: actual.window)
        #expect(fitTwice == fitOnce, "\(name)")
        if let top = expected.beacons.first?.key {
            #expect(fitTwice.counts(of: top, in: twice.table) == fitOnce.counts(of: top, in: once.table), "\(name)")
        }
        #expect(twice.files.map(\.rowsLoaded) == once.files.map(\.rowsLoaded))
    }

    /// A folder: the CSV cut into three files, which a one-pass load reads at once, and a note that is
    /// no event file. A pass reads its files one after another straight into its table; the note is left
    /// out of both passes as it is of one.
    @Test func aFolderReadTwiceReportsWhatOnceReports() throws {
        let lines = try String(contentsOfFile: try Self.files.get()[0], encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        let scratch = try Scratch("two-pass-folder")
        defer { scratch.cleanUp() }
        let rows = lines.dropFirst()
        let third = rows.count / 3
        for (index, start) in [0, third, 2 * third].enumerated() {
            let end = index == 2 ? rows.count : start + third
            let part = [lines[0]] + rows[(rows.startIndex + start)..<(rows.startIndex + end)]
            try (part.joined(separator: "\n") + "\n").write(toFile: scratch.path("part-\(index).csv"), atomically: true, encoding: .utf8)
        }
        try "notes, not events\n".write(toFile: scratch.path("notes.txt"), atomically: true, encoding: .utf8)
        let clock = Instant(ticks: 1_795_132_801 * Instant.ticksPerSecond) // 2026-11-20T00:00:01Z
        let parameters = QueryParameters()
        var options = EventLoader.ReadOptions()
        options.filesAtOnce = 3
        let once = try EventLoader.load(paths: [scratch.directory.path], progress: nil, options: options)
        let plan = TwoPassLoader.Plan(basis: parameters.basis, floor: parameters.minEvents, clock: clock)
        let twice = try TwoPassLoader.load(paths: [scratch.directory.path], plan: plan, provider: .auto, progress: nil,
                                           options: options, spill: RowSpillFile())
        #expect(once.files.count == 3 && once.filesLeftOut.count == 1)
        #expect(twice.files.map(\.rowsLoaded) == once.files.map(\.rowsLoaded))
        #expect(twice.filesLeftOut.map(\.path) == once.filesLeftOut.map(\.path))
        #expect(twice.table.rowsRead == rows.count && once.table.count == rows.count)
        #expect(twice.table.count < once.table.count)
        let expected = BeaconQuery.run(once.table, parameters: parameters, currentTime: clock)
        let actual = BeaconQuery.run(twice.table, parameters: parameters, currentTime: clock)
        #expect(!expected.beacons.isEmpty)
        #expect(actual.stageCounts.map(\.remaining) == expected.stageCounts.map(\.remaining))
        #expect(AnalysisReport.render(actual.beacons + actual.nearMisses, format: .jsonl, explain: true)
                == AnalysisReport.render(expected.beacons + expected.nearMisses, format: .jsonl, explain: true))
    }

    /// The second pass replays the rows the first recorded in its temporary file, so every file is read
    /// once (its bytes counted once by the progress, compressed bytes for the `.gz`); without the file, or
    /// when it fills (a full disk), the files are read again. All three report what one pass reports.
    @Test(arguments: 0..<3)
    func theSecondPassReplaysTheFirstPassRowsInsteadOfReadingAgain(file: Int) throws {
        let path = try Self.files.get()[file]
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let clock = Instant(ticks: 1_795_132_801 * Instant.ticksPerSecond) // 2026-11-20T00:00:01Z
        let (name, parameters) = Self.runs[2]
        let plan = TwoPassLoader.Plan(basis: parameters.basis, floor: parameters.minEvents, clock: clock)
        func load(_ spill: RowSpillFile?) throws -> (LoadResult, LoadProgress) {
            let progress = LoadProgress()
            let loaded = try TwoPassLoader.load(paths: [path], plan: plan, provider: .auto, progress: progress,
                                                options: EventLoader.ReadOptions(), spill: spill)
            return (loaded, progress)
        }
        let spill: RowSpillFile = try #require(RowSpillFile())
        // 60,000 rows need 960,000 bytes of recording: a disk with 100,000 free fills on the first write.
        let smallDisk: RowSpillFile = try #require(RowSpillFile(byteLimit: 100_000))
        let (replayed, readOnce) = try load(spill)
        let (reread, readTwice) = try load(nil)
        let (refilled, readTwiceAfterAFullDisk) = try load(smallDisk)
        #expect(readOnce.bytesRead == size, "\(name)")
        #expect(readTwice.bytesRead == 2 * size, "\(name)")
        #expect(readTwiceAfterAFullDisk.bytesRead == 2 * size, "\(name)")

        let once = try EventLoader.load(paths: [path])
        let expected = BeaconQuery.run(once.table, parameters: parameters, currentTime: clock)
        let report = { (analysis: BeaconAnalysis) in
            AnalysisReport.render(analysis.beacons + analysis.nearMisses, format: .jsonl, explain: true)
        }
        #expect(!expected.beacons.isEmpty)
        for loaded in [replayed, reread, refilled] {
            let actual = BeaconQuery.run(loaded.table, parameters: parameters, currentTime: clock)
            #expect(loaded.table.rowsRead == once.table.count, "\(name)")
            #expect(loaded.table.count < once.table.count, "\(name)")
            #expect(actual.stageCounts.map(\.remaining) == expected.stageCounts.map(\.remaining), "\(name)")
            #expect(actual.eventsRemoved == expected.eventsRemoved, "\(name)")
            #expect(report(actual) == report(expected), "\(name)")
            #expect(WindowFit(table: loaded.table, window: actual.window) == WindowFit(table: once.table, window: expected.window))
        }
    }

    @Test func aPreparationServesOnlyMinimaAtOrAboveTheFloor() throws {
        let path = try Self.files.get()[0]
        let clock = Instant(ticks: 1_795_132_801 * Instant.ticksPerSecond)
        let parameters = QueryParameters()
        let plan = TwoPassLoader.Plan(basis: parameters.basis, floor: parameters.minEvents, clock: clock)
        let twice = try TwoPassLoader.load(paths: [path], plan: plan)
        let prepared = BeaconQuery.prepare(twice.table, parameters: parameters, currentTime: clock)
        var higher = parameters, lower = parameters
        higher.minEvents += 1
        lower.minEvents -= 1
        #expect(prepared.serves(parameters) && prepared.serves(higher))
        #expect(!prepared.serves(lower))
        #expect(twice.table.serves(parameters.basis, window: prepared.window))
        var moved = parameters.basis
        moved.start = .ago(ticks: 2 * Instant.ticksPerDay)
        #expect(!twice.table.serves(moved, window: prepared.window))
    }
}
