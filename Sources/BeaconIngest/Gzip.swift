import CZlib

/// gzip decompression through the system zlib, for `.gz` exports (detected by magic bytes).
enum Gzip {
    enum Failure: Error, Equatable {
        case corrupt(String)
    }

    /// Whether `bytes` start with the gzip magic number 1f 8b.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed content of every member of a (possibly multi-member) gzip file.
    /// Trailing zero padding after the last member is ignored; any other trailing data, a truncated
    /// stream or a bad checksum is an error.
    static func decompress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        // ISIZE (the last member's size mod 2^32) is only a hint for the first allocation, and is not
        // trusted beyond deflate's maximum ratio (about 1032:1) since the file may be truncated or hostile.
        if input.count >= 18 {
            let n = input.count
            let isize = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
            let plausible = isize <= input.count * 1032 ? isize : input.count * 4
            output.reserveCapacity(min(max(plausible, input.count), 1 << 30))
        }

        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw .corrupt("zlib initialisation failed (\(initStatus))") }
        defer { inflateEnd(&stream) }

        let chunkSize = 1 << 18
        var chunk = [UInt8](repeating: 0, count: chunkSize)

        let failure: Failure? = input.withUnsafeBufferPointer { inputBuffer -> Failure? in
            guard let base = inputBuffer.baseAddress else { return .corrupt("no data") }
            var consumed = 0
            while true {
                stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
                stream.avail_in = UInt32(min(inputBuffer.count - consumed, Int(UInt32.max)))
                let availableBefore = Int(stream.avail_in)
                var status: Int32 = Z_OK
                var produced = 0
                chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    status = inflate(&stream, Z_NO_FLUSH)
                    produced = chunkSize - Int(stream.avail_out)
                }
                consumed += availableBefore - Int(stream.avail_in)
                if produced > 0 { output.append(contentsOf: chunk[0..<produced]) }

                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    // Another member may follow (concatenated gzip files are one file).
                    let rest = inputBuffer[consumed...]
                    if rest.isEmpty { return nil }
                    if rest.count >= 2 && rest[consumed] == 0x1F && rest[consumed + 1] == 0x8B {
                        guard inflateReset(&stream) == Z_OK else { return .corrupt("zlib reset failed") }
                        continue
                    }
                    if rest.allSatisfy({ $0 == 0 }) { return nil }
                    return .corrupt("\(rest.count) bytes of trailing garbage after the gzip data")
                case Z_BUF_ERROR:
                    // No progress possible: the input ended before the end of the stream.
                    return .corrupt("truncated (unexpected end of data)")
                case Z_DATA_ERROR:
                    let detail = stream.msg.map { String(cString: $0) } ?? "invalid compressed data"
                    return .corrupt(detail)
                case Z_MEM_ERROR:
                    return .corrupt("out of memory")
                default:
                    let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    return .corrupt(detail)
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
