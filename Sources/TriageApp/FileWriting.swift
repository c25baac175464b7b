import Triage
import TriageUI

/// The file dialog's keys and drawing, shared by exports and the hunting query; what differs between
/// them (the choices, the default path, what is written) is asked of `Exporting` and `QueryWriting`.
enum FileWriting {
    static func answer(_ state: inout AppState, _ dialog: FileDialog, _ key: Key) {
        let target = dialog.target
        switch (dialog.step, key) {
        case (.choose(let selected), .up):
            state.prompt = .file(FileDialog(target, .choose(selected: max(0, selected - 1))))
        case (.choose(let selected), .down):
            state.prompt = .file(FileDialog(target, .choose(selected: min(choices(target).count - 1, selected + 1))))
        case (.choose(let selected), .enter):
            state.prompt = .file(FileDialog(target, .path(choice: selected, text: defaultPath(target, choice: selected, state))))
        case (.path(let choice, let text), .enter):
            guard !text.isEmpty else { return }
            state.prompt = nil
            write(&state, target, choice: choice, path: text, overwrite: false)
        case (.path(let choice, let text), _):
            state.prompt = .file(FileDialog(target, .path(choice: choice, text: TriageActions.edited(text, key))))
        case (.confirmOverwrite(let choice, let path), .character("y")):
            state.prompt = nil
            write(&state, target, choice: choice, path: path, overwrite: true)
        case (.confirmOverwrite, _):
            state.prompt = nil
            state.message = target == .export ? "export cancelled" : "query not written"
        default:
            break
        }
    }

    /// A file was in the way: ask whether to replace it, with the same choice.
    static func askToReplace(_ state: inout AppState, _ target: FileDialog.Target, choice: Int, path: String) {
        state.prompt = .file(FileDialog(target, .confirmOverwrite(choice: choice, path: path)))
    }

    static func choices(_ target: FileDialog.Target) -> [String] {
        switch target {
        case .export: Exporting.formatLabels
        case .query, .pivot: QueryWriting.flavors.map { "\($0.title) (\($0.timeColumn))" }
        }
    }

    static func defaultPath(_ target: FileDialog.Target, choice: Int, _ state: AppState) -> String {
        switch target {
        case .export: "beacons.\(Exporting.formats[choice].rawValue)"
        case .query: QueryWriting.defaultPath(state)
        case .pivot(let key): Pivoting.defaultPath(state, key)
        }
    }

    static func write(_ state: inout AppState, _ target: FileDialog.Target, choice: Int, path: String, overwrite: Bool) {
        switch target {
        case .export:
            state.request(.export(Exporting.request(state, format: Exporting.formats[choice], path: path, overwrite: overwrite)))
        case .query:
            state.request(.writeQuery(QueryWriting.request(state, flavor: QueryWriting.flavors[choice], path: path, overwrite: overwrite)))
        case .pivot(let key):
            state.request(.writeQuery(Pivoting.request(state, key, flavor: QueryWriting.flavors[choice], path: path, overwrite: overwrite)))
        }
    }

    static func dialog(_ dialog: FileDialog, state: AppState) -> Dialog {
        let (chooseTitle, pathTitle) = switch dialog.target {
        case .export: ("Export as", "Export to")
        case .query: ("Write the hunting query for", "Write the query to")
        case .pivot: ("Write the pivot for", "Write the pivot to")
        }
        switch dialog.step {
        case .choose(let selected):
            return Dialog.choice(title: chooseTitle, options: choices(dialog.target), selected: selected,
                                 footer: "↑↓, Enter, Esc cancels")
        case .path(_, let text):
            return Dialog.prompt(title: pathTitle, label: "Path", text: text, cursor: text.count,
                                 footer: "Enter writes, Esc cancels")
        case .confirmOverwrite(_, let path):
            return Dialog.confirm(title: "File exists", question: "Replace \(path)? (y/n)")
        }
    }
}
