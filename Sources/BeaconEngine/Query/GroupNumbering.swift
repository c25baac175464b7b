import Dispatch

/// Which group each filtered row belongs to, the groups numbered in the order their first row appears:
/// the `by` of stage 2's `summarize`.
///
/// Ten million rows in a million groups make the group table far larger than the caches, so each
/// lookup is a trip to memory. Two things keep those trips few and shared out: the rows are split by a
/// hash of their key into one partition per thread, each thread numbering only its partition's groups;
/// and a row's seven ids are first reduced to three numbers (the device, account and process as one
/// "identity", from a table small enough to stay in cache; then RemoteIP and RemotePort), packed into
/// one 64-bit key that sits in the table's slot. The partitions' groups are then interleaved back into
/// first-row order. Tables the packing cannot hold (more than 2^24 distinct strings, 2^23 identities or
/// 2^28 groups in a partition; a port outside 0–65535) are numbered on one thread with the seven ids
/// as the key.
struct GroupNumbering {
    var keys: [EncodedGroupKey]
    /// Rows per group, before duplicate timestamps collapse.
    var eventCounts: [Int32]
    /// `EventSources` raw values per group.
    var sources: [UInt8]
    /// The group of each filtered row, by position in `rows`.
    var groupOfRow: [Int32]

    static func number(_ table: EventTable, rows: [Int32], threads: Int) -> GroupNumbering {
        if table.pool.count < 1 << 24, rows.count >= 100_000, threads > 1,
           let numbered = partitioned(table, rows: rows, partitions: min(threads, 8)) {
            return numbered
        }
        return sequential(table, rows: rows)
    }

    /// One thread, the seven ids as the key.
    static func sequential(_ table: EventTable, rows: [Int32]) -> GroupNumbering {
        var index = KeyIndex<EncodedGroupKey>()
        var numbering = GroupNumbering(keys: [], eventCounts: [], sources: [],
                                       groupOfRow: [Int32](repeating: 0, count: rows.count))
        GroupColumns.with(table) { columns in
            for (position, row) in rows.enumerated() {
                let r = Int(row)
                let group = index.number(of: columns.key(r))
                if group == numbering.eventCounts.count {
                    numbering.eventCounts.append(0)
                    numbering.sources.append(0)
                }
                numbering.eventCounts[group] += 1
                numbering.sources[group] |= 1 << columns.source[r]
                numbering.groupOfRow[position] = Int32(group)
            }
        }
        numbering.keys = index.keys
        return numbering
    }

    /// One partition per thread, packed keys; nil when a row does not pack.
    private static func partitioned(_ table: EventTable, rows: [Int32], partitions: Int) -> GroupNumbering? {
        var groupOfRow = [Int32](repeating: 0, count: rows.count)
        let parts = (0..<partitions).map { _ in Partition() }
        groupOfRow.withUnsafeMutableBufferPointer { groupOfRow in
            rows.withUnsafeBufferPointer { rows in
                GroupColumns.with(table) { columns in
                    let shared = SharedRows(rows: rows, groupOfRow: groupOfRow, columns: columns)
                    DispatchQueue.concurrentPerform(iterations: partitions) { part in
                        parts[part].number(shared, part: part, of: partitions)
                    }
                }
            }
        }
        guard parts.allSatisfy({ $0.packed }) else { return nil }

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
            for position in groupOfRow.indices {
                let value = Int(groupOfRow[position])
                groupOfRow[position] = globalNumber[value & 7][value >> 3]
            }
        }
        numbering.groupOfRow = groupOfRow
        return numbering
    }
}

/// The columns stage 2 reads, as buffers.
struct GroupColumns: @unchecked Sendable {
    // Unchecked: read-only views of a table's arrays, valid inside `with`, where the threads of one
    // numbering share them.
    let deviceId, deviceName, accountName, accountDomain, fileName, remoteIP: UnsafeBufferPointer<UInt32>
    let remotePort: UnsafeBufferPointer<Int32>
    let source: UnsafeBufferPointer<UInt8>

