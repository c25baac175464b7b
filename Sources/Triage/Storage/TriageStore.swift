import Foundation

/// The triage file on disk and what this console last knew of it.
///
/// Every save takes the advisory lock, reads the file again and, when it changed since this console read
/// or wrote it (another console saved), merges the two (`TriageMerge`) before writing the result
/// atomically (`AtomicFile`); temporary files a killed save left are removed then. A file that does not parse is never written over: `open` and `save` fail
/// with a `TriageFileError` naming the line and field, and the console carries on read-only.
public struct TriageStore: Sendable {
    public let path: String
    /// The decisions in the file as this console last read or wrote it: the base of the next merge.
    public private(set) var decisions: [TriageDecision]
    /// The file's bytes at that moment (nil: there was no file), to tell whether someone else wrote it.
    private var knownBytes: [UInt8]?
    /// How long a save waits for another console holding the lock before failing with `.locked`.
    public var lockTimeout: Double = 5

    /// `<first data file>.triage.toml`: beside the data, so the marks travel with the data set, and one
    /// file per data set unless `--triage` names a shared one.
    public static func defaultPath(forDataFile dataFile: String) -> String {
        dataFile + ".triage.toml"
    }

    /// The lock file taken while saving.
    public var lockPath: String { path + ".lock" }

    /// Reads the file at `path`; a missing file is an empty set of decisions (created on the first save).
    public static func open(path: String) throws(TriageStorageError) -> TriageStore {
        let bytes = try AtomicFile.read(path)
        var decisions: [TriageDecision] = []
        if let bytes {
            switch TriageFileFormat.parse(bytes, file: path) {
            case .success(let parsed): decisions = parsed
            case .failure(let error): throw .corrupt(error)
            }
        }
        return TriageStore(path: path, decisions: decisions, knownBytes: bytes)
    }

    private init(path: String, decisions: [TriageDecision], knownBytes: [UInt8]?) {
        self.path = path
        self.decisions = decisions
        self.knownBytes = knownBytes
    }

    /// What a save wrote.
    public struct SaveResult: Sendable, Equatable {
        /// The decisions now in the file; after a merge the console should adopt them (`TriageBook.adopt`).
        public var decisions: [TriageDecision]
        /// True when another console had changed the file and its decisions were merged in.
        public var merged: Bool

        public init(decisions: [TriageDecision], merged: Bool) {
            self.decisions = decisions
            self.merged = merged
        }
    }

    /// Writes `decisions` (the console's whole book), merging what another console saved since.
    ///
    /// `decisions` must descend from this store's `decisions` (the book starts from them and adopts what
    /// each save returns): a decision the store holds and `decisions` lacks counts as removed here.
    public mutating func save(_ decisions: [TriageDecision]) throws(TriageStorageError) -> SaveResult {
        let path = self.path
        let known = knownBytes
        let base = self.decisions
        let (result, written) = try FileLock.withLock(lockPath, timeout: lockTimeout) { () throws(TriageStorageError) -> (SaveResult, [UInt8]) in
            // Holding the lock, no other save of this file is running: a temporary file left beside it
            // is from a save killed midway.
            AtomicFile.removeStaleTemporaries(of: path)
            let current = try AtomicFile.read(path)
            var final = decisions
            var merged = false
            if current != known {
                var theirs: [TriageDecision] = []
                if let current {
                    switch TriageFileFormat.parse(current, file: path) {
                    case .success(let parsed): theirs = parsed
                    case .failure(let error): throw .corrupt(error)
                    }
                }
                final = TriageMerge.merge(base: base, ours: decisions, theirs: theirs)
                merged = true
            }
            let bytes = Array(TriageFileFormat.render(final).utf8)
            if bytes != current {
                try AtomicFile.write(bytes, to: path)
            }
            return (SaveResult(decisions: final, merged: merged), bytes)
        }
        self.decisions = result.decisions
        self.knownBytes = written
        return result
    }

    /// Reads the file again without writing it. When another console changed it since this store last
    /// read or wrote it, returns the merge of `ours` (the console's decisions, which descend from this
    /// store's, as for `save`) with the file's, and takes the file as the base of the next merge; nil when
    /// the file is as this store left it. What `ours` held and the file lacked stays in the merge, for the
    /// next save to write.
    public mutating func refresh(ours: [TriageDecision]) throws(TriageStorageError) -> [TriageDecision]? {
        let current = try AtomicFile.read(path)
        guard current != knownBytes else { return nil }
        var theirs: [TriageDecision] = []
        if let current {
            switch TriageFileFormat.parse(current, file: path) {
            case .success(let parsed): theirs = parsed
            case .failure(let error): throw .corrupt(error)
            }
        }
        let merged = TriageMerge.merge(base: decisions, ours: ours, theirs: theirs)
        decisions = theirs
        knownBytes = current
        return merged
    }

    /// Saves `book` and has it adopt what the save merged in: the safe way to call `save`, since a book
    /// that did not adopt a merge would, on its next save, count the other console's decisions as removed.
    @discardableResult
    public mutating func save(_ book: inout TriageBook) throws(TriageStorageError) -> SaveResult {
        let result = try save(book.decisions)
        if result.merged { book.adopt(result.decisions) }
        return result
    }
}
