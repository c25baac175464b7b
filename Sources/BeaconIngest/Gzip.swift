import CIsal
import Glibc

/// gzip detection, for `.gz` exports (by magic bytes, not by name).
enum Gzip {
    /// Whether `bytes` start with the gzip magic number 1f 8b.
    static func isGzip<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1F && bytes[bytes.startIndex + 1] == 0x8B
    }

    /// How long the member header at the start of `bytes` is (RFC 1952: ten bytes, then the optional
    /// extra field, name, comment and header CRC its flags announce); nil when `bytes` end before it does.
    static func headerLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 10 else { return nil }
        let flags = bytes[3]
        var length = 10
        if flags & 0x04 != 0 {
            guard bytes.count >= length + 2 else { return nil }
            length += 2 + (Int(bytes[length]) | Int(bytes[length + 1]) << 8)
        }
        for zeroTerminated in [UInt8(0x08), 0x10] where flags & zeroTerminated != 0 {
            guard length < bytes.count, let end = bytes[length...].firstIndex(of: 0) else { return nil }
            length = end + 1
        }
        if flags & 0x02 != 0 { length += 2 }
        return length <= bytes.count ? length : nil
    }
}

/// The decompressed content of a (possibly multi-member) gzip stream, inflated a buffer at a time so
/// that a large `.gz` file never sits in memory decompressed.
///
/// Inflated by Intel's ISA-L (Debian's libisal), streaming: about twice zlib's speed here, and unlike
/// libdeflate it needs no whole member in memory (docs/PERFORMANCE.md, "Reading gzip"). ISA-L parses the
/// gzip header and checks the trailer's CRC-32 and length itself.
///
/// Concatenated members are one file. Zero padding after the last member is ignored; any other trailing
/// data, invalid compressed data or a bad checksum is a `LoadError.corruptGzip` naming the file, since
/// none of its content can be trusted then. A stream that merely ends early (a copy cut short) is too,
/// unless `keepsTruncatedContent`: then the content inflated before the cut is the file's content, and
/// `truncatedAtLine` says where it stops.
final class GzipSource: ByteSource {
    private let compressed: any ByteSource
    private let name: String
    private let keepsTruncatedContent: Bool
    /// The line (1-based, counting line feeds) the content was cut in, when the stream ended early and
    /// the content before the cut was kept.
    private(set) var truncatedAtLine: Int?
    private var lineFeeds = 0
    /// On the heap: ISA-L's state is over 100 KiB (its history window and decoding tables).
    private let state: UnsafeMutablePointer<inflate_state>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false
    /// Set until a member's header is in the input whole (`gatherHeader`).
    private var atMemberStart = true
    /// Compressed bytes read from the source, and content bytes handed out, for `expectedContentBytes`.
    private var compressedRead = 0
    private var contentProduced = 0

    init(_ compressed: any ByteSource, name: String, keepsTruncatedContent: Bool = false) throws(LoadError) {
        self.compressed = compressed
        self.name = name
        self.keepsTruncatedContent = keepsTruncatedContent
        state = .allocate(capacity: 1)
        state.initialize(to: inflate_state())
        input = .allocate(byteCount: 1 << 18, alignment: 16)
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
    }

    deinit {
        state.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
        guard !buffer.isEmpty else { return 0 }
        while !finished {
            if atMemberStart {
                try gatherHeader()
            } else if state.pointee.avail_in == 0 && !inputEnded {
                try refill()
            }
            let inputBefore = state.pointee.avail_in
            state.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let status = isal_inflate(state)
            guard status >= 0 else { throw .corruptGzip(path: name, reason: Self.reason(status)) }
            let produced = buffer.count - Int(state.pointee.avail_out)
            if state.pointee.block_state == ISAL_BLOCK_FINISH {
                try endOfMember()
            } else if produced == 0 && state.pointee.avail_in == inputBefore && inputEnded {
                // No progress, and no more input to make any: the data ended inside the stream.
                guard keepsTruncatedContent && contentProduced > 0 else {
                    throw .corruptGzip(path: name, reason: "truncated (unexpected end of data)")
                }
                finished = true
                truncatedAtLine = lineFeeds + 1
            }
            if produced > 0 {
                contentProduced += produced
                if keepsTruncatedContent { lineFeeds += countLineFeeds(buffer, produced) }
                return produced
            }
        }
        return 0
    }

