#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the encoded rows go: a file, or a compressor in front of one.
protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes and closes; the sink is unusable afterwards.
    func close() throws
}

/// An I/O failure, with the path and the system's message.
public struct GeneratorIOError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

/// A file written with POSIX `write(2)`: no Foundation buffering or copying between the row buffer and
/// the kernel.
final class FileSink: ByteSink {
    let path: String
    private var descriptor: Int32
    /// Bytes that reached the file: the compressed size when a compressor writes through this sink.
    private(set) var bytesWritten: Int64 = 0

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw GeneratorIOError(path: path, message: systemError()) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, pointer, remaining)
            #else
            let written = Darwin.write(descriptor, pointer, remaining)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                throw GeneratorIOError(path: path, message: systemError())
            }
            remaining -= written
            pointer += written
            bytesWritten += Int64(written)
        }
    }

    func close() throws {
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        let result = Glibc.close(descriptor)
        #else
        let result = Darwin.close(descriptor)
        #endif
        descriptor = -1
        if result != 0 { throw GeneratorIOError(path: path, message: systemError()) }
    }

    deinit {
        if descriptor >= 0 { _ = try? close() }
    }
}

func systemError() -> String { String(cString: strerror(errno)) }
