import BeaconEngine

/// A block's rows as the parser reads them, in memory it owns and reuses from block to block: storing
/// a row is a few stores, where appending to eleven arrays would check each array's buffer for
/// uniqueness every time. The rows become an `EventBatch` once the block is read.
final class RowStorage {
    let capacity: Int
    let timestamp: UnsafeMutablePointer<Int64>
    let remotePort: UnsafeMutablePointer<Int32>
    /// String column `c` (an `EventStringColumn` raw value) of row `r` is at `c * capacity + r`.
    let strings: UnsafeMutablePointer<UInt32>

    init(capacity: Int) {
        self.capacity = capacity
        timestamp = .allocate(capacity: capacity)
        remotePort = .allocate(capacity: capacity)
        strings = .allocate(capacity: capacity * EventStringColumn.allCases.count)
    }

    deinit {
        timestamp.deallocate()
        remotePort.deallocate()
        strings.deallocate()
    }

    /// Storage twice as large holding this one's first `count` rows.
    func doubled(keeping count: Int) -> RowStorage {
        let larger = RowStorage(capacity: capacity * 2)
        larger.timestamp.update(from: timestamp, count: count)
        larger.remotePort.update(from: remotePort, count: count)
        for column in 0..<EventStringColumn.allCases.count {
            (larger.strings + column * larger.capacity).update(from: strings + column * capacity, count: count)
        }
        return larger
    }

    /// The first `count` rows as a batch.
    func batch(count: Int, source: EventSource) -> EventBatch {
        EventBatch.shaping(source: source, count: count, timestamp: timestamp, remotePort: remotePort) { column in
            UnsafePointer(strings + column.rawValue * capacity)
        }
    }
}
