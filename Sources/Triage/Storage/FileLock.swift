#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock (flock) on `<file>.lock`, held while a save reads, merges and replaces the triage file,
/// so that two consoles on one file take turns instead of each writing over the other's marks. A separate
/// lock file is locked because the triage file itself is replaced by rename on every save, and a lock on
/// a replaced inode would protect nothing. The kernel drops the lock when its holder dies (even by SIGKILL),
/// so a leftover `.lock` file never blocks anyone.
enum FileLock {
    /// Runs `body` holding the lock, waiting up to `timeout` seconds for another holder to finish.
    static func withLock<T>(_ lockPath: String, timeout: Double = 5,
                            _ body: () throws(TriageStorageError) -> T) throws(TriageStorageError) -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: lockPath, operation: "opening the lock file", code: errno) }
        defer { close(fd) }
        var waited = 0.0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                throw .io(path: lockPath, operation: "flock", code: code)
            }
            if waited >= timeout {
                throw .locked(path: String(lockPath.dropLast(".lock".count)))
            }
            usleep(5_000)
            waited += 0.005
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
