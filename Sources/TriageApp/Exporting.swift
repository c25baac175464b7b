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

    static var formatLabels: [String] { formats.map(label) }

    static func label(_ format: ExportFormat) -> String {
        switch format {
        case .csv: "CSV (KQL columns, spreadsheet-safe)"
        case .json: "JSON"
        case .md: "Markdown report"
        }
    }

    /// What the runtime reports after writing an export: done, or a file in the way (ask), or a failure.
    static func exported(_ state: inout AppState, request: ExportRequest, result: Result<Void, TriageStorageError>) {
        switch result {
        case .success:
            state.message = "exported \(request.rows.count) beacon\(request.rows.count == 1 ? "" : "s") to \(request.path)"
        case .failure(.exists):
            FileWriting.askToReplace(&state, .export, choice: formats.firstIndex(of: request.format) ?? 0, path: request.path)
        case .failure(let error):
            state.message = "export failed: \(error)"
        }
    }
}
