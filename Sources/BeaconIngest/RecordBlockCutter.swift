import Foundation

/// Cuts a CSV or JSON-lines byte stream into blocks of whole records, so that several threads can parse
/// them at once.
///
/// JSON lines (`Boundary.lineFeed`): every line feed ends a record, since a JSON string cannot hold a raw
/// one.
///
/// CSV (`Boundary.quoteParity`): a block ends after a line break outside quotes, judged by quote parity: in RFC 4180 text every `"`
/// opens, closes or doubles inside a quoted cell, so a line break after an even number of quotes ends a
/// record. A malformed file (a stray `"` inside an unquoted cell) can fool the count; the parser then
/// finds a record running past its block's end, and the reader falls back to reading on one thread
/// from that record on (see `BlockStreamReader`), so the result is the same either way. A stray quote
/// flips the parity for the rest of the file, so that no cut would ever be found: once a block has
/// grown `lineLimit` past its size, it is cut at its last line break whatever the parity, and
/// the parser, finding the quote still open that far on, skips the stray quote's line.
///
/// In both, a line with no line break within `lineLimit` bytes is longer than the cap: it is skipped,
/// read forward to its end a buffer at a time and never held whole, and counted on the next block
/// (`longLinesSkippedBefore`).
struct RecordBlockCutter {
    private let source: any ByteSource
    let blockSize: Int
    let boundary: Boundary
    /// The longest line kept (`InputLimits.maximumLineBytes`; tests make it small).
    let lineLimit: Int

    /// What ends a record.
    enum Boundary {
        /// A line break after an even number of quotes (CSV).
        case quoteParity
        /// A line feed (JSON lines).
        case lineFeed
    }
    /// Bytes read after the last cut: the start of the next block.
    private var carry: [UInt8]
    private var sourceEnded: Bool
    /// Lines skipped for their length since the last block handed out.
    private var longLinesSkipped = 0

    /// A block of records: `bytes[0..<count]` (the array may hold more after it).
    struct Block: Sendable {
        var bytes: [UInt8]
        var count: Int
        /// The last block of the file: its last record may end without a line break.
        var isFinal: Bool
        /// Lines longer than `lineLimit` skipped just before this block, one line each.
        var longLinesSkippedBefore = 0
    }

    /// `start`, then what `source` holds; `sourceEnded` when `start` is already everything.
    init(start: [UInt8], source: any ByteSource, sourceEnded: Bool, blockSize: Int,
         boundary: Boundary = .quoteParity, lineLimit: Int = InputLimits.maximumLineBytes) {
        self.source = source
        self.blockSize = blockSize
        self.boundary = boundary
        self.lineLimit = lineLimit
        carry = start
        self.sourceEnded = sourceEnded
    }

    /// The next block, or nil after the final one: the records that end within about `blockSize` bytes
    /// (more when one record is longer).
    mutating func next() throws(LoadError) -> Block? {
        var buffer = carry
        var limit = blockSize
        var searched = 0
        var quotesBefore = 0
        while true {
            if buffer.count < limit && !sourceEnded {
                let filled = buffer.count
                buffer = try source.readBlock(after: buffer[...], count: limit - filled)
                if buffer.count < limit { sourceEnded = true }
            }
            if sourceEnded && buffer.count <= limit {
                carry = []
                if buffer.isEmpty && longLinesSkipped == 0 { return nil }
                return handOut(Block(bytes: buffer, count: buffer.count, isFinal: true))
            }
            let cut = boundary == .lineFeed ? Self.lastLineFeedEnd(in: buffer, from: searched, to: limit)
                : Self.lastRecordEnd(in: buffer, from: searched, to: limit, quotesBefore: &quotesBefore)
            if let cut {
                carry = Array(buffer[cut...])
                return handOut(Block(bytes: buffer, count: cut, isFinal: false))
            }
            // JSON lines reach here only without a line feed in `buffer[..<limit]`.
            let lastLineBreak = limit > lineLimit && boundary == .quoteParity
                ? Self.lastLineBreakEnd(in: buffer, before: limit) : nil
            if limit > lineLimit && lastLineBreak == nil {
                buffer = try skipLine(startingAt: buffer[limit...])
                limit = blockSize
                searched = 0
                quotesBefore = 0
                continue
            }
            if limit - blockSize >= lineLimit, let cut = lastLineBreak {
                carry = Array(buffer[cut...])
                return handOut(Block(bytes: buffer, count: cut, isFinal: false))
            }
            // One record longer than the block (a long quoted cell): look further, stopping once just past
            // the cap, where a line with no break yet is known to be too long.
            searched = limit
            limit = limit <= lineLimit ? min(limit * 2, lineLimit + 1) : limit * 2
        }
    }

