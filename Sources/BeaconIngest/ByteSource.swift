import Foundation

/// Where the bytes of one input come from, a buffer at a time: a file, memory, or a gzip stream over
/// either. Reading a file this way keeps memory to a few buffers instead of the whole file.
protocol ByteSource: AnyObject {
    /// Fills the start of `buffer`; returns how many bytes it wrote, 0 only at the end of the data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int
}

extension ByteSource {
    /// Reads until `buffer` is full or the data ends; returns how many bytes it wrote.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// `prefix` followed by up to `count` more bytes, in one array (shorter only at the end of the data).
    func readBlock(after prefix: ArraySlice<UInt8> = [], count: Int) throws(LoadError) -> [UInt8] {
        var failure: LoadError?
        let block = [UInt8](unsafeUninitializedCapacity: prefix.count + count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            prefix.withUnsafeBytes { raw.copyMemory(from: $0) }
            initialized = prefix.count
            do throws(LoadError) {
                initialized += try readFully(into: UnsafeMutableRawBufferPointer(rebasing: raw[prefix.count...]))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return block
    }

    /// Everything left, after `prefix`.
    func readToEnd(after prefix: [UInt8]) throws(LoadError) -> [UInt8] {
        var all = prefix
        var step = max(1 << 20, prefix.count)
        while true {
            let block = try readBlock(count: step)
            if block.isEmpty { return all }
            all += block
            step = min(step * 2, 1 << 28)
        }
    }
}

/// A file read with `read(2)`; missing, directory and permission problems become `LoadError`s naming it.
final class FileSource: ByteSource {
    let path: String
    private let descriptor: Int32
    private let progress: LoadProgress?
    /// The file's size when opened (0 for a pipe).
    let size: Int

    init(path: String, progress: LoadProgress?) throws(LoadError) {
        // stat first: open(2) on a FIFO without a writer blocks for ever, and one on a device may never end.
        var target = stat()
        guard stat(path, &target) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: errnoDescription(code))
        }
        let inherited = Self.inheritedPipe(path)
        switch target.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .isDirectory(path: path)
        case S_IFIFO where inherited != nil: break
        case let type: throw .notRegularFile(path: path, kind: fileKind(type))
        }
        let descriptor = inherited.map { dup($0) } ?? open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: errnoDescription(errno)) }
        var status = stat()
        size = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0
        self.path = path
        self.descriptor = descriptor
        self.progress = progress
    }

    deinit { close(descriptor) }

    /// The descriptor behind `/dev/stdin`, `/dev/fd/N` or `/proc/self/fd/N`: a pipe this process was handed
    /// (`analyze <(zcat day.csv.gz)`), read through its open descriptor, which cannot block the way opening
    /// a named FIFO without a writer does.
    static func inheritedPipe(_ path: String) -> Int32? {
        if path == "/dev/stdin" { return 0 }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            return Int32(path.dropFirst(prefix.count))
        }
        return nil
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
        guard !buffer.isEmpty else { return 0 }
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 {
                progress?.addRead(count)
                return count
            }
            if errno != EINTR { throw .unreadable(path: path, reason: errnoDescription(errno)) }
        }
    }
}

/// Bytes already in memory (`EventLoader.load(bytes:name:)`).
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let progress: LoadProgress?

    init(_ bytes: [UInt8], progress: LoadProgress?) {
        self.bytes = bytes
        self.progress = progress
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { whole in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: whole[offset..<(offset + count)]))
        }
        offset += count
        progress?.addRead(count)
        return count
    }
}

/// `prefix`, then whatever `rest` still holds: the bytes read to detect the format are not lost.
final class PrefixedSource: ByteSource {
    private let prefix: [UInt8]
    private var offset = 0
    private let rest: any ByteSource

    init(_ prefix: [UInt8], then rest: any ByteSource) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
        guard offset < prefix.count else { return try rest.read(into: buffer) }
        let count = min(buffer.count, prefix.count - offset)
        prefix.withUnsafeBytes { whole in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: whole[offset..<(offset + count)]))
        }
        offset += count
        return count
    }
}

func errnoDescription(_ code: Int32) -> String {
    switch code {
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "is a directory"
    case ELOOP: return "too many levels of symbolic links (a symlink loop)"
    default: return String(cString: strerror(code))
    }
}

/// What a file that is not a regular one is, from `st_mode & S_IFMT`, as messages name it.
func fileKind(_ type: mode_t) -> String {
    switch type {
    case S_IFIFO: return "a FIFO"
    case S_IFSOCK: return "a socket"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    default: return "not a file"
    }
}
