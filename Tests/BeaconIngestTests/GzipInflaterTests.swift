@testable import BeaconIngest
import Foundation
import Testing

/// `GzipSource` byte for byte against the `gzip` tool: what it inflates must be what `gzip -dc` inflates,
/// however the compressed bytes arrive and however small the buffers it fills, and what gzip rejects it
/// must reject.
@Suite struct GzipInflaterTests {
    /// Text that compresses well, then bytes that do not (gzip stores them), then text again: both kinds
    /// of deflate block, over several of the inflater's 256 KiB input chunks.
    static let mixedContent: [UInt8] = {
        var bytes: [UInt8] = []
        for line in 0..<12_000 { bytes += Array("line \(line),host-\(line % 97).example,\(line * 7919 % 10_007)\n".utf8) }
        // xorshift64 (Marsaglia): the same noise on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<300_000 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            bytes.append(UInt8(truncatingIfNeeded: state >> 32))
        }
        for line in 0..<3_000 { bytes += Array("tail \(line)\n".utf8) }
        return bytes
    }()

    @Test func contentIsWhatGzipInflatesWhateverTheBufferSizes() throws {
        let compressed = try gzipped(Self.mixedContent)
        let expected = try gunzippedPrefix(compressed)
        #expect(expected == Self.mixedContent)
        for (arrival, output) in [(Int.max, 1 << 20), (1, 4_096), (3, 7), (65_537, 1)] where output > 1 || arrival > 1 {
            #expect(try inflate(compressed, arrivingBy: arrival, readingBy: output).content == expected)
        }
        // One byte at a time out, on a shorter stretch (the whole would take minutes byte by byte).
        let short = try gzipped(Array(Self.mixedContent.prefix(20_000)))
        #expect(try inflate(short, arrivingBy: 5, readingBy: 1).content == gunzippedPrefix(short))
    }

    /// Members of every kind back to back, an empty one among them, headers split across reads.
    @Test func membersFollowEachOtherWhereverTheReadsEnd() throws {
        let pieces: [[UInt8]] = [Array(Self.mixedContent.prefix(100_000)), [], Array("one line\n".utf8),
                                 Array(Self.mixedContent.suffix(400_000))]
        var members: [UInt8] = []
        for piece in pieces { members += try gzipped(piece) }
        let expected = try gunzippedPrefix(members)
        #expect(expected == pieces.flatMap { $0 })
        for arrival in [1, 2, 9, 1 << 18, Int.max] {
            #expect(try inflate(members, arrivingBy: arrival, readingBy: 1 << 16).content == expected)
        }
    }

    /// A header with every optional field gzip defines (RFC 1952: FEXTRA, FNAME, FCOMMENT, FHCRC), which
    /// the `gzip` tool never writes but other tools do.
    @Test func optionalHeaderFieldsAreSkipped() throws {
        let plain = try gzipped(Array(Self.mixedContent.prefix(50_000)))
        var header: [UInt8] = [0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]
        header += [4, 0, 0x41, 0x42, 2, 0]  // XLEN 4: one subfield "AB" of 2 bytes
        header += Array("events.csv".utf8) + [0] + Array("exported by hand".utf8) + [0]
        let headerCRC = crc32(header)
        header += [UInt8(headerCRC & 0xFF), UInt8(headerCRC >> 8 & 0xFF)]
        let rich = header + plain[10...]
        let expected = try gunzippedPrefix(rich)
        #expect(expected == Array(Self.mixedContent.prefix(50_000)))
        #expect(try inflate(rich, arrivingBy: 3, readingBy: 4_096).content == expected)
    }

    @Test func aBadChecksumOrLengthIsCorrupt() throws {
        let good = try gzipped(Array(Self.mixedContent.prefix(30_000)))
        // The trailer: CRC-32 of the content, then its length mod 2^32, both little-endian.
        for (index, field) in [(good.count - 7, "CRC-32"), (good.count - 3, "length")] {
            var bad = good
            bad[index] ^= 0x01
            #expect(!gzipAccepts(bad), "gzip itself rejects a wrong \(field)")
            #expect(throws: LoadError.corruptGzip(path: "bad.gz", reason: "incorrect data check")) {
                try inflate(bad, arrivingBy: Int.max, readingBy: 1 << 16)
            }
        }
        // Bad data in the deflate stream itself (a reserved block type: BTYPE 11 in the first byte).
        var reserved = good
        reserved[10] = 0x07
        #expect(!gzipAccepts(reserved))
        #expect(throws: LoadError.self) { try inflate(reserved, arrivingBy: Int.max, readingBy: 1 << 16) }
    }

    @Test func afterTheLastMemberOnlyZerosMayFollow() throws {
        let good = try gzipped(Array("a\nb\n".utf8))
        #expect(try inflate(good + [UInt8](repeating: 0, count: 1_000), arrivingBy: 7, readingBy: 64).content
                == Array("a\nb\n".utf8))
        #expect(throws: LoadError.corruptGzip(path: "bad.gz", reason: "5 bytes of trailing garbage after the gzip data")) {
            try inflate(good + [0, 0, 0, 0, 1], arrivingBy: 2, readingBy: 64)
        }
        // A lone magic byte is not another member.
        #expect(throws: LoadError.corruptGzip(path: "bad.gz", reason: "1 bytes of trailing garbage after the gzip data")) {
            try inflate(good + [0x1F], arrivingBy: Int.max, readingBy: 64)
        }
    }

    /// Cut anywhere, the content kept is exactly what gzip inflates before the cut, and the line the cut
    /// falls in is one past the line feeds in it.
    @Test func aCutStreamKeepsWhatGzipInflatesBeforeTheCut() throws {
        let content = Array(Self.mixedContent.prefix(60_000))
        let members = try gzipped(Array(content.prefix(25_000))) + gzipped(Array(content.suffix(35_000)))
        let cuts = [11, 30, 500, 9_000, members.count / 2, members.count - 30, members.count - 8, members.count - 1]
        for cut in cuts {
            let truncated = Array(members.prefix(cut))
            let expected = try gunzippedPrefix(truncated)
            #expect(!gzipAccepts(truncated))
            if expected.isEmpty {
                #expect(throws: LoadError.corruptGzip(path: "bad.gz", reason: "truncated (unexpected end of data)")) {
                    try inflate(truncated, arrivingBy: 1_000, readingBy: 4_096, keepsTruncatedContent: true)
                }
                continue
            }
            let kept = try inflate(truncated, arrivingBy: 1_000, readingBy: 4_096, keepsTruncatedContent: true)
            #expect(kept.content == expected, "cut at \(cut)")
            #expect(kept.truncatedAtLine == expected.count { $0 == 0x0A } + 1, "cut at \(cut)")
            #expect(throws: LoadError.corruptGzip(path: "bad.gz", reason: "truncated (unexpected end of data)")) {
                try inflate(truncated, arrivingBy: 1_000, readingBy: 4_096)
            }
        }
    }

    // MARK: Helpers

    /// Everything `GzipSource` inflates from `compressed` handed over at most `arrival` bytes a read, read
    /// out at most `output` bytes at a time.
    @discardableResult
    func inflate(_ compressed: [UInt8], arrivingBy arrival: Int, readingBy output: Int,
                 keepsTruncatedContent: Bool = false) throws(LoadError) -> (content: [UInt8], truncatedAtLine: Int?) {
        let source = try GzipSource(TrickleSource(compressed, by: arrival), name: "bad.gz",
                                    keepsTruncatedContent: keepsTruncatedContent)
        var content: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: output)
        while true {
            var failure: LoadError?
            let count = buffer.withUnsafeMutableBytes { raw in
                do throws(LoadError) { return try source.read(into: raw) } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if count == 0 { return (content, source.truncatedAtLine) }
            content += buffer[0..<count]
        }
    }

    /// Whether `gzip -t` finds `bytes` a whole, valid gzip file.
    func gzipAccepts(_ bytes: [UInt8]) -> Bool {
        guard let scratch = try? ScratchDirectory(), let path = try? scratch.write("t.gz", bytes) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-t", "-q", path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// CRC-32 (IEEE, as gzip uses it), bit by bit from its definition.
    func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// Bytes handed out at most `step` at a time, the way a pipe or a slow disk may.
final class TrickleSource: ByteSource {
    private let bytes: [UInt8]
    private let step: Int
    private var offset = 0

    init(_ bytes: [UInt8], by step: Int) {
        self.bytes = bytes
        self.step = step
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
        let count = min(buffer.count, step, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { whole in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: whole[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}
