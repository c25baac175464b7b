import CPrefetch
import Dispatch

/// Which group each filtered row belongs to, the groups numbered in the order their first row appears:
/// the `by` of stage 2's `summarize`.
///
/// A group is an origin (device, account, process) and an endpoint (RemoteIP, RemotePort), so a row's
/// key is one 64-bit number: its origin's number and its target's endpoint number. Ten million
/// rows in a million groups make the group table far larger than the caches, so each lookup is a trip
/// to memory; the rows are split by a hash of their key into one partition per thread, each thread
/// numbering only its partition's groups, and the partitions' groups are then interleaved back into
/// first-row order.
struct GroupNumbering {
    /// Each group's origin number (high half) and endpoint number (low half).
    var keys: [UInt64]
    /// Rows per group, before duplicate timestamps collapse.
    var eventCounts: [Int32]
    /// `EventSources` raw values per group.
    var sources: [UInt8]
    /// The group of each row that passes the filter, by its position among them; or with a slot for
    /// every row (`slotPerRow`), by row, -1 for a row that does not pass.
    var groupOfRow: [Int32]

    /// A slot for every row costs the rows that do not pass, but the timestamps can then be placed from
    /// the group of each row alone, without the filter's columns (`GroupTimestamps`, a two-pass table).
    static func number(_ table: EventTable, filter: FilterEvents.RowFilter, passing: Int, endpoints: Endpoints,
                       threads: Int, slotPerRow: Bool = false) -> GroupNumbering {
        let partitions = passing >= 100_000 && threads > 1 ? min(threads, 8) : 1
        return FilteredRows.with(table, filter) { rows in
            partitioned(table, rows: rows, passing: passing, endpoints: endpoints, partitions: partitions,
                        slotPerRow: slotPerRow)
                ?? partitioned(table, rows: rows, passing: passing, endpoints: endpoints, partitions: 1,
                               slotPerRow: slotPerRow)!
        }
    }

    /// One partition per thread; nil when a partition has more groups than a row's slot can number
    /// alongside its partition (2^28), which one partition never has.
    private static func partitioned(_ table: EventTable, rows: FilteredRows, passing: Int, endpoints: Endpoints,
                                    partitions: Int, slotPerRow: Bool) -> GroupNumbering? {
        var groupOfRow = slotPerRow ? [Int32](repeating: -1, count: rows.count) : [Int32](repeating: 0, count: passing)
        let parts = (0..<partitions).map { _ in Partition() }
        let sourceBits = table.targets.map { UInt8(1) << $0.source }
        groupOfRow.withUnsafeMutableBufferPointer { groupOfRow in
            endpoints.ofTarget.withUnsafeBufferPointer { endpointOfTarget in
            sourceBits.withUnsafeBufferPointer { sourceBits in
                let shared = SharedRows(rows: rows, groupOfRow: groupOfRow, endpointOfTarget: endpointOfTarget,
                                        sourceBits: sourceBits, passing: passing, slotPerRow: slotPerRow)
                if partitions == 1 {
                    parts[0].number(shared, part: 0, of: 1)
                } else {
                    DispatchQueue.concurrentPerform(iterations: partitions) { part in
                        parts[part].number(shared, part: part, of: partitions)
                    }
                }
            }}
        }
        guard parts.allSatisfy({ $0.fits }) else { return nil }
        if partitions == 1 {
            return GroupNumbering(keys: parts[0].keys, eventCounts: parts[0].eventCounts, sources: parts[0].sources,
                                  groupOfRow: groupOfRow)
        }

        // The partitions' groups interleaved by first row: a merge of lists each in first-row order.
        let total = parts.reduce(0) { $0 + $1.keys.count }
        var numbering = GroupNumbering(keys: [], eventCounts: [], sources: [], groupOfRow: [])
        numbering.keys.reserveCapacity(total)
        numbering.eventCounts.reserveCapacity(total)
        numbering.sources.reserveCapacity(total)
        var globalNumber = parts.map { [Int32](repeating: 0, count: $0.keys.count) }
        var next = [Int](repeating: 0, count: partitions)
        for _ in 0..<total {
            var chosen = -1
            for part in 0..<partitions where next[part] < parts[part].keys.count {
                if chosen < 0 || parts[part].firstRow[next[part]] < parts[chosen].firstRow[next[chosen]] { chosen = part }
            }
            let local = next[chosen]
            globalNumber[chosen][local] = Int32(numbering.keys.count)
            numbering.keys.append(parts[chosen].keys[local])
            numbering.eventCounts.append(parts[chosen].eventCounts[local])
            numbering.sources.append(parts[chosen].sources[local])
            next[chosen] += 1
        }
        // Rows hold `local << 3 | partition` until now (at most 8 partitions: shifts, not divisions).
        groupOfRow.withUnsafeMutableBufferPointer { groupOfRow in
            for position in groupOfRow.indices where groupOfRow[position] >= 0 {
                let value = Int(groupOfRow[position])
                groupOfRow[position] = globalNumber[value & 7][value >> 3]
            }
        }
        numbering.groupOfRow = groupOfRow
        return numbering
    }

