import Synchronization

/// How far a load has got, for a caller on another thread (the console's progress bar) while
/// `EventLoader.load(paths:progress:)` runs: bytes read of the total, and events loaded so far.
///
/// Bytes count what was read from the files: for a `.gz` file the compressed bytes consumed, so that
/// `fraction` moves evenly whatever the compression. The total is the sum of the files' sizes, known
/// once loading has started. Every value only grows while a load runs.
public final class LoadProgress: Sendable {
    private let read = Atomic<Int>(0)
    private let total = Atomic<Int>(0)
    private let events = Atomic<Int>(0)

    public init() {}

    /// Bytes read from the files so far (compressed bytes for gzip files).
    public var bytesRead: Int { read.load(ordering: .relaxed) }
    /// The size of every file being loaded, summed.
    public var totalBytes: Int { total.load(ordering: .relaxed) }
    /// Events added to the table so far.
    public var eventsLoaded: Int { events.load(ordering: .relaxed) }

    /// `bytesRead / totalBytes` in 0...1, or nil while the total is not known yet (or is 0).
    public var fraction: Double? {
        let whole = totalBytes
        guard whole > 0 else { return nil }
        return min(1, Double(bytesRead) / Double(whole))
    }

    func addTotal(_ bytes: Int) { total.add(bytes, ordering: .relaxed) }
    func addRead(_ bytes: Int) { read.add(bytes, ordering: .relaxed) }
    func addEvents(_ count: Int) { events.add(count, ordering: .relaxed) }
}
