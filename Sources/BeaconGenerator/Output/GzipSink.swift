import CZlib

/// gzip output through zlib's deflate (level 6 by default), for paths ending in `.gz`.
final class GzipSink: ByteSink {
    private let file: FileSink
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 20)
    private var open = false

    init(file: FileSink, level: Int32 = 6) throws {
        self.file = file
        // windowBits 15 + 16 asks deflate for a gzip header and trailer instead of zlib's.
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GeneratorIOError(path: file.path, message: "deflateInit2 failed (\(status))") }
        open = true
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        try pump(flush: Z_NO_FLUSH)
    }

    func close() throws {
        guard open else { return }
        stream.next_in = nil
        stream.avail_in = 0
        try pump(flush: Z_FINISH)
        deflateEnd(&stream)
        open = false
        try file.close()
    }

    /// Runs deflate until it has consumed the input (or, finishing, written the trailer).
    private func pump(flush: Int32) throws {
        while true {
            let (status, produced): (Int32, Int) = output.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                let status = deflate(&stream, flush)
                return (status, buffer.count - Int(stream.avail_out))
            }
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw GeneratorIOError(path: file.path, message: "deflate failed (\(status))")
            }
            if produced > 0 { try output.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            if flush == Z_FINISH ? status == Z_STREAM_END : (stream.avail_in == 0 && produced < output.count) { return }
        }
    }

    deinit {
        if open { deflateEnd(&stream) }
    }
}

enum Gzip {
    static func sink(file: FileSink) throws -> ByteSink { try GzipSink(file: file) }
}
