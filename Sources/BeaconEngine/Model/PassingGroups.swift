import CPrefetch
import Dispatch

/// Which groups of a census have more than a floor of rows passing the target filters (`RowSelection`):
/// millions of groups summed in a table far larger than the caches, so each of two threads sums the
/// groups of one half of the keys (`partition(of:among:)`) in a table of its own, and the misses of
/// the two overlap.
struct PassingGroups {
    /// For each census pair (by its index), whether its group passes.
    private let passing: [Bool]

    /// `groupKeys[i]` is pair `i`'s group, `pairRows[i]` its rows, the sign bit set when the filters drop
    /// its target.
    init(groupKeys: [UInt64], pairRows: [UInt32], floor: Int) {
        precondition(groupKeys.count == pairRows.count, "one row count a pair")
        let parts = Self.parts
        let sums = (0..<parts).map { _ in PartSum() }
        groupKeys.withUnsafeBufferPointer { keys in
            pairRows.withUnsafeBufferPointer { rows in
                let pairs = CensusPairs(keys: keys, rows: rows)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    sums[part].sum(pairs, part: part, of: parts, floor: floor)
                }
            }
        }
        // Each part marked only its own groups' pairs.
        var passing = sums[0].passing
        for sum in sums.dropFirst() {
            for index in passing.indices where sum.passing[index] { passing[index] = true }
        }
        self.passing = passing
    }

    /// Whether pair `index`'s group passes.
    @inline(__always)
    func passes(_ index: Int) -> Bool { passing[index] }

    /// Two: the selection runs alone, after the first pass, and the machines this is measured on have two cores.
    static let parts = 2
}

/// The census's pairs, as buffers the parts share (read only).
private struct CensusPairs: @unchecked Sendable {
    // Unchecked: views of arrays that outlive the `concurrentPerform` whose threads read them.
    let keys: UnsafeBufferPointer<UInt64>
    let rows: UnsafeBufferPointer<UInt32>
}

/// One part's sums and verdicts, written by one thread.
private final class PartSum: @unchecked Sendable {
    // Unchecked: written by exactly one iteration of a concurrentPerform, read after it returns.
    /// For each census pair, whether it is of this part's groups and its group passes.
    var passing: [Bool] = []

    /// Sums the passing rows of this part's groups, then marks each of its pairs whose group has more
    /// than `floor`. Every slot of a group table is read at random, so each is fetched `RowCensus.lookahead`
    /// pairs before it is needed.
    func sum(_ pairs: CensusPairs, part: Int, of parts: Int, floor: Int) {
        let keys = pairs.keys, rows = pairs.rows, lookahead = RowCensus.lookahead
        var groups = PackedKeyIndex(capacity: keys.count / parts)
        var mine = [Bool](repeating: false, count: keys.count)
        for index in keys.indices {
            let ahead = index + lookahead
            if ahead < keys.count, partition(of: keys[ahead], among: parts) == part { groups.prefetch(keys[ahead]) }
            guard rows[index] & 1 << 31 == 0, partition(of: keys[index], among: parts) == part else { continue }
            groups.add(rows[index], to: keys[index])
        }
        for index in keys.indices {
            let ahead = index + lookahead
            if ahead < keys.count, partition(of: keys[ahead], among: parts) == part { groups.prefetch(keys[ahead]) }
            guard partition(of: keys[index], among: parts) == part, let passing = groups.count(of: keys[index]) else {
                continue
            }
            mine[index] = passing > floor
        }
        passing = mine
    }
}
