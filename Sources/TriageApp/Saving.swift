import Triage

/// What the runtime reports about the triage file: a save (a merge with another console's marks is
/// adopted, a failure is said and the change stays in memory for the next save), or decisions that
/// another console saved meanwhile.
enum Saving {
    static func saved(_ state: inout AppState, result: Result<TriageStore.SaveResult, TriageStorageError>) {
        switch result {
        case .success(let written):
            if written.merged {
                let arrived = newcomers(written.decisions, over: state.book.decisions)
                state.book.adopt(written.decisions)
                state.message = (state.message.map { $0 + "; " } ?? "") + "merged \(arrivals(arrived)) saved by another console"
                TriageActions.bookChanged(&state)
            }
            // An answer for an earlier book (a later save is queued behind it) leaves the word up.
            if newcomers(state.book.decisions, over: written.decisions) == 0 { state.savePending = false }
        case .failure(let error):
            // The warning says so; the next change asks for a save again.
            state.savePending = false
            state.warn("could not save marks: \(error)")
        }
    }

    /// The triage file changed on disk (another console saved): its decisions, merged with this
    /// console's, replace the book, and the status bar says what arrived.
    static func arrived(_ state: inout AppState, result: Result<[TriageDecision], TriageStorageError>) {
        switch result {
        case .success(let merged):
            let arrived = newcomers(merged, over: state.book.decisions)
            guard merged != state.book.decisions else { return }
            state.book.adopt(merged)
            state.message = "another console saved the triage file: " + (arrived > 0 ? "\(arrivals(arrived)) arrived" : "marks removed")
            TriageActions.bookChanged(&state)
        case .failure(let error):
            state.warn("the triage file changed and could not be read: \(error)")
        }
    }

    /// Decisions of `incoming` that this console does not hold as they are (new or changed).
    static func newcomers(_ incoming: [TriageDecision], over held: [TriageDecision]) -> Int {
        incoming.filter { !held.contains($0) }.count
    }

    static func arrivals(_ count: Int) -> String {
        count == 1 ? "1 decision" : "\(count) decisions"
    }
}
