import BeaconEngine
import Triage
import TriageUI

/// The `/` prompt's text, and what to go back to: the filter applies as it is typed, so Esc must be able
/// to put back the filter (and the selection) the analyst had before opening the prompt.
public struct FilterEdit: Equatable, Sendable {
    public var text: String
    /// The filter in force when the prompt opened.
    public var previous: BeaconFilter
    public var previousSelection: BeaconKey?
    /// Why `text` does not parse; the list then keeps the last filter that did.
    public var error: FilterError?

    public init(text: String, previous: BeaconFilter, previousSelection: BeaconKey?, error: FilterError? = nil) {
        self.text = text
        self.previous = previous
        self.previousSelection = previousSelection
        self.error = error
    }
}

/// The filter prompt: every keystroke that leaves a valid filter applies it (the list and its count
/// follow the typing), Enter keeps it, Esc restores the previous one, Ctrl-U clears the line.
enum FilterEditing {
    static func start(_ state: inout AppState) {
        state.prompt = .filter(FilterEdit(text: state.filter.text, previous: state.filter,
                                          previousSelection: state.selectedKey))
        state.message = outcome(state)
    }

    static func answer(_ state: inout AppState, _ edit: FilterEdit, _ key: Key) {
        switch key {
        case .escape:
            state.prompt = nil
            state.filter = edit.previous
            if let key = edit.previousSelection, state.rows.contains(where: { $0.candidate.key == key }) {
                state.selectedKey = key
            }
            state.message = edit.previous.isEmpty ? "filter cancelled" : "filter restored: \(edit.previous.text)"
        case .enter:
            if let error = edit.error {
                state.message = "filter: \(error)"
                return
            }
            state.prompt = nil
            state.message = state.filter.isEmpty ? "filter cleared" : outcome(state, text: state.filter.text)
        case .control("u"):
            type(&state, edit, "")
        default:
            let text = TriageActions.edited(edit.text, key)
            guard text != edit.text else { return }
            type(&state, edit, text)
        }
    }

    /// Applies `text` if it parses; if not, keeps the list as it was and says why.
    static func type(_ state: inout AppState, _ edit: FilterEdit, _ text: String) {
        var edit = edit
        edit.text = text
        switch BeaconFilter.parse(text) {
        case .success(let filter):
            edit.error = nil
            state.filter = filter
            // Marking rather than hiding: the cursor follows the first match, as an incremental search does.
            if !filter.isEmpty && !state.filterHidesRows, state.selected.map({ !isMatch($0, in: state) }) ?? true {
                Matching.jump(&state, forward: true)
            }
            state.message = outcome(state)
        case .failure(let error):
            edit.error = error
            state.message = "filter: \(error)"
        }
        state.prompt = .filter(edit)
    }

    /// `3 match`, and when hidden false positives also match, how many and the key that shows them: a
    /// search for `status:fp` finds nothing while they are hidden, which must not read as "none exist".
    static func outcome(_ state: AppState, text: String? = nil) -> String {
        guard !state.filter.isEmpty else { return "no filter: every beacon" }
        let count = state.rows.filter(\.matchesFilter).count
        let hidden = hiddenFalsePositiveMatches(state)
        let said = "\(count) match" + (text.map { " " + $0 } ?? "")
        guard hidden > 0 else { return said }
        return said + "; \(hidden) \(hidden == 1 ? "match" : "matches") hidden as false positives: press F"
    }

    /// The listed beacons marked false positive that the filter matches but the list hides.
    static func hiddenFalsePositiveMatches(_ state: AppState) -> Int {
        guard !state.showFalsePositives, !state.filter.isEmpty else { return 0 }
        let analysis = state.analysis
        let listed: [BeaconCandidate]
        switch state.rejectedShown {
        case .none: listed = analysis.beacons
        case .nearMisses: listed = analysis.beacons + analysis.nearMisses
        case .all: listed = Array(analysis.candidates)
        }
        return listed.filter { candidate in
            let status = state.status(of: candidate.key).0
            return status == .falsePositive && state.filter.matches(candidate, status: status)
        }.count
    }

    static func dialog(_ edit: FilterEdit, state: AppState) -> Dialog {
        // What the typing did so far, in the title, so the field keeps its width for the text.
        let outcome = edit.error.map { "✗ \($0)" } ?? outcome(state)
        return Dialog.prompt(title: "Filter: \(outcome)", label: "/", text: edit.text,
                             cursor: edit.text.count, footer: "Enter keeps, Esc restores, ^U clears")
    }

    /// Where a prompt is drawn: the filter's over the detail pane, so the list it changes stays in view;
    /// every other prompt in the middle of the screen.
    static func area(_ prompt: Prompt, state: AppState, screen: Rect) -> Rect {
        guard case .filter = prompt, !Layout.isTooSmall(state.size) else { return screen }
        let detail = Layout.detailArea(state.size)
        return Rect(x: detail.x, y: detail.y, width: detail.width, height: max(detail.height, 7))
    }
}
