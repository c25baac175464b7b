import CByteScan

/// The commas, quotes and line breaks of a block in order, found sixty-four bytes at a time
/// (`beacon_csv_structure`) and handed out one set bit at a time. `CSVTokenizer.scanUnquotedRecord` reads
/// records through it: a field then costs a bit scan instead of a loop over its bytes whose exit the
/// branch predictor misses at nearly every field (the tokenizer was 12 % of a 100M-row load's CPU).
///
/// It reads only whole windows that end at or before `limit`, so it never reads past the block; nearer
/// the end it answers nil and the caller reads the record byte by byte.
struct CSVStructureCursor {
    /// A comma, quote or line break.
    struct Boundary {
        var position: Int
        var isComma: Bool
        var isQuote: Bool
    }

    private let base: UnsafePointer<UInt8>
    private let limit: Int
    /// Where the current window starts.
    private var window: Int
    /// The window's boundaries not yet handed out, and which of its bytes are commas and quotes.
    private var bits: UInt64 = 0
    private var commas: UInt64 = 0
    private var quotes: UInt64 = 0

    init(_ base: UnsafePointer<UInt8>, limit: Int) {
        self.base = base
        self.limit = limit
        window = Int.min / 2
    }

    /// Goes on from `position`, the start of a record: within the current window when it holds it,
    /// otherwise in a window starting there. False when that window would end past `limit`.
    @inline(__always)
    mutating func seek(_ position: Int) -> Bool {
        let offset = position &- window
        if offset >= 0 && offset < 64 {
            bits &= UInt64.max &<< UInt64(offset)
            return true
        }
        guard position <= limit &- 64 else { return false }
        load(position)
        return true
    }

    /// The boundary after the last one handed out, or nil when the next window would end past `limit`.
    @inline(__always)
    mutating func next() -> Boundary? {
        while bits == 0 {
            let following = window &+ 64
            guard following <= limit &- 64 else { return nil }
            load(following)
        }
        let lowest = bits & (0 &- bits)
        bits ^= lowest
        return Boundary(position: window &+ lowest.trailingZeroBitCount,
                        isComma: commas & lowest != 0, isQuote: quotes & lowest != 0)
    }

    @inline(__always)
    private mutating func load(_ start: Int) {
        var lines: UInt64 = 0
        beacon_csv_structure(base + start, &commas, &quotes, &lines)
        window = start
        bits = commas | quotes | lines
    }
}

extension CSVTokenizer {
    /// `scanRecord` for a record without a double quote anywhere in it, which the structure cursor reads
    /// field by field; nil, with `position` moved and nothing else, for any other record (one with a quote,
    /// or one that may run into the block's last 64 bytes): the caller then reads it with `scanRecord` from
    /// where it started. Where it answers, it answers as `scanRecord` does (`CSVStructureCursorTests`).
    @inline(__always)
    static func scanUnquotedRecord(_ p: UnsafePointer<UInt8>, count n: Int, cursor: inout CSVStructureCursor,
                                   position: inout Int, line: inout Int,
                                   field: (_ index: Int, _ field: CSVField) -> Void) -> RecordEnd? {
        guard cursor.seek(position) else { return nil }
        var fieldCount = 0
        while let boundary = cursor.next() {
            if boundary.isQuote { return nil }
            field(fieldCount, CSVField(start: position, end: boundary.position, quoted: false, hasDoubledQuotes: false))
            fieldCount += 1
            position = boundary.position + 1
            if boundary.isComma { continue }
            if p[boundary.position] == cr && position < n && p[position] == lf { position += 1 }
            line += 1
            return RecordEnd(fieldCount: fieldCount, problem: nil, terminated: true)
        }
        return nil
    }
}