    static func with<R>(_ table: EventTable, _ body: (GroupColumns) -> R) -> R {
        table.deviceId.withUnsafeBufferPointer { deviceId in
        table.deviceName.withUnsafeBufferPointer { deviceName in
        table.accountName.withUnsafeBufferPointer { accountName in
        table.accountDomain.withUnsafeBufferPointer { accountDomain in
        table.fileName.withUnsafeBufferPointer { fileName in
        table.remoteIP.withUnsafeBufferPointer { remoteIP in
        table.remotePort.withUnsafeBufferPointer { remotePort in
        table.source.withUnsafeBufferPointer { source in
            body(GroupColumns(deviceId: deviceId, deviceName: deviceName, accountName: accountName,
                              accountDomain: accountDomain, fileName: fileName, remoteIP: remoteIP,
                              remotePort: remotePort, source: source))
        }}}}}}}}
    }

    @inline(__always)
    func key(_ r: Int) -> EncodedGroupKey {
        EncodedGroupKey(deviceId: deviceId[r], deviceName: deviceName[r], accountName: accountName[r],
                        accountDomain: accountDomain[r], fileName: fileName[r], remoteIP: remoteIP[r],
                        remotePort: remotePort[r])
    }
}

/// The rows and the group-per-row buffer the partitions share; each partition writes only its rows.
private struct SharedRows: @unchecked Sendable {
    let rows: UnsafeBufferPointer<Int32>
    let groupOfRow: UnsafeMutableBufferPointer<Int32>
    let columns: GroupColumns
}

/// One partition's groups, numbered by one thread.
private final class Partition: @unchecked Sendable {
    // Unchecked: written by exactly one iteration of a concurrentPerform, read after it returns.
    var keys: [EncodedGroupKey] = []
    var eventCounts: [Int32] = []
    var sources: [UInt8] = []
    /// Position of each group's first row.
    var firstRow: [Int32] = []
    /// False when a row did not pack into 64 bits.
    var packed = true

    func number(_ shared: SharedRows, part: Int, of partitions: Int) {
        // Locals, not the properties, in the loop: a class's stored properties are checked for
        // exclusive access on every use.
        var keys: [EncodedGroupKey] = [], sources: [UInt8] = [], firstRow: [Int32] = []
        let columns = shared.columns
        var identities = KeyIndex<EncodedGroupKey>(capacity: 4096)
        var groups = PackedKeyIndex(capacity: shared.rows.count / (partitions * 8))
        for position in 0..<shared.rows.count {
            let r = Int(shared.rows[position])
            let ip = columns.remoteIP[r], port = columns.remotePort[r], device = columns.deviceId[r]
            // Two rounds with full-width constants, so that the high bits depend on every input bit.
            let spread = mixBits(mixBits(UInt64(ip) << 32 | UInt64(UInt32(bitPattern: port)), 0x9E37_79B9_7F4A_7C15)
                                 ^ UInt64(device), 0xE703_7ED1_A0B4_28DB)
            guard Int(((spread >> 32) &* UInt64(partitions)) >> 32) == part else { continue }
            let portBits = UInt32(bitPattern: port &+ 1)
            let identity = identities.number(of: EncodedGroupKey(
                deviceId: device, deviceName: columns.deviceName[r], accountName: columns.accountName[r],
                accountDomain: columns.accountDomain[r], fileName: columns.fileName[r]))
            guard portBits <= 65_536, identity < 1 << 23 else {
                packed = false
                return
            }
            let (local, isNew) = groups.number(of: UInt64(identity) << 41 | UInt64(ip) << 17 | UInt64(portBits))
            guard local < 1 << 28 else {
                packed = false
                return
            }
            if isNew {
                keys.append(columns.key(r))
                sources.append(0)
                firstRow.append(Int32(position))
            }
            sources[local] |= 1 << columns.source[r]
            shared.groupOfRow[position] = Int32(local << 3 | part)
        }
        self.keys = keys
        self.eventCounts = groups.lookups()
        self.sources = sources
        self.firstRow = firstRow
    }
}
