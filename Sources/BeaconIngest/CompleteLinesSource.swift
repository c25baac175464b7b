/// A gzip file's content handed out whole lines at a time: the bytes after the last line feed are held
/// back until more content, or the stream's proper end, shows that their line is complete, and are dropped
/// when the data ends early (`GzipSource.truncatedAtLine`). A row cut inside its last field would
/// otherwise load with the rest of that value missing, and nothing would tell it from a whole one.
///
/// A line longer than `InputLimits.maximumLineBytes` is not held back whole: once that much is held it is
/// handed out, so that the reader can skip the line (JSON lines) without the whole of it in memory.
final class CompleteLinesSource: ByteSource {
    private let gzip: GzipSource
    /// Complete lines not handed out yet, from `start`.
    private var ready: [UInt8] = []
    private var start = 0
    /// What follows the last line feed read so far.
    private var held: [UInt8] = []
    private var ended = false
    private static let chunk = 1 << 18

    init(_ gzip: GzipSource) {
        self.gzip = gzip
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
        guard !buffer.isEmpty else { return 0 }
        while start == ready.count {
            if ended { return 0 }
            try refill()
        }
        let count = min(buffer.count, ready.count - start)
        ready.withUnsafeBytes { bytes in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]))
        }
        start += count
        return count
    }

    private func refill() throws(LoadError) {
        let block = try gzip.readBlock(count: Self.chunk)
        start = 0
        if block.count < Self.chunk {
            ended = true
            let rest = held + block
            if gzip.truncatedAtLine == nil {
                ready = rest
            } else {
                ready = rest.lastIndex(of: 0x0A).map { Array(rest[...$0]) } ?? []
            }
            held = []
        } else if let lastLineFeed = block.lastIndex(of: 0x0A) {
            ready = held + block[...lastLineFeed]
            held = Array(block[(lastLineFeed + 1)...])
        } else if held.count + block.count > InputLimits.maximumLineBytes {
            // A line longer than the reader keeps (it skips it): handed on rather than held whole.
            ready = held + block
            held = []
        } else {
            ready = []
            held += block
        }
    }
}
