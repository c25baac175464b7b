import BeaconEngine
import Foundation
import HuntingQuery
import Triage
import TriageUI

/// `K`'s questions: where the query runs, then the path, then (for an existing file) whether to replace it.
public enum QueryPrompt: Equatable, Sendable {
    case flavor(selected: Int)
    case path(flavor: QueryFlavor, text: String)
    case confirmOverwrite(flavor: QueryFlavor, path: String)
}

/// A query file the runtime must write (the update step stays free of file I/O), rendered when asked for
/// from the thresholds, mode and marks of that moment.
public struct QueryFileRequest: Sendable {
    public var text: String
    public var path: String
    public var overwrite: Bool
    public var flavor: QueryFlavor
    public var mode: QueryMode
    /// How many false-positive marks became exclusions, for the status line.
    public var exclusions: Int
}

/// `K`: the hunting query for the console's current thresholds, mode and false positives, as a `.kql`
/// file to paste into Defender advanced hunting or Sentinel.
enum QueryWriting {
    static let flavors = QueryFlavor.allCases
    static let defaultName = "beacon-query.kql"

    static func start(_ state: inout AppState) {
        state.prompt = .query(.flavor(selected: 0))
    }

    /// `beacon-query.kql` beside the triage file (the marks the query carries live there), else in the
    /// working directory.
    static func defaultPath(_ state: AppState) -> String {
        guard let triage = state.environment.triagePath, let slash = triage.lastIndex(of: "/") else { return defaultName }
        return String(triage[...slash]) + defaultName
    }

    static func request(_ state: AppState, flavor: QueryFlavor, path: String, overwrite: Bool) -> QueryFileRequest {
        let query = HuntingQuery(parameters: state.parameters, flavor: flavor, decisions: state.book.decisions,
                                 triageFile: state.environment.triagePath, at: state.clock)
        return QueryFileRequest(text: query.render(), path: path, overwrite: overwrite, flavor: flavor,
                                mode: state.parameters.mode, exclusions: query.exclusions.count)
    }

    /// Keys while one of `K`'s questions is open; false when the prompt is not one of them.
    static func answer(_ state: inout AppState, _ prompt: Prompt, _ key: Key) -> Bool {
        guard case .query(let step) = prompt else { return false }
        switch (step, key) {
        case (.flavor(let selected), .up):
            state.prompt = .query(.flavor(selected: max(0, selected - 1)))
        case (.flavor(let selected), .down):
            state.prompt = .query(.flavor(selected: min(flavors.count - 1, selected + 1)))
        case (.flavor(let selected), .enter):
            state.prompt = .query(.path(flavor: flavors[selected], text: defaultPath(state)))
        case (.path(let flavor, let text), .enter):
            guard !text.isEmpty else { break }
            state.prompt = nil
            state.request(.writeQuery(request(state, flavor: flavor, path: text, overwrite: false)))
        case (.path(let flavor, let text), _):
            state.prompt = .query(.path(flavor: flavor, text: TriageActions.edited(text, key)))
        case (.confirmOverwrite(let flavor, let path), .character("y")):
            state.prompt = nil
            state.request(.writeQuery(request(state, flavor: flavor, path: path, overwrite: true)))
        case (.confirmOverwrite, _):
            state.prompt = nil
            state.message = "query not written"
        default:
            break
        }
        return true
    }

    static func dialog(_ step: QueryPrompt) -> Dialog {
        switch step {
        case .flavor(let selected):
            Dialog.choice(title: "Write the hunting query for",
                          options: flavors.map { "\($0.title) (\($0.timeColumn))" }, selected: selected,
                          footer: "↑↓, Enter, Esc cancels")
        case .path(_, let text):
            Dialog.prompt(title: "Write the query to", label: "Path", text: text, cursor: text.count,
                          footer: "Enter writes, Esc cancels")
        case .confirmOverwrite(_, let path):
            Dialog.confirm(title: "File exists", question: "Replace \(path)? (y/n)")
        }
    }
}

extension QueryWriting {
/// What the runtime reports after writing the query: done, or a file in the way (ask), or a failure.
static func wroteQuery(_ state: inout AppState, request: QueryFileRequest, result: Result<Void, TriageStorageError>) {
    switch result {
    case .success:
        let marks = request.exclusions == 0 ? "no exclusions"
            : "\(request.exclusions) false positive\(request.exclusions == 1 ? "" : "s") excluded"
        state.message = "wrote the \(request.flavor.rawValue) query (\(request.mode.rawValue), \(marks)) to \(request.path)"
    case .failure(.exists):
        state.prompt = .query(.confirmOverwrite(flavor: request.flavor, path: request.path))
    case .failure(let error):
        state.message = "query not written: \(error)"
    }
}
}
