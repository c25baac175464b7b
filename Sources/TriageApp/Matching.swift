import BeaconEngine

/// `n`/`N` and `&`: the filter as a search. With `&` the filter leaves the other rows in place, dimmed,
/// and `n`/`N` jump between the matches; while it hides them, `n`/`N` step through the shown rows.
enum Matching {
    static func jump(_ state: inout AppState, forward: Bool) {
        guard !state.filter.isEmpty else {
            state.message = "no filter: press / to search"
            return
        }
        let matches = state.rows.indices.filter { state.rows[$0].matchesFilter }
        guard !matches.isEmpty else {
            state.message = "no beacon matches \(state.filter.text)"
            return
        }
        let current = state.selectedIndex ?? (forward ? -1 : state.rows.count)
        // Wraps around, as less and vim do.
        let target = forward
            ? matches.first { $0 > current } ?? matches[0]
            : matches.last { $0 < current } ?? matches[matches.count - 1]
        state.selectedKey = state.rows[target].candidate.key
        let ordinal = matches.firstIndex(of: target)! + 1
        let wrapped = forward ? target <= current : target >= current
        state.message = "match \(ordinal) of \(matches.count)" + (wrapped ? " (wrapped)" : "")
    }

    static func toggleHiding(_ state: inout AppState) {
        state.filterHidesRows.toggle()
        state.message = state.filterHidesRows ? "the filter hides the other rows" : "the filter marks its matches; n/N jump"
    }
}

func isMatch(_ candidate: BeaconCandidate, in state: AppState) -> Bool {
    state.rows.first { $0.candidate.key == candidate.key }?.matchesFilter ?? false
}
