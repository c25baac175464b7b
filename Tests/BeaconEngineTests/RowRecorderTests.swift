@testable import BeaconEngine
import Synchronization
import Testing

/// The census's recording of its rows (`RowRecorder`): what is written is each row, in order, as
/// timestamp and origin/target words; a write that fails ends the recording rather than leaving a hole.
@Suite struct RowRecorderTests {
    /// What the recorder has written, block by block.
    final class Sink: Sendable {
        let words = Mutex<[UInt64]>([])
        let writes = Atomic<Int>(0)
        /// Writes after this many succeed fail, as a full disk would.
        let failAfter: Int

        init(failAfter: Int = .max) { self.failAfter = failAfter }

        func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard writes.add(1, ordering: .relaxed).newValue <= failAfter else { return false }
            words.withLock { $0 += bytes.bindMemory(to: UInt64.self) }
            return true
        }
    }

    /// Rows enough to fill two blocks and start a third, each with a different negative, zero or positive
    /// timestamp and origin and target numbers that use all 32 bits.
    static let rowCount = 2 * RowRecorder.rowsPerBlock + 3

    static func row(_ index: Int) -> (ticks: Int64, origin: UInt32, target: UInt32) {
        (Int64(index) * 10_000_000 - 5, UInt32.max - UInt32(index), UInt32(index) * 7)
    }

    @Test func rowsAreWrittenInOrderABlockAtATimeAndTheRestOnFlush() {
        let sink = Sink()
        var recorder = RowRecorder { sink.write($0) }
        for index in 0..<Self.rowCount {
            let row = Self.row(index)
            recorder.record(ticks: row.ticks, origin: row.origin, target: row.target)
        }
        #expect(sink.writes.load(ordering: .relaxed) == 2, "two full blocks so far")
        recorder.flush()
        #expect(sink.writes.load(ordering: .relaxed) == 3)
        #expect(recorder.rows == Self.rowCount && !recorder.failed)

        let words = sink.words.withLock { $0 }
        #expect(words.count == Self.rowCount * 2, "16 bytes a row")
        var replayed: [(Int64, UInt32, UInt32)] = []
        words.withUnsafeBufferPointer { RowRecorder.forEachRow(in: $0) { replayed.append(($0, $1, $2)) } }
        #expect(replayed.count == Self.rowCount)
        for index in [0, 1, RowRecorder.rowsPerBlock - 1, RowRecorder.rowsPerBlock, Self.rowCount - 1] {
            let row = Self.row(index)
            #expect(replayed[index] == (row.ticks, row.origin, row.target), "row \(index)")
        }
        #expect(replayed[0].0 == -5 && replayed[0].1 == 0xFFFF_FFFF && replayed[0].2 == 0)
    }

    @Test func aFailedWriteEndsTheRecording() {
        let sink = Sink(failAfter: 1)
        var recorder = RowRecorder { sink.write($0) }
        for index in 0..<Self.rowCount {
            let row = Self.row(index)
            recorder.record(ticks: row.ticks, origin: row.origin, target: row.target)
        }
        recorder.flush()
        #expect(recorder.failed)
        #expect(sink.writes.load(ordering: .relaxed) == 2, "nothing is written after the failure")
        let written = sink.words.withLock { $0.count }
        #expect(written == RowRecorder.rowsPerBlock * 2)
    }

    /// A table's census records what it counts, and says whether the recording holds every row.
    @Test func aCensusRecordsEveryRowItCounts() {
        let sink = Sink()
        var table = EventTable.counting(recordingRowsWith: RowRecorder { sink.write($0) })
        let events = (0..<5).map { index in
            NetworkEvent(timestamp: Instant(ticks: Int64(index) * Instant.ticksPerSecond), deviceId: "d\(index % 2)",
                         deviceName: "host", actionType: "ConnectionSuccess", remoteIP: "203.0.113.\(index % 3)",
                         remotePort: 443, remoteUrl: "", remoteIPType: "Public", initiatingProcessAccountName: "a",
                         initiatingProcessAccountDomain: "d", initiatingProcessFileName: "p.exe", source: .defender)
        }
        for event in events { table.append(event) }
        let complete = table.finishRecording()
        let again = table.finishRecording()
        #expect(complete)
        #expect(!again, "the recording is handed over once")
        var rows: [(Int64, UInt32, UInt32)] = []
        sink.words.withLock { $0 }.withUnsafeBufferPointer { RowRecorder.forEachRow(in: $0) { rows.append(($0, $1, $2)) } }
        // Origins are numbered as first seen (d0, d1), targets likewise (.0, .1, .2).
        let expected: [(Int64, UInt32, UInt32)] = [(0, 0, 0), (10_000_000, 1, 1), (20_000_000, 0, 2),
                                                    (30_000_000, 1, 0), (40_000_000, 0, 1)]
        #expect(rows.count == expected.count)
        for (row, want) in zip(rows, expected) { #expect(row == want) }
    }
}

