#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem in the text of a triage file, located so the analyst can fix it by hand:
/// `team.triage.toml:14: decision 2, field status: unknown status "fasle-positive" (...)`.
public struct TriageFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the place could not be found in the text.
    public var line: Int?
    /// The key at fault (`status`, `port`), nil for a problem of the file as a whole (not TOML, not UTF-8).
    public var field: String?
    /// Which `[[decision]]` table, 1-based, when the problem is inside one.
    public var decision: Int?
    public var message: String

    public init(file: String, line: Int?, field: String? = nil, decision: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.decision = decision
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        var place: [String] = []
        if let decision { place.append("decision \(decision)") }
        if let field { place.append("field \(field)") }
        if !place.isEmpty { text += place.joined(separator: ", ") + ": " }
        return text + message
    }
}

/// Why the triage file could not be read or written. In every case the file on disk is left as it was.
public enum TriageStorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not a valid triage file; it is never overwritten, the console opens read-only.
    case corrupt(TriageFileError)
    /// A system call failed: `operation` on `path`, with `errno`.
    case io(path: String, operation: String, code: Int32)
    /// An export target exists and overwriting was not asked for.
    case exists(path: String)
    /// Another process held the lock for longer than the wait.
    case locked(path: String)

    public var description: String {
        switch self {
        case .corrupt(let error):
            return "\(error) (the file was left untouched; fix it by hand or choose another with --triage)"
        case .io(let path, let operation, let code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
        case .exists(let path):
            return "\(path) already exists (overwrite it with --force, or confirm in the console)"
        case .locked(let path):
            return "\(path) is locked by another beacon-triage (lock file \(path).lock); try again"
        }
    }
}
