import Foundation
import Triage

/// The console's saves of the triage file, written on one background queue so that a large file (20,000
/// decisions, 4 MB) never stalls the key loop.
///
/// Saves run one at a time, in the order asked, and coalesce: while one runs, only the latest book asked
/// for waits its turn, so an earlier book can never land after a later one and the last one always lands.
/// Each write stays atomic (`TriageStore.save`). The store is the saver's alone while a save runs or
/// waits; `withIdleStore` lends it out otherwise (to look for another console's save).
final class BackgroundSaving: @unchecked Sendable {
    typealias Outcome = Result<TriageStore.SaveResult, TriageStorageError>

    private let condition = NSCondition()
    private let queue = DispatchQueue(label: "beacon-triage.triage-file-save", qos: .userInitiated)
    private var store: TriageStore
    private var waiting: [TriageDecision]?
    private var running = false
    private var finished: [Outcome] = []
    /// The book of the last save that merged another console's decisions, and what that save wrote. A
    /// book asked for before the console adopted the merge is rebased on it (`TriageMerge`), so that its
    /// save neither drops the colleague's decisions nor counts them as removed.
    private var lastMerge: (sent: [TriageDecision], written: [TriageDecision])?

    init(store: TriageStore) {
        self.store = store
    }

    /// Queues a save of `decisions`, replacing a save that has not started yet.
    func save(_ decisions: [TriageDecision]) {
        condition.withLock {
            waiting = decisions
            guard !running else { return }
            running = true
            queue.async { [self] in drain() }
        }
    }

    /// Whether a save runs or waits.
    var isBusy: Bool { condition.withLock { running || waiting != nil } }

    /// The saves finished since the last call, for the update step. Failures come at once. Successes wait
    /// until no save runs or waits, and then come as one: what the last save wrote, `merged` when any of
    /// them brought another console's decisions in. The console's book is then the last one asked for,
    /// which that save wrote (rebased on any merge), so adopting it loses nothing.
    func takeFinished() -> [Outcome] {
        condition.withLock {
            let failures = finished.filter { if case .failure = $0 { true } else { false } }
            guard !running, waiting == nil else {
                finished.removeAll { if case .failure = $0 { true } else { false } }
                return failures
            }
            defer { finished = [] }
            // After a failed last save the book holds more than the file; the next save writes it.
            guard case .success(let last)? = finished.last else { return failures }
            let merged = finished.contains { if case .success(let written) = $0 { written.merged } else { false } }
            lastMerge = nil
            return failures + [.success(TriageStore.SaveResult(decisions: last.decisions, merged: merged))]
        }
    }

    /// Blocks until every queued save is written (the analyst quits: nothing marked may be lost).
    func waitUntilIdle() {
        condition.withLock {
            while running || waiting != nil { condition.wait() }
        }
    }

    /// `body` with the store when no save runs or waits; nil (and `body` not run) otherwise.
    func withIdleStore<T>(_ body: (inout TriageStore) -> T) -> T? {
        condition.withLock {
            guard !running, waiting == nil else { return nil }
            return body(&store)
        }
    }

    /// The queue's loop: writes the waiting book until none waits.
    private func drain() {
        while true {
            condition.lock()
            guard let decisions = waiting else {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            waiting = nil
            var writer = store
            let rebased = lastMerge.map { TriageMerge.merge(base: $0.sent, ours: decisions, theirs: $0.written) } ?? decisions
            condition.unlock()

            var result = Result { () throws(TriageStorageError) in try writer.save(rebased) }

            condition.withLock {
                store = writer
                if case .success(var written) = result {
                    written.merged = written.merged || rebased != decisions
                    if written.merged { lastMerge = (decisions, written.decisions) }
                    result = .success(written)
                }
                finished.append(result)
            }
        }
    }
}
