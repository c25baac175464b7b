import Triage

/// What the runner reports back after writing the triage file: a merge with another console's marks is
/// adopted, a failure is said and the change stays in memory to be written by the next save.
public func saved(_ state: inout AppState, result: Result<TriageStore.SaveResult, TriageStorageError>) {
    state.saveRequested = false
    switch result {
    case .success(let written):
        if written.merged {
            state.book.adopt(written.decisions)
            state.message = (state.message.map { $0 + "; " } ?? "") + "merged marks saved by another console"
            TriageActions.bookChanged(&state)
        }
    case .failure(let error):
        state.message = "could not save marks: \(error)"
    }
}
