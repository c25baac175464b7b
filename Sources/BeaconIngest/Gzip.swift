import CZlib

/// gzip through the system zlib, for `.gz` exports (detected by magic bytes).
enum Gzip {
    /// Whether `bytes` start with the gzip magic number 1f 8b.
    static func isGzip<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1F && bytes[bytes.startIndex + 1] == 0x8B
    }
}

/// The decompressed content of a (possibly multi-member) gzip stream, inflated a buffer at a time so
/// that a large `.gz` file never sits in memory decompressed.
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
    /// Heap-allocated because zlib keeps a pointer back to the stream and checks it on every call.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false
    /// Compressed bytes read from the source, and content bytes handed out, for `expectedContentBytes`.
    private var compressedRead = 0
    private var contentProduced = 0

    init(_ compressed: any ByteSource, name: String, keepsTruncatedContent: Bool = false) throws(LoadError) {
        self.compressed = compressed
        self.name = name
        self.keepsTruncatedContent = keepsTruncatedContent
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: 1 << 18, alignment: 16)
        let status = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw .corruptGzip(path: name, reason: "zlib initialisation failed (\(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
        guard !buffer.isEmpty else { return 0 }
        while !finished {
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK:
                break
            case Z_STREAM_END:
                try endOfMember()
            case Z_BUF_ERROR:
                // No progress possible: with all the input consumed, the data ended inside the stream.
                if stream.pointee.avail_in == 0 && inputEnded {
                    guard keepsTruncatedContent && contentProduced + produced > 0 else {
                        throw .corruptGzip(path: name, reason: "truncated (unexpected end of data)")
                    }
                    finished = true
                    truncatedAtLine = lineFeeds + countLineFeeds(buffer, produced) + 1
                }
            case Z_DATA_ERROR:
                throw .corruptGzip(path: name, reason: zlibMessage(default: "invalid compressed data"))
            case Z_MEM_ERROR:
                throw .corruptGzip(path: name, reason: "out of memory")
            default:
                throw .corruptGzip(path: name, reason: zlibMessage(default: "zlib error \(status)"))
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
        let consumed = compressedRead - Int(stream.pointee.avail_in)
        guard consumed > 0, contentProduced > 0 else { return nil }
        return Int(Double(compressedSize) * Double(contentProduced) / Double(consumed))
    }

    /// After a member: another member, zero padding, or garbage.
    private func endOfMember() throws(LoadError) {
        // Two bytes tell whether another member starts.
        if Int(stream.pointee.avail_in) < 2 && !inputEnded { try refill(keeping: Int(stream.pointee.avail_in)) }
        let available = Int(stream.pointee.avail_in)
        if available == 0 {
            finished = true
            return
        }
        let next = UnsafeRawBufferPointer(start: stream.pointee.next_in, count: available)
        if available >= 2 && next[0] == 0x1F && next[1] == 0x8B {
            guard inflateReset(stream) == Z_OK else { throw .corruptGzip(path: name, reason: "zlib reset failed") }
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

    /// Reads more compressed input, keeping the last `keeping` unconsumed bytes in front of it.
    private func refill(keeping: Int = 0) throws(LoadError) {
        if keeping > 0, let next = stream.pointee.next_in {
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
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(filled)
    }

    private func countLineFeeds(_ buffer: UnsafeMutableRawBufferPointer, _ count: Int) -> Int {
        UnsafeRawBufferPointer(rebasing: buffer[0..<count]).reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    private func zlibMessage(default fallback: String) -> String {
        stream.pointee.msg.map { String(cString: $0) } ?? fallback
    }
}
