import BeaconEngine
import Foundation
import Triage
import TriageUI

/// An export the runtime must write (the update step stays free of file I/O).
public struct ExportRequest: Sendable {
    public var rows: [ExportRow]
    public var format: ExportFormat
    public var context: ExportContext
    public var path: String
    public var overwrite: Bool
}

/// `e`: the picked beacons (or the one under the cursor) exported as CSV, JSON or a Markdown report.
enum Exporting {
    static let formats = ExportFormat.allCases

    static func request(_ state: AppState, format: ExportFormat, path: String, overwrite: Bool) -> ExportRequest {
        let keys = Set(TriageActions.targets(state))
        let candidates = state.rows.map(\.candidate).filter { keys.contains($0.key) }
        let rows = candidates.map { candidate in
            let (status, decision) = state.status(of: candidate.key)
            return ExportRow(candidate: candidate, status: status, decision: decision)
        }
        let context = ExportContext(dataSet: state.dataSetName, parameters: state.parameters,
                                    window: state.analysis.window, eventCount: state.analysis.eventCount,
                                    filter: state.filter.text, generated: state.clock, author: state.environment.author)
        return ExportRequest(rows: rows, format: format, context: context, path: path, overwrite: overwrite)
    }

    static func answer(_ state: inout AppState, _ prompt: Prompt, _ key: Key) -> Bool {
        switch (prompt, key) {
        case (.exportFormat(let selected), .up):
            state.prompt = .exportFormat(selected: max(0, selected - 1))
        case (.exportFormat(let selected), .down):
            state.prompt = .exportFormat(selected: min(formats.count - 1, selected + 1))
        case (.exportFormat(let selected), .enter):
            let format = formats[selected]
            state.prompt = .exportPath(format: format, text: "beacons.\(format.rawValue)")
        case (.exportPath(let format, let text), .enter):
            guard !text.isEmpty else { return true }
            state.prompt = nil
            state.request(.export(request(state, format: format, path: text, overwrite: false)))
        case (.exportPath(let format, let text), _):
            state.prompt = .exportPath(format: format, text: TriageActions.edited(text, key))
        case (.confirmOverwrite(let format, let path), .character("y")):
            state.prompt = nil
            state.request(.export(request(state, format: format, path: path, overwrite: true)))
        case (.confirmOverwrite, _):
            state.prompt = nil
            state.message = "export cancelled"
        default:
            return false
        }
        return true
    }

    static func formatDialog(selected: Int) -> Dialog {
        Dialog.choice(title: "Export as", options: ["CSV (KQL columns, spreadsheet-safe)", "JSON", "Markdown report"],
                      selected: selected, footer: "↑↓, Enter, Esc cancels")
    }

    static func pathDialog(_ text: String) -> Dialog {
        Dialog.prompt(title: "Export to", label: "Path", text: text, cursor: text.count, footer: "Enter writes, Esc cancels")
    }

    static func overwriteDialog(_ path: String) -> Dialog {
        Dialog.confirm(title: "File exists", question: "Replace \(path)? (y/n)")
    }
}

extension Exporting {
/// What the runtime reports after writing an export: done, or a file in the way (ask), or a failure.
static func exported(_ state: inout AppState, request: ExportRequest, result: Result<Void, TriageStorageError>) {
    switch result {
    case .success:
        state.message = "exported \(request.rows.count) beacon\(request.rows.count == 1 ? "" : "s") to \(request.path)"
    case .failure(.exists):
        state.prompt = .confirmOverwrite(format: request.format, path: request.path)
    case .failure(let error):
        state.message = "export failed: \(error)"
    }
}
}
