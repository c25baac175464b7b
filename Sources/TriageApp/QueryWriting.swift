import BeaconEngine
import Foundation
import HuntingQuery
import Triage
import TriageUI

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
    /// The beacon of a pivot (`p`), nil for the hunting query.
    public var pivot: BeaconKey? = nil
}

/// `K`: the hunting query for the console's current thresholds, mode and false positives, as a `.kql`
/// file to paste into Defender advanced hunting or Sentinel.
enum QueryWriting {
    static let flavors = QueryFlavor.allCases
    static let defaultName = "beacon-query.kql"

    static func start(_ state: inout AppState) {
        state.prompt = .file(FileDialog(.query, .choose(selected: 0)))
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

    /// What the runtime reports after writing the query: done, or a file in the way (ask), or a failure.
    static func wroteQuery(_ state: inout AppState, request: QueryFileRequest, result: Result<Void, TriageStorageError>) {
        if let key = request.pivot { return Pivoting.wrote(&state, key, request: request, result: result) }
        switch result {
        case .success:
            let marks = request.exclusions == 0 ? "no exclusions"
                : "\(request.exclusions) false positive\(request.exclusions == 1 ? "" : "s") excluded"
            state.message = "wrote the \(request.flavor.rawValue) query (\(request.mode.rawValue), \(marks)) to \(request.path)"
        case .failure(.exists):
            FileWriting.askToReplace(&state, .query, choice: flavors.firstIndex(of: request.flavor) ?? 0, path: request.path)
        case .failure(let error):
            state.message = "query not written: \(error)"
        }
    }
}