    private mutating func handOut(_ block: Block) -> Block {
        var block = block
        block.longLinesSkippedBefore = longLinesSkipped
        longLinesSkipped = 0
        return block
    }

    /// Reads past the end of a line too long to keep, of which `rest` is the part read but not yet
    /// searched, a block at a time; returns what follows its line break.
    private mutating func skipLine(startingAt rest: ArraySlice<UInt8>) throws(LoadError) -> [UInt8] {
        longLinesSkipped += 1
        var chunk = Array(rest)
        while true {
            let lineFeedOnly = boundary == .lineFeed
            if let lineBreak = chunk.firstIndex(where: { $0 == 0x0A || ($0 == 0x0D && !lineFeedOnly) }) {
                let next = chunk[lineBreak] == 0x0D && lineBreak + 1 < chunk.count && chunk[lineBreak + 1] == 0x0A
                    ? lineBreak + 2 : lineBreak + 1
                return Array(chunk[next...])
            }
            if sourceEnded { return [] }
            chunk = try source.readBlock(count: blockSize)
            if chunk.count < blockSize { sourceEnded = true }
        }
    }

    /// Everything not yet handed out as a block, in blocks of about `blockSize` bytes (the last one may be
    /// empty), for reading on one thread.
    mutating func nextRaw(minimum: Int) throws(LoadError) -> (bytes: [UInt8], ended: Bool) {
        if sourceEnded {
            defer { carry = [] }
            return (carry, true)
        }
        let wanted = max(blockSize, minimum)
        let bytes = try source.readBlock(after: carry[...], count: wanted)
        if bytes.count < carry.count + wanted { sourceEnded = true }
        carry = []
        return (bytes, sourceEnded)
    }

    /// The position just after the last line break in `from..<to` that follows an even number of quotes,
    /// or nil. `quotesBefore` counts the quotes before `from` and is advanced to `to`.
    static func lastRecordEnd(in buffer: [UInt8], from: Int, to: Int, quotesBefore: inout Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            let total = quotesBefore + Self.countQuotes(UnsafeRawPointer(bytes.baseAddress!) + from, to - from)
            quotesBefore = total
            var quotesAfter = 0
            var index = to - 1
            while index >= from {
                let byte = bytes[index]
                if byte == 0x22 {
                    quotesAfter += 1
                } else if byte == 0x0A || (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] != 0x0A) {
                    // A lone CR ends a record too, but never one whose next byte is not read yet.
                    if (total - quotesAfter) & 1 == 0 { return index + 1 }
                }
                index -= 1
            }
            return nil
        }
    }

    /// The position just after the last line feed in `from..<to`, or nil.
    static func lastLineFeedEnd(in buffer: [UInt8], from: Int, to: Int) -> Int? {
        var index = to - 1
        while index >= from {
            if buffer[index] == 0x0A { return index + 1 }
            index -= 1
        }
        return nil
    }

    /// The position just after the last LF (or lone CR) before `end`, or nil.
    static func lastLineBreakEnd(in buffer: [UInt8], before end: Int) -> Int? {
        var index = end - 1
        while index >= 0 {
            let byte = buffer[index]
            if byte == 0x0A || (byte == 0x0D && index + 1 < buffer.count && buffer[index + 1] != 0x0A) { return index + 1 }
            index -= 1
        }
        return nil
    }

    /// How many `"` bytes `count` bytes at `start` hold. Exports quote few cells, so quotes are found
    /// with `memchr`, which skips quote-free stretches many bytes at a time; where they are dense (a file
    /// that quotes every cell), the rest is counted eight bytes at a time.
    static func countQuotes(_ start: UnsafeRawPointer, _ count: Int) -> Int {
        var total = 0
        var offset = 0
        while offset < count {
            guard let found = memchr(start + offset, 0x22, count - offset) else { return total }
            total += 1
            offset = UnsafeRawPointer(found) - start + 1
            if total >= 64 && offset < total * 64 { return total + countQuotesDensely(start + offset, count - offset) }
        }
        return total
    }

    /// Each byte's high bit says whether it is a quote, and the bits are summed in byte lanes before they
    /// could overflow.
    static func countQuotesDensely(_ start: UnsafeRawPointer, _ count: Int) -> Int {
        var total = 0
        var offset = 0
        while offset + 8 <= count {
            var lanes: UInt64 = 0
            let stop = min(count, offset + 8 * 255)
            while offset + 8 <= stop {
                let word = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x2222_2222_2222_2222
                // A byte's high bit ends up set exactly when the byte was a quote (is now zero).
                let zero = ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word) & 0x8080_8080_8080_8080
                lanes &+= zero >> 7
                offset += 8
            }
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            total += Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        while offset < count {
            if start.load(fromByteOffset: offset, as: UInt8.self) == 0x22 { total += 1 }
            offset += 1
        }
        return total
    }
}
