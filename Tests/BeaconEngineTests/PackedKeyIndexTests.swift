@testable import BeaconEngine
import Testing

/// The census's and the selection's table of 64-bit keys: numbers in first-seen order, and a count per key
/// that lookups raise by one and `add` by any amount.
@Suite struct PackedKeyIndexTests {
    @Test func addedAmountsSumPerKeyBesideTheLookups() {
        var index = PackedKeyIndex(capacity: 4)
        index.add(5, to: 0xAAAA_0000_0000_0001)
        index.add(7, to: 0xBBBB_0000_0000_0002)
        index.add(2, to: 0xAAAA_0000_0000_0001)
        _ = index.number(of: 0xBBBB_0000_0000_0002)
        #expect(index.count == 2)
        #expect(index.count(of: 0xAAAA_0000_0000_0001) == 7, "5 + 2")
        #expect(index.count(of: 0xBBBB_0000_0000_0002) == 8, "7 + one lookup")
        #expect(index.count(of: 0xCCCC_0000_0000_0003) == nil)
        #expect(index.existingNumber(of: 0xAAAA_0000_0000_0001) == 0, "numbered in the order first seen")
        #expect(index.existingNumber(of: 0xBBBB_0000_0000_0002) == 1)
    }

    @Test func everyKeyIsVisitedOnceWithItsCountAcrossGrowth() {
        // 5,000 keys grow a table made for 4 several times; key k is looked up k % 3 + 1 times.
        var index = PackedKeyIndex(capacity: 4)
        for key in 0..<5_000 {
            for _ in 0...(key % 3) { _ = index.number(of: UInt64(key) << 32 | 17) }
        }
        var seen: [UInt64: UInt32] = [:]
        index.forEachKeyAndCount { key, count in
            #expect(seen[key] == nil, "each key once")
            seen[key] = count
        }
        #expect(seen.count == 5_000)
        #expect(seen[0 << 32 | 17] == 1 && seen[1 << 32 | 17] == 2 && seen[2 << 32 | 17] == 3 && seen[4_999 << 32 | 17] == 2)
        #expect(index.lookups()[4_999] == 2, "the counts by number agree")
    }

    @Test func prefetchingChangesNothing() {
        var index = PackedKeyIndex(capacity: 4)
        _ = index.number(of: 42)
        index.prefetch(42)
        index.prefetch(43)
        #expect(index.existingNumber(of: 42) == 0 && index.existingNumber(of: 43) == nil && index.count(of: 42) == 1)
    }

    @Test func hugePagedArraysHoldTheirValueBelowAndAboveTheAdviceThreshold() {
        let small = [Int64].hugePaged(repeating: .min, count: 10)
        #expect(small == [Int64](repeating: .min, count: 10))
        // Above the threshold the memory is advised before it is written: every element is still set.
        let count = hugePageAdviceThreshold / MemoryLayout<Int64>.stride * 3 + 5
        let large = [Int64].hugePaged(repeating: .min, count: count)
        #expect(large.count == count)
        #expect(large.allSatisfy { $0 == .min })
        let zeros = [UInt32].zeroed(count: hugePageAdviceThreshold + 1)
        #expect(zeros.count == hugePageAdviceThreshold + 1 && zeros.allSatisfy { $0 == 0 })
    }
}
