@testable import BeaconEngine
@testable import BeaconIngest
import Testing

/// The two-pass replay prepares each next block on another thread while the caller takes the current one
/// (`RowSpillFile.replay`): run under ThreadSanitizer by .ci/run.
@Suite struct SpillReplayTests {
    @Test func theNextBlockIsPreparedOnAnotherThreadWhileThisOneIsTaken() throws {
        let spill = try #require(RowSpillFile())
        var recorder = spill.recorder
        let rows = 50_000
        for index in 0..<rows { recorder.record(ticks: Int64(index), origin: UInt32(index % 7), target: UInt32(index % 11)) }
        recorder.flush()
        #expect(!recorder.failed)
        var sum: Int64 = 0, blocks = 0
        // 4 KiB blocks (256 rows): 196 of them, each prepared (summed) ahead of being taken.
        try spill.replay(rows: rows, blockBytes: 4_096, prepare: { words in
            stride(from: 0, to: words.count, by: 2).reduce(Int64(0)) { $0 + Int64(bitPattern: words[$1]) }
        }) { words, prepared in
            var own: Int64 = 0
            RowRecorder.forEachRow(in: words) { ticks, _, _ in own += ticks }
            #expect(prepared == own)
            sum += own
            blocks += 1
        }
        #expect(blocks == 196)
        #expect(sum == Int64(rows) * Int64(rows - 1) / 2)
    }
}
