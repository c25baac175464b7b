import Foundation

/// Cuts a CSV or JSON-lines byte stream into blocks of whole records, so that several threads can parse
/// them at once.
///
/// JSON lines (`Boundary.lineFeed`): every line feed ends a record, since JSON strings cannot hold a raw
/// one. A line longer than `lineLimit` is not read whole: the cutter steps over it to the next line feed
/// without keeping it, and hands out a `Block` that only says how long it was (`oversizedLine`).
///
/// CSV (`Boundary.quoteParity`):
/// A block ends after a line break outside quotes, judged by quote parity: in RFC 4180 text every `"`
/// opens, closes or doubles inside a quoted cell, so a line break after an even number of quotes ends a
/// record. A malformed file (a stray `"` inside an unquoted cell) can fool the count; the parser then
/// finds a record running past its block's end, and the reader falls back to reading on one thread
/// from that record on (see `CSVStreamReader`), so the result is the same either way.
struct RecordBlockCutter {
    private let source: any ByteSource
    let blockSize: Int
    let boundary: Boundary
    /// For `Boundary.lineFeed`: the longest line read; longer ones are skipped.
    let lineLimit: Int

    enum Boundary {
        case quoteParity
        case lineFeed
    }
    /// Bytes read after the last cut: the start of the next block.
    private var carry: [UInt8]
    private var sourceEnded: Bool

    /// A block of records: `bytes[0..<count]` (the array may hold more after it).
    struct Block: Sendable {
        var bytes: [UInt8]
        var count: Int
        /// The last block of the file: its last record may end without a line break.
        var isFinal: Bool
        /// A line longer than `lineLimit` stood here: its length (without the line feed). The block holds
        /// no bytes; the line counts as one.
        var oversizedLine: Int? = nil
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
            let lines = boundary == .lineFeed
            if sourceEnded && buffer.count <= limit {
                // Only a first line with no line feed in `lineLimit + 1` bytes can be too long here: any
                // shorter lines before it were cut off by an earlier round.
                if lines && buffer.count > lineLimit && !buffer.contains(0x0A) {
                    return Block(bytes: [], count: 0, isFinal: true, oversizedLine: buffer.count)
                }
                carry = []
                return buffer.isEmpty ? nil : Block(bytes: buffer, count: buffer.count, isFinal: true)
            }
            let cut = lines ? Self.lastLineEnd(in: buffer, from: searched, to: limit)
                : Self.lastRecordEnd(in: buffer, from: searched, to: limit, quotesBefore: &quotesBefore)
            if let cut {
                carry = Array(buffer[cut...])
                return Block(bytes: buffer, count: cut, isFinal: false)
            }
            if lines && limit > lineLimit { return try skipLine(buffer, checked: limit) }
            // One record longer than the block (a long quoted cell): look further.
            searched = limit
            limit = lines ? min(limit * 2, lineLimit + 1) : limit * 2
        }
    }

    /// Steps over the line `buffer` starts with, which has no line feed in its first `checked` bytes:
    /// the rest of `buffer`, then the source a block at a time, keeping none of it.
    private mutating func skipLine(_ buffer: [UInt8], checked: Int) throws(LoadError) -> Block {
        if let lineFeed = buffer[checked...].firstIndex(of: 0x0A) {
            carry = Array(buffer[(lineFeed + 1)...])
            return Block(bytes: [], count: 0, isFinal: sourceEnded && carry.isEmpty, oversizedLine: lineFeed)
        }
        var length = buffer.count
        carry = []
        while !sourceEnded {
            let chunk = try source.readBlock(count: blockSize)
            if chunk.count < blockSize { sourceEnded = true }
            if let lineFeed = chunk.firstIndex(of: 0x0A) {
                length += lineFeed
                carry = Array(chunk[(lineFeed + 1)...])
                break
            }
            length += chunk.count
        }
        return Block(bytes: [], count: 0, isFinal: sourceEnded && carry.isEmpty, oversizedLine: length)
    }

    /// The position just after the last line feed in `from..<to`, or nil.
    static func lastLineEnd(in buffer: [UInt8], from: Int, to: Int) -> Int? {
        var index = to - 1
        while index >= from {
            if buffer[index] == 0x0A { return index + 1 }
            index -= 1
        }
        return nil
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
