/// The first pass's copy of every row it counts, for the second pass to replay (`EventTable.replay`)
/// instead of reading and parsing the files again: the census keeps no row, and at 100M rows a second
/// parse costs more than all the rest of the load.
///
/// A row is recorded as two words, its timestamp's ticks and its origin and target numbers in the
/// table's numbering (`RecordedRows` reads them back), 16 bytes, and the rows are handed to `write` a
/// block at a time, so the recorder itself holds one block (1 MiB) whatever the number of rows. Where they
/// go (a temporary file) is the caller's business.
public struct RowRecorder: Sendable {
    /// Words a row takes.
    public static let wordsPerRow = 2
    static let rowsPerBlock = 1 << 16

    private var block: [UInt64]
    private var used = 0
    private let write: @Sendable (UnsafeRawBufferPointer) -> Bool
    /// Rows recorded, those still in the block included.
    public private(set) var rows = 0
    /// Whether a write failed (a full disk, say): the rows from then on are not recorded, and the second
    /// pass must read the files again.
    public private(set) var failed = false

    /// `write` takes a block of recorded rows and says whether all of it was written.
    public init(write: @escaping @Sendable (UnsafeRawBufferPointer) -> Bool) {
        self.write = write
        block = [UInt64](repeating: 0, count: Self.rowsPerBlock * Self.wordsPerRow)
    }

    @inline(__always)
    mutating func record(ticks: Int64, origin: UInt32, target: UInt32) {
        guard !failed else { return }
        block[used] = UInt64(bitPattern: ticks)
        block[used + 1] = RecordedRows.pair(origin: origin, target: target)
        used += Self.wordsPerRow
        rows += 1
        if used == block.count { flush() }
    }

    /// Records a block of rows, `pairs[i]` being row `i`'s `RecordedRows.pair`.
    mutating func record(ticks: UnsafeBufferPointer<Int64>, pairs: UnsafeBufferPointer<UInt64>) {
        var row = 0
        while row < ticks.count && !failed {
            let count = min(ticks.count - row, (block.count - used) / Self.wordsPerRow)
            block.withUnsafeMutableBufferPointer { block in
                for offset in 0..<count {
                    block[used + Self.wordsPerRow * offset] = UInt64(bitPattern: ticks[row + offset])
                    block[used + Self.wordsPerRow * offset + 1] = pairs[row + offset]
                }
            }
            used += count * Self.wordsPerRow
            rows += count
            row += count
            if used == block.count { flush() }
        }
    }

    /// Writes the rows still in the block.
    public mutating func flush() {
        guard used > 0, !failed else { return }
        let count = used
        failed = !block.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[0..<(count * 8)])) }
        used = 0
    }

    /// Calls `body` with each row of `words`, as `record` laid them out.
    @inline(__always)
    static func forEachRow(in words: UnsafeBufferPointer<UInt64>,
                           _ body: (_ ticks: Int64, _ origin: UInt32, _ target: UInt32) -> Void) {
        let rows = RecordedRows(words)
        for row in 0..<rows.count { body(rows.ticks(row), rows.origin(row), rows.target(row)) }
    }
}

/// Recorded rows read back (`RowRecorder`'s layout), by row number: the one place that knows the layout,
/// for the replay's loops, which read rows ahead of the one they count to fetch its tables early.
struct RecordedRows {
    let words: UnsafeBufferPointer<UInt64>

    init(_ words: UnsafeBufferPointer<UInt64>) { self.words = words }

    /// Whole rows in the words.
    var count: Int { words.count / RowRecorder.wordsPerRow }

    @inline(__always)
    func ticks(_ row: Int) -> Int64 { Int64(bitPattern: words[row * RowRecorder.wordsPerRow]) }

    @inline(__always)
    func origin(_ row: Int) -> UInt32 { UInt32(truncatingIfNeeded: words[row * RowRecorder.wordsPerRow + 1] >> 32) }

    @inline(__always)
    func target(_ row: Int) -> UInt32 { UInt32(truncatingIfNeeded: words[row * RowRecorder.wordsPerRow + 1]) }

    /// A row's origin and target numbers as one word: its second word here, and its key in the census's
    /// pair table, which hands its keys over as they are (`RowRecorder.record(ticks:pairs:)`).
    @inline(__always)
    static func pair(origin: UInt32, target: UInt32) -> UInt64 { UInt64(origin) << 32 | UInt64(target) }
}
