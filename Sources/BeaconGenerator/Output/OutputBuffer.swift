/// A large byte buffer between the row encoder and the sink: rows are appended with plain memory copies
/// and handed to the sink 4 MiB at a time, so the file streams to disk and never sits in memory whole.
final class OutputBuffer {
    let capacity: Int
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private let sink: ByteSink
    /// Bytes handed to the sink (before any compression).
    private(set) var bytesWritten: Int64 = 0

    init(sink: ByteSink, capacity: Int = 4 << 20) {
        self.sink = sink
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `bytes` more, flushing first when needed.
    @inline(__always)
    func reserve(_ bytes: Int) throws {
        if capacity - count < bytes { try flush() }
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
        (base + count).update(from: bytes, count: length)
        count += length
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0.baseAddress!, $0.count) }
    }

    /// Decimal digits of a non-negative number.
    @inline(__always)
    func appendDecimal(_ value: UInt64) {
        var digits = 1
        var rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        var v = value
        var position = count + digits - 1
        repeat {
            base[position] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
            v /= 10
            position -= 1
        } while v > 0
        count += digits
    }

    /// Exactly `width` digits, zero-padded.
    @inline(__always)
    func appendDigits(_ value: Int64, width: Int) {
        var v = value
        for position in stride(from: count + width - 1, through: count, by: -1) {
            base[position] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
            v /= 10
        }
        count += width
    }

    func flush() throws {
        guard count > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: base, count: count))
        bytesWritten += Int64(count)
        count = 0
    }

    /// Flushes the rest and closes the sink.
    func finish() throws {
        try flush()
        try sink.close()
    }
}
