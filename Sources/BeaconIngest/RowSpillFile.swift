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

    deinit { close(descriptor) }

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
    /// recorded; `rows` is how many were. Throws when the file cannot be read back whole.
    func replay(rows: Int, blockBytes: Int = 8 << 20,
                _ body: (UnsafeBufferPointer<UInt64>) -> Void) throws(LoadError) {
        let rowBytes = RowRecorder.wordsPerRow * 8
        let total = rows * rowBytes
        let capacity = max(rowBytes, blockBytes / rowBytes * rowBytes)
        var words = [UInt64](repeating: 0, count: capacity / 8)
        var offset = 0
        while offset < total {
            let wanted = min(capacity, total - offset)
            let read = words.withUnsafeMutableBytes { buffer -> Int in
                var got = 0
                while got < wanted {
                    let count = pread(descriptor, buffer.baseAddress! + got, wanted - got, off_t(offset + got))
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    got += count
                }
                return got
            }
            guard read == wanted else {
                throw .unreadable(path: "the two-pass load's temporary file in \(folder)",
                                  reason: "\(offset + read) of its \(total) bytes could be read back")
            }
            words.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<(wanted / 8)])) }
            offset += wanted
        }
    }
}
