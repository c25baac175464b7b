import BeaconEngine
import HuntingQuery
import Triage

/// A pivot `p` wrote, kept for `y` to copy.
public struct WrittenPivot: Equatable, Sendable {
    public var key: BeaconKey
    public var text: String
    public var path: String
}

/// `p`: the selected beacon as a KQL pivot (`BeaconPivot`) for Defender or Sentinel, written through the
/// same file dialog and effect as the hunting query (`K`), over the window of the analysis on screen.
enum Pivoting {
    static func start(_ state: inout AppState) {
        guard let key = state.selectedKey else {
            state.message = "no beacon selected to pivot on"
            return
        }
        state.prompt = .file(FileDialog(.pivot(key), .choose(selected: 0)))
    }

    /// `pivot-203.0.113.66-443.kql` beside the triage file, else in the working directory. The address
    /// comes from the data: only letters, digits, dots and dashes are kept in the name (an IPv6 address's
    /// colons become dashes), so it names one file in that folder.
    static func defaultPath(_ state: AppState, _ key: BeaconKey) -> String {
        let safe = String(key.remoteIP.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") ? $0 : "-" })
        let name = "pivot-\(safe)-\(key.remotePort.map(String.init) ?? "null").kql"
        guard let triage = state.environment.triagePath, let slash = triage.lastIndex(of: "/") else { return name }
        return String(triage[...slash]) + name
    }

    static func request(_ state: AppState, _ key: BeaconKey, flavor: QueryFlavor, path: String, overwrite: Bool) -> QueryFileRequest {
        let window = state.analysis.window
        let pivot = BeaconPivot(key: key, start: window.start, end: window.end, flavor: flavor)
        return QueryFileRequest(text: pivot.render(), path: path, overwrite: overwrite, flavor: flavor,
                                mode: state.parameters.mode, exclusions: 0, pivot: key)
    }

    /// After the runtime wrote (or could not write) the pivot: `y` can copy it now.
    static func wrote(_ state: inout AppState, _ key: BeaconKey, request: QueryFileRequest, result: Result<Void, TriageStorageError>) {
        switch result {
        case .success:
            state.writtenPivot = WrittenPivot(key: key, text: request.text, path: request.path)
            state.message = "wrote the \(request.flavor.rawValue) pivot on \(key.deviceName) → \(key.remoteText) to \(request.path) (y copies it)"
        case .failure(.exists):
            FileWriting.askToReplace(&state, .pivot(key), choice: QueryWriting.flavors.firstIndex(of: request.flavor) ?? 0,
                                     path: request.path)
        case .failure(let error):
            state.message = "pivot not written: \(error)"
        }
    }
}