    /// Dense numbers for the (RemoteIP, RemotePort) pairs of a table's targets.
    struct Endpoints: Sendable {
        /// Each target's endpoint number.
        var ofTarget: [UInt32]
        /// Each endpoint's RemoteIP pool id (high half) and RemotePort bit pattern (low half).
        var pairs: [PairKey]

        init(_ targets: [EventTarget]) {
            var index = KeyIndex<PairKey>(capacity: targets.count)
            // Read at random by every row's target: huge pages, as the tables of a large load are.
            ofTarget = .zeroed(count: targets.count)
            for (number, target) in targets.enumerated() {
                ofTarget[number] = UInt32(index.number(of: PairKey(target.remoteIP, UInt32(bitPattern: target.remotePort))))
            }
            pairs = index.keys
        }

        func remoteIP(_ endpoint: Int) -> UInt32 { UInt32(truncatingIfNeeded: pairs[endpoint].bits >> 32) }
        func remotePort(_ endpoint: Int) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: pairs[endpoint].bits)) }
    }
}

/// The rows and the group-per-row buffer, as buffers the partitions share; each partition writes only
/// its own rows' slots.
private struct SharedRows: @unchecked Sendable {
    // Unchecked: views of arrays that outlive the `concurrentPerform` whose threads share them.
    let rows: FilteredRows
    let groupOfRow: UnsafeMutableBufferPointer<Int32>
    let endpointOfTarget: UnsafeBufferPointer<UInt32>
    /// `1 << source` of each target.
    let sourceBits: UnsafeBufferPointer<UInt8>
    /// Rows that pass the filter.
    let passing: Int
    /// Whether `groupOfRow` has a slot for every row rather than for each passing one.
    let slotPerRow: Bool
}

/// One partition's groups, numbered by one thread.
private final class Partition: @unchecked Sendable {
    // Unchecked: written by exactly one iteration of a concurrentPerform, read after it returns.
    var keys: [UInt64] = []
    var eventCounts: [Int32] = []
    var sources: [UInt8] = []
    /// Slot of each group's first row (the slots are in row order either way).
    var firstRow: [Int32] = []
    /// False when the partition numbered more groups than a row's slot holds.
    var fits = true

    func number(_ shared: SharedRows, part: Int, of partitions: Int) {
        // Locals, not the properties, in the loop: a class's stored properties are checked for
        // exclusive access on every use.
        var keys: [UInt64] = [], sources: [UInt8] = [], firstRow: [Int32] = []
        let partitionBits = partitions == 1 ? 0 : 3
        let limit = 1 << (31 - partitionBits)
        var groups = PackedKeyIndex(capacity: shared.passing / (partitions * 8))
        let rows = shared.rows
        var position = -1
        let lookahead = RowCensus.lookahead
        for r in 0..<rows.count {
            // The per-target arrays (millions of targets at 100M rows) and the group table (sized for the
            // rows, so larger than the caches) are read at random: a row's target entries are fetched two
            // lookaheads before it is numbered, its group's slot one lookahead before.
            if r + 2 * lookahead < rows.count, let endpoints = shared.endpointOfTarget.baseAddress,
               let verdicts = rows.verdictOfTarget.baseAddress {
                let ahead = Int(rows.target[r + 2 * lookahead])
                beacon_prefetch(endpoints + ahead)
                beacon_prefetch(verdicts + ahead)
            }
            if r + lookahead < rows.count {
                let ahead = r + lookahead
                groups.prefetch(UInt64(rows.origin[ahead]) << 32 | UInt64(shared.endpointOfTarget[Int(rows.target[ahead])]))
            }
            guard rows.passes(r) else { continue }
            position += 1
            let slot = shared.slotPerRow ? r : position
            let target = Int(rows.target[r])
            let key = UInt64(rows.origin[r]) << 32 | UInt64(shared.endpointOfTarget[target])
            if partitions > 1 {
                guard partition(of: key, among: partitions) == part else { continue }
            }
            let (local, isNew) = groups.number(of: key)
            guard local < limit else {
                fits = false
                return
            }
            if isNew {
                keys.append(key)
                sources.append(0)
                firstRow.append(Int32(slot))
            }
            sources[local] |= shared.sourceBits[target]
            shared.groupOfRow[slot] = Int32(local << partitionBits | part)
        }
        self.keys = keys
        self.eventCounts = groups.lookups()
        self.sources = sources
        self.firstRow = firstRow
    }
}
