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
