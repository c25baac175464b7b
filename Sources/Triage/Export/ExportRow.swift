import BeaconEngine
import Foundation

/// One exported beacon: the candidate as the query measured it, its triage status, and the decision that
/// gave the status (nil for `new` without a decision).
public struct ExportRow: Sendable {
    public var candidate: BeaconCandidate
    public var status: TriageStatus
    public var decision: TriageDecision?

    public init(candidate: BeaconCandidate, status: TriageStatus, decision: TriageDecision?) {
        self.candidate = candidate
        self.status = status
        self.decision = decision
    }

    /// The rows the console and `export` write: `candidates` in their order, each with its status at
    /// `date`, false positives left out unless asked for, then `filter` applied (which sees the status, so
    /// `status:fp` with `includeFalsePositives` lists just the false positives).
    public static func rows(_ candidates: [BeaconCandidate], book: TriageBook, at date: Date,
                            filter: BeaconFilter = .all, includeFalsePositives: Bool = false) -> [ExportRow] {
        candidates.compactMap { candidate in
            let (status, decision) = book.status(of: candidate.key, at: date)
            if status == .falsePositive && !includeFalsePositives { return nil }
            guard filter.matches(candidate, status: status) else { return nil }
            return ExportRow(candidate: candidate, status: status, decision: decision)
        }
    }
}

/// What an export says about how its rows were found, so a report read next month still tells which data,
/// window and thresholds produced it.
public struct ExportContext: Sendable {
    /// The data set's name (file names, or "demo day").
    public var dataSet: String
    public var parameters: QueryParameters
    public var window: AnalysisWindow
    /// Events loaded, when known.
    public var eventCount: Int?
    /// The filter applied, as typed; empty for none.
    public var filter: String
    public var generated: Date
    public var author: String

    public init(dataSet: String, parameters: QueryParameters, window: AnalysisWindow, eventCount: Int? = nil,
                filter: String = "", generated: Date, author: String) {
        self.dataSet = dataSet
        self.parameters = parameters
        self.window = window
        self.eventCount = eventCount
        self.filter = filter
        self.generated = generated
        self.author = author
    }
}

/// The export formats.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// The query's columns under their KQL names plus Status, Note, Reason; defused for spreadsheets.
    case csv
    /// An array of objects: the KQL columns plus the triage fields.
    case json
    /// A Markdown report for people: context, summary table, then each finding in detail.
    case md

    /// A format as typed: `csv`, `json`, `md` or `markdown`.
    public init?(name: String) {
        switch name.lowercased() {
        case "csv": self = .csv
        case "json": self = .json
        case "md", "markdown": self = .md
        default: return nil
        }
    }

    /// The usual file extension, for suggesting a path.
    public var fileExtension: String { rawValue }
}