    /// About how many content bytes a file of `compressedSize` bytes holds, judged from the compression
    /// ratio so far; nil before any content.
    func expectedContentBytes(compressedSize: Int) -> Int? {
        let consumed = compressedRead - Int(state.pointee.avail_in)
        guard consumed > 0, contentProduced > 0 else { return nil }
        return Int(Double(compressedSize) * Double(contentProduced) / Double(consumed))
    }

    /// After a member: another member, zero padding, or garbage.
    private func endOfMember() throws(LoadError) {
        // Two bytes tell whether another member starts.
        while state.pointee.avail_in < 2 && !inputEnded { try refill(keeping: Int(state.pointee.avail_in)) }
        let available = Int(state.pointee.avail_in)
        if available == 0 {
            finished = true
            return
        }
        let nextInput = state.pointee.next_in!
        let next = UnsafeRawBufferPointer(start: nextInput, count: available)
        if available >= 2 && next[0] == 0x1F && next[1] == 0x8B {
            // The reset forgets the input; the next member starts where this one ended.
            isal_inflate_reset(state)
            state.pointee.crc_flag = UInt32(ISAL_GZIP)
            state.pointee.next_in = nextInput
            state.pointee.avail_in = UInt32(available)
            atMemberStart = true
            return
        }
        // Whatever follows must be zeros to the end of the file.
        var trailing = available
        var allZero = !next.contains { $0 != 0 }
        while !inputEnded {
            let count = try compressed.read(into: input)
            if count == 0 { break }
            trailing += count
            if allZero { allZero = !UnsafeRawBufferPointer(rebasing: input[0..<count]).contains { $0 != 0 } }
        }
        guard allZero else {
            throw .corruptGzip(path: name, reason: "\(trailing) bytes of trailing garbage after the gzip data")
        }
        finished = true
    }

    /// Reads input until the member's header is in it whole, so that ISA-L reads the header in one call:
    /// ISA-L 2.30 (Debian bookworm's) rejects a good header CRC (FHCRC) when the header arrives in pieces.
    /// A header longer than the input buffer (a name or comment over 256 KiB) is left to ISA-L as it comes.
    private func gatherHeader() throws(LoadError) {
        atMemberStart = false
        while !inputEnded && Int(state.pointee.avail_in) < input.count {
            let available = UnsafeRawBufferPointer(start: state.pointee.next_in, count: Int(state.pointee.avail_in))
            if Gzip.headerLength(available) != nil { return }
            try refill(keeping: Int(state.pointee.avail_in))
        }
    }

    /// Reads more compressed input, keeping the last `keeping` unconsumed bytes in front of it.
    private func refill(keeping: Int = 0) throws(LoadError) {
        if keeping > 0, let next = state.pointee.next_in {
            input.baseAddress!.copyMemory(from: next, byteCount: keeping)
        }
        var filled = keeping
        while filled < input.count {
            let count = try compressed.read(into: UnsafeMutableRawBufferPointer(rebasing: input[filled...]))
            if count == 0 {
                inputEnded = true
                break
            }
            filled += count
            compressedRead += count
            if keeping == 0 { break }
        }
        state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_in = UInt32(filled)
    }

    /// With memchr, which scans a vector register at a time: a line is some 200 bytes, so the call per
    /// line costs less than the eight-bytes-at-a-time count it replaces (perf: 8 % of a gzip folder's CPU).
    private func countLineFeeds(_ buffer: UnsafeMutableRawBufferPointer, _ count: Int) -> Int {
        guard let base = buffer.baseAddress, count > 0 else { return 0 }
        let end = UnsafeRawPointer(base) + count
        var cursor = UnsafeRawPointer(base)
        var lineFeeds = 0
        while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
            lineFeeds += 1
            cursor = UnsafeRawPointer(found) + 1
        }
        return lineFeeds
    }

    /// What an ISA-L error code means, in zlib's words where zlib has them (messages and tests used them).
    private static func reason(_ status: Int32) -> String {
        switch status {
        case ISAL_INCORRECT_CHECKSUM: return "incorrect data check"
        case ISAL_INVALID_WRAPPER: return "incorrect header check"
        case ISAL_UNSUPPORTED_METHOD: return "unknown compression method"
        case ISAL_INVALID_BLOCK: return "invalid block type"
        case ISAL_INVALID_SYMBOL: return "invalid code"
        case ISAL_INVALID_LOOKBACK: return "invalid distance too far back"
        default: return "ISA-L error \(status)"
        }
    }
}
