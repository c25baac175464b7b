#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that a reader, a crash or a kill at any instant sees either the old file or the new
/// one, never a half-written one: the bytes go to a temporary file in the same folder (a rename is atomic
/// only within one file system), are flushed to the disk with fsync, the temporary file is renamed over the
/// target, and the folder is fsynced so that the rename itself survives a power loss.
public enum AtomicFile {
    /// Writes `bytes` to `path`. With `overwrite: false` an existing file is refused (`.exists`) and the
    /// check and the creation are one step (a hard link, which fails when the name is taken), so two
    /// writers cannot both think they created it.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = true) throws(TriageStorageError) {
        let folder = parentFolder(of: path)
        let name = baseName(of: path)
        var template = Array("\(folder)/\(temporaryPrefix(of: name))XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .io(path: folder, operation: "creating a temporary file", code: errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }

        do {
            defer { close(fd) }
            // mkstemp creates the file 0600; keep the mode of the file being replaced, else 0644, so a team
            // sharing the triage file can read it.
            var status = stat()
            let mode: mode_t = stat(path, &status) == 0 ? status.st_mode & 0o777 : 0o644
            fchmod(fd, mode)
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw TriageStorageError.io(path: temporary, operation: "fsync", code: errno) }
        }

        if overwrite {
            guard rename(temporary, path) == 0 else { throw .io(path: path, operation: "rename", code: errno) }
        } else {
            guard link(temporary, path) == 0 else {
                let code = errno
                throw code == EEXIST ? .exists(path: path) : .io(path: path, operation: "link", code: code)
            }
            unlink(temporary)
        }
        renamed = true
        try syncFolder(folder)
    }

    /// `.<name>.tmp-`: the temporary files of `name` are this and six characters from mkstemp.
    static func temporaryPrefix(of name: String) -> String { ".\(name).tmp-" }

    /// Writes UTF-8 text; see `write(_:to:overwrite:)`.
    public static func write(_ text: String, to path: String, overwrite: Bool = true) throws(TriageStorageError) {
        try write(Array(text.utf8), to: path, overwrite: overwrite)
    }

    /// The whole file, or nil when there is none. Other failures (a folder, no permission) are errors.
    public static func read(_ path: String) throws(TriageStorageError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "open", code: errno)
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", code: errno)
            }
            if count == 0 { return result }
            result += chunk[0..<count]
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(TriageStorageError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", code: errno)
            }
            offset += written
        }
    }

    private static func syncFolder(_ folder: String) throws(TriageStorageError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: folder, operation: "opening the folder", code: errno) }
        defer { close(fd) }
        // Some file systems refuse fsync on a folder (EINVAL); the rename is done, so that is not a failure.
        if fsync(fd) != 0 && errno != EINVAL {
            throw .io(path: folder, operation: "fsync of the folder", code: errno)
        }
    }
}

/// The folder holding `path` (`.` for a bare name).
func parentFolder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
}

func baseName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
}

// The libc calls under names the enum's own `read`/`write` do not shadow.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
