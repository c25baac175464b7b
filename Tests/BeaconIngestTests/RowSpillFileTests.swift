@testable import BeaconEngine
@testable import BeaconIngest
import Testing

/// The two-pass load's temporary file: rows come back in the order recorded, each block with what
/// `prepare` made of that very block (the next block is prepared on another thread meanwhile), and a
/// file shorter than its rows stops the replay with an error naming it.
@Suite struct RowSpillFileTests {
    /// Row `i`: timestamp `i * 10`, origin `i`, target `2i`.
    static func record(_ count: Int, into spill: RowSpillFile) -> Bool {
        var recorder = spill.recorder
        for index in 0..<count {
            recorder.record(ticks: Int64(index) * 10, origin: UInt32(index), target: UInt32(2 * index))
        }
        recorder.flush()
        return !recorder.failed && recorder.rows == count
    }

    @Test func blocksComeBackInOrderEachWithItsOwnPreparation() throws {
        let spill = try #require(RowSpillFile())
        #expect(Self.record(1_003, into: spill))
        var ticks: [Int64] = [], blockSizes: [Int] = []
        // Blocks of 10 rows (160 bytes): 101 of them, the last of 3 rows.
        try spill.replay(rows: 1_003, blockBytes: 160, prepare: { words in
            // The first and last timestamp of the block the preparation saw.
            (words[0], words[words.count - 2])
        }) { words, prepared in
            blockSizes.append(words.count / 2)
            #expect(prepared == (words[0], words[words.count - 2]), "prepared from its own block")
            RowRecorder.forEachRow(in: words) { tick, origin, target in
                #expect(Int64(origin) * 10 == tick && target == 2 * origin)
                ticks.append(tick)
            }
        }
        #expect(blockSizes.count == 101 && blockSizes.last == 3 && blockSizes.dropLast().allSatisfy { $0 == 10 })
        #expect(ticks == (0..<1_003).map { Int64($0) * 10 })
    }

    @Test func aFileShorterThanItsRowsStopsTheReplayNamingIt() throws {
        let spill = try #require(RowSpillFile())
        #expect(Self.record(25, into: spill))
        var taken = 0
        #expect {
            try spill.replay(rows: 40, blockBytes: 160, prepare: { $0.count }) { words, _ in taken += words.count / 2 }
        } throws: { error in
            "\(error)".contains("temporary file") && "\(error)".contains("of its 640 bytes could be read back")
        }
        #expect(taken <= 25, "only rows that were recorded are taken")
    }
}
