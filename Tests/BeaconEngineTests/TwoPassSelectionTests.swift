@testable import BeaconEngine
import Testing

/// The two passes of a large load, worked by hand on a few groups around the event-count minimum (15):
/// the first counts, the second keeps whole the groups with more than 15 rows passing the target filters.
@Suite struct TwoPassSelectionTests {
    /// Five groups, 74 rows, all within an hour of 01:00 on 2024-01-01:
    /// - A: 16 ConnectionSuccess rows to a public address: 16 > 15, kept;
    /// - B: 15 such rows: not more than 15, dropped;
    /// - C: 15 ConnectionSuccess and 3 ConnectionFailed rows to one endpoint: the faithful query's list
    ///   has only the typo CsonnectionFailed, so 15 pass and C is dropped; the corrected one's 18 pass;
    /// - D: 20 rows typed Private: none passes, dropped;
    /// - E: A's process and address on another port, 5 rows: a group of its own, dropped.
    static let events: [NetworkEvent] = {
        let minute = { (count: Int, offset: Int64) in (0..<Int64(count)).map { at(seconds: 3600 + offset + 60 * $0) } }
        return series(device: "a", at: minute(16, 0))
            + series(device: "b", at: minute(15, 1))
            + series(device: "c", at: minute(15, 2)) + series(device: "c", action: "ConnectionFailed", at: minute(3, 3))
            + series(device: "d", ip: "10.1.2.3", type: "Private", at: minute(20, 4))
            + series(device: "a", port: 8443, at: minute(5, 5))
    }()

    static func readTwice(_ parameters: QueryParameters) -> EventTable {
        var table = EventTable.counting()
        for event in events { table.append(event) }
        let census = table.census!
        #expect(census.rows == 74 && table.count == 0)
        // A, B, C (two targets: success and failed), D, E: six (origin, target) pairs.
        #expect(census.pairCount == 6)
        let anchor = WindowAnchor(sample: census.latest, clock: at(seconds: 86_400))
        let window = AnalysisWindow.resolve(parameters.basis, anchor: anchor, fallbackNow: at(seconds: 86_400))
        table.selectRows(basis: parameters.basis, floor: parameters.minEvents, window: window, anchor: anchor)
        for event in events { table.append(event) }
        return table
    }

    /// The same, the second pass replaying the first's recording (as a two-pass load does), in two
    /// blocks, the first ending inside C's rows.
    static func replayed(_ parameters: QueryParameters) -> EventTable {
        let sink = RowRecorderTests.Sink()
        var table = EventTable.counting(recordingRowsWith: RowRecorder { sink.write($0) })
        for event in events { table.append(event) }
        let recordedEveryRow = table.finishRecording()
        #expect(recordedEveryRow)
        let census = table.census!
        let anchor = WindowAnchor(sample: census.latest, clock: at(seconds: 86_400))
        let window = AnalysisWindow.resolve(parameters.basis, anchor: anchor, fallbackNow: at(seconds: 86_400))
        table.selectRows(basis: parameters.basis, floor: parameters.minEvents, window: window, anchor: anchor)
        let words = sink.words.withLock { $0 }
        #expect(words.count == 2 * events.count)
        words.withUnsafeBufferPointer { words in
            table.replay(UnsafeBufferPointer(rebasing: words[..<80]))
            table.replay(UnsafeBufferPointer(rebasing: words[80...]))
        }
        return table
    }

    @Test(arguments: [false, true])
    func faithfulKeepsOnlyTheGroupAboveTheMinimum(replaying: Bool) {
        let table = replaying ? Self.replayed(parameters()) : Self.readTwice(parameters())
        #expect(table.selection?.keptGroups == 1 && table.selection?.keptRows == 16)
        #expect(table.count == 16 && table.rowsRead == 74)
        #expect(Set(table.events.map(\.deviceName)) == ["a"])
        let analysis = BeaconQuery.run(table, parameters: parameters())
        // Removed by hand: D's 20 rows by RemoteIPType, C's 3 failed ones by ActionType.
        #expect(analysis.eventCount == 74)
        #expect(analysis.eventsRemoved == [.remoteIPType: 20, .actionType: 3])
        #expect(analysis.eventsRemoved == run(Self.events, parameters()).eventsRemoved)
    }

