import BeaconEngine
import Foundation
import Synchronization

/// The unnamed temporary file a two-pass load records its first pass's rows in (`RowRecorder`), 16 bytes
/// a row, and replays them from: the second pass then reads 1.6 GB of its own records per 100M rows, from
/// the page cache as a rule, instead of parsing the files again.
///
/// It is created in `$TMPDIR` (else /tmp) and unlinked at once, so nothing is left behind however the
/// process ends; the disk space goes back when the file is closed. Its page cache is the kernel's to
/// evict and counts in no process's resident memory.
final class RowSpillFile: Sendable {
    private let descriptor: Int32
    private let folder: String
    /// The most bytes the file takes, as a disk's free space would bound it; tests make it small.
    private let byteLimit: Int
    private let written = Atomic<Int>(0)

    /// A new spill file in `folder`, or nil when none can be made there (the load then reads the files
    /// twice, as without one).
    init?(folder: String = RowSpillFile.defaultFolder, byteLimit: Int = .max) {
        var template = Array("\(folder)/beacon-triage-rows-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.descriptor = descriptor
        self.folder = folder
        self.byteLimit = byteLimit
    }

    deinit {
        // The last close drops the file's pages from the page cache (1.6 GB per 100M rows) and waits for
        // those the kernel is still writing back: most of a second, which the query need not wait for.
        let descriptor = self.descriptor
        DispatchQueue.global(qos: .utility).async { close(descriptor) }
    }

    static var defaultFolder: String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// A recorder that appends to this file; a write that fails (a full disk) ends the recording.
    var recorder: RowRecorder {
        RowRecorder { [self] bytes in appendAll(bytes) }
    }

    private func appendAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard written.add(bytes.count, ordering: .relaxed).newValue <= byteLimit else { return false }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Calls `body` with the recorded rows, a block of `blockBytes` at a time, in the order they were
    /// recorded, and with what `prepare` made of that block; `rows` is how many were. While `body` takes
    /// one block, the next is read and prepared on another thread, so a replay runs on two cores. Throws
    /// when the file cannot be read back whole.
    func replay<Prepared: Sendable>(rows: Int, blockBytes: Int = 8 << 20,
                                    prepare: @escaping @Sendable (UnsafeBufferPointer<UInt64>) -> Prepared,
                                    _ body: (UnsafeBufferPointer<UInt64>, Prepared) -> Void) throws(LoadError) {
        let rowBytes = RowRecorder.wordsPerRow * 8
        let total = rows * rowBytes
        let capacity = max(rowBytes, blockBytes / rowBytes * rowBytes)
        guard total > 0 else { return }
        let descriptor = self.descriptor
        let current = ReplayBlock(words: capacity / 8), next = ReplayBlock(words: capacity / 8)
        func unreadable(at offset: Int, read: Int) -> LoadError {
            .unreadable(path: "the two-pass load's temporary file in \(folder)",
                        reason: "\(offset + read) of its \(total) bytes could be read back")
        }
        var offset = min(capacity, total)
        let read = current.read(descriptor, bytes: offset, at: 0)
        guard read == offset else { throw unreadable(at: 0, read: read) }
        var prepared = current.withWords(prepare)
        var (reading, taking) = (next, current)
        while true {
            // The next block is read and prepared on another thread while this one takes the current.
            let wanted = min(capacity, total - offset), start = offset
            let ahead = Mutex<(read: Int, prepared: Prepared?)>((0, nil))
            let group = DispatchGroup()
            if wanted > 0 {
                DispatchQueue.global().async(group: group) { [reading] in
                    let read = reading.read(descriptor, bytes: wanted, at: start)
                    let result = read == wanted ? reading.withWords(prepare) : nil
                    ahead.withLock { $0 = (read, result) }
                }
            }
            taking.withWords { body($0, prepared) }
            group.wait()
            guard wanted > 0 else { return }
            let (read, result) = ahead.withLock { $0 }
            guard let result else { throw unreadable(at: start, read: read) }
            prepared = result
            offset += wanted
            swap(&reading, &taking)
        }
    }
}

/// A block of recorded rows read back from the file. Only one thread touches it at a time: the reader
/// fills it, then either the thread that prepares it or the one that takes it reads it, and the replay's
/// `DispatchGroup.wait` orders them.
private final class ReplayBlock: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<UInt64>
    private var count = 0

    init(words: Int) {
        buffer = .allocate(capacity: words)
    }

    deinit { buffer.deallocate() }

    /// Reads `bytes` bytes at `offset` of the file into the block; returns how many could be read.
    func read(_ descriptor: Int32, bytes wanted: Int, at offset: Int) -> Int {
        var got = 0
        while got < wanted {
            let count = pread(descriptor, UnsafeMutableRawPointer(buffer.baseAddress!) + got, wanted - got,
                              off_t(offset + got))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            got += count
        }
        count = got / 8
        return got
    }

    func withWords<Result>(_ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
        body(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(buffer)[0..<count]))
    }
}
