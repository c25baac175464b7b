import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// While curses owns the screen, anything written to stderr (a runtime "Fatal error", a library's
// warning) would land in the alternate screen and vanish. As htop does, fd 2 points at an unlinked
// temporary file meanwhile, and its content is written to the real stderr after `endwin`. The crash
// handler does the same, so everything here is async-signal-safe (dup2, lseek, read, write, close).

/// The real stderr, duplicated, while captured; -1 otherwise.
private let savedStderr = Atomic<Int32>(-1)
/// The temporary file fd 2 points to while captured; -1 otherwise.
private let capturedStderr = Atomic<Int32>(-1)
nonisolated(unsafe) private let replayBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)

/// Touches the globals so that none is first initialised inside a signal handler.
func prepareStderrReplay() {
    _ = savedStderr.load(ordering: .relaxed)
    _ = capturedStderr.load(ordering: .relaxed)
    replayBuffer.initialize(repeating: 0, count: 4096)
}

/// Points fd 2 at an unlinked temporary file. Returns false (and leaves stderr alone) on failure.
@discardableResult
func captureStderr() -> Bool {
    guard savedStderr.load(ordering: .relaxed) < 0 else { return true }
    prepareStderrReplay()
    let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(folder)/beacon-triage-stderr-XXXXXX".utf8CString)
    let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard file >= 0 else { return false }
    _ = fcntl(file, F_SETFD, FD_CLOEXEC)
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let saved = fcntl(2, F_DUPFD_CLOEXEC, 3)
    guard saved >= 0, dup2(file, 2) >= 0 else {
        if saved >= 0 { close(saved) }
        close(file)
        return false
    }
    capturedStderr.store(file, ordering: .relaxed)
    savedStderr.store(saved, ordering: .relaxed)
    return true
}

/// Points fd 2 back at the real stderr and writes there what was captured. Idempotent.
func restoreCapturedStderr() {
    let saved = savedStderr.exchange(-1, ordering: .relaxed)
    guard saved >= 0 else { return }
    let file = capturedStderr.exchange(-1, ordering: .relaxed)
    _ = dup2(saved, 2)
    close(saved)
    guard file >= 0 else { return }
    if lseek(file, 0, SEEK_SET) == 0 {
        while true {
            let count = read(file, replayBuffer, 4096)
            if count <= 0 { break }
            var written = 0
            while written < count {
                let result = write(2, replayBuffer + written, count - written)
                if result <= 0 { break }
                written += result
            }
            if written < count { break }
        }
    }
    close(file)
}