    @Test(arguments: [false, true])
    func correctedAlsoKeepsTheGroupItsActionTypesLetThrough(replaying: Bool) {
        let table = replaying ? Self.replayed(parameters(.corrected)) : Self.readTwice(parameters(.corrected))
        // A's 16 rows and C's 18, failed ones included: a group is kept whole.
        #expect(table.selection?.keptGroups == 2 && table.selection?.keptRows == 34)
        #expect(table.count == 34 && table.rowsRead == 74)
        let analysis = BeaconQuery.run(table, parameters: parameters(.corrected))
        #expect(analysis.eventsRemoved == [.remoteIPType: 20])
        let candidates = { (analysis: BeaconAnalysis) in
            analysis.candidates.filter { $0.rejection?.stage != .eventCount }.map(\.key)
        }
        #expect(candidates(analysis) == candidates(run(Self.events, parameters(.corrected))))
    }

    @Test func aGroupLargerOnlyOutsideTheWindowIsStillKept() {
        // The floor counts rows at any time: A's 16 rows are kept though a window of its last 10 minutes
        // holds only 11 of them, as the window may move later within what the table serves.
        var late = parameters()
        late.start = .ago(ticks: 10 * 60 * second)
        late.now = at(seconds: 3600 + 15 * 60)
        let table = Self.readTwice(late)
        #expect(table.count == 16)
        let analysis = BeaconQuery.run(table, parameters: late)
        #expect(analysis.eventsRemoved == run(Self.events, late).eventsRemoved)
    }
}

/// The latest timestamps a first pass keeps must anchor the window as all of them do.
@Suite struct LatestTimestampSampleTests {
    static let minute = 60 * second
    static let clock = at(seconds: 400 * 86_400)

    /// Row sets the anchor treats differently: none set aside, one far-future row (bulk rule), a few
    /// rows past the clock (clock rule), a sparse tail (the percentile selected exactly), shuffled.
    static let cases: [[Int64]] = {
        let base = (0..<5_000).map { at(seconds: 0).ticks + Int64($0) * minute }
        let farFuture = at(seconds: 800 * 86_400).ticks
        let sparse = (1...40).map { base.last! + Int64($0) * 2 * Instant.ticksPerDay }
        return [
            base,
            base + [farFuture],
            (base + [clock.ticks + 2 * Instant.ticksPerDay, clock.ticks + 3 * Instant.ticksPerDay]).shuffledDeterministically(),
            (base + sparse).shuffledDeterministically(),
            Array(repeating: base[7], count: 3_000) + base.reversed(),
        ]
    }()

    @Test(arguments: 0..<5, [9, 64, 1 << 20])
    func theSampleAnchorsAsEveryRowDoes(index: Int, capacity: Int) {
        let times = Self.cases[index]
        var sample = LatestTimestampSample(capacity: capacity)
        for ticks in times { sample.include(ticks) }
        #expect(sample.count == times.count && sample.holdsEnough)
        #expect(WindowAnchor(sample: sample, clock: Self.clock) == WindowAnchor(timestamps: times, clock: Self.clock))
    }

    /// Each cut keeps the latest `capacity` in the buffer it already has; what it keeps must be the
    /// latest of every row, ties included, in whatever order the rows came.
    @Test(arguments: 0..<5, [1, 9, 64])
    func theSampleHoldsTheLatestRows(index: Int, capacity: Int) {
        let times = Self.cases[index]
        var sample = LatestTimestampSample(capacity: capacity)
        for ticks in times { sample.include(ticks) }
        let latest = sample.ranking().latestFirst
        #expect(Array(latest.prefix(capacity)) == Array(times.sorted(by: >).prefix(capacity)))
    }

    @Test func theSampleKnowsWhenItHoldsTooFew() {
        var sample = LatestTimestampSample(capacity: 2)
        for ticks in Self.cases[0].prefix(1_999) { sample.include(ticks) }
        #expect(sample.holdsEnough) // ⌊1999/1000⌋ + 1 = 2 latest
        sample.include(0)
        #expect(!sample.holdsEnough) // 2000 rows: 3 latest needed
    }
}