extension RowRecorderTests {
    /// Blocks of rows recorded at once lay out exactly as the same rows recorded one by one, across the
    /// recorder's own block boundaries.
    @Test func rowsRecordedABatchAtATimeAreLaidOutAsOneByOne() {
        let oneByOne = Sink(), batched = Sink()
        var single = RowRecorder { oneByOne.write($0) }
        var batch = RowRecorder { batched.write($0) }
        var start = 0
        // Batches of uneven sizes, one of them longer than a block.
        for size in [1, 1000, RowRecorder.rowsPerBlock + 17, 5, Self.rowCount] {
            let end = min(start + size, Self.rowCount)
            guard start < end else { break }
            let rows = (start..<end).map(Self.row)
            for row in rows { single.record(ticks: row.ticks, origin: row.origin, target: row.target) }
            let ticks = rows.map(\.ticks), pairs = rows.map { UInt64($0.origin) << 32 | UInt64($0.target) }
            ticks.withUnsafeBufferPointer { ticks in
                pairs.withUnsafeBufferPointer { batch.record(ticks: ticks, pairs: $0) }
            }
            start = end
        }
        single.flush()
        batch.flush()
        #expect(batch.rows == Self.rowCount && single.rows == Self.rowCount)
        #expect(batched.words.withLock { $0 } == oneByOne.words.withLock { $0 })
        #expect(batched.writes.load(ordering: .relaxed) == 3, "two full blocks and the rest")
    }

    /// A census fed a whole table at once (as readers hand it blocks) counts and records each row as if
    /// fed one event at a time.
    @Test func aCensusFedABlockCountsAndRecordsAsRowByRow() {
        let events = (0..<40).map { index in
            NetworkEvent(timestamp: Instant(ticks: Int64(39 - index) * Instant.ticksPerSecond), deviceId: "d\(index % 4)",
                         deviceName: "host", actionType: "ConnectionSuccess", remoteIP: "203.0.113.\(index % 5)",
                         remotePort: 443, remoteUrl: "", remoteIPType: "Public", initiatingProcessAccountName: "a",
                         initiatingProcessAccountDomain: "d", initiatingProcessFileName: "p.exe", source: .defender)
        }
        let rowSink = Sink(), blockSink = Sink()
        var byRow = EventTable.counting(recordingRowsWith: RowRecorder { rowSink.write($0) })
        for event in events { byRow.append(event) }
        var byBlock = EventTable.counting(recordingRowsWith: RowRecorder { blockSink.write($0) })
        byBlock.append(contentsOf: EventTable(events))
        #expect(byRow.finishRecording() && byBlock.finishRecording())
        #expect(blockSink.words.withLock { $0 } == rowSink.words.withLock { $0 })
        // Device d(i % 4) and address .(i % 5): 20 pairs (4 × 5, coprime), two rows each.
        #expect(byBlock.census?.pairCount == 20 && byBlock.census?.rows == 40)
        var counts: [UInt32] = []
        byBlock.census?.pairs.forEachKeyAndCount { _, count in counts.append(count) }
        #expect(counts == [UInt32](repeating: 2, count: 20))
    }
}
