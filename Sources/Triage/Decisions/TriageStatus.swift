/// Where the analyst stands on a beacon. Every beacon starts `new`; the other three are decisions someone
/// made and recorded in the triage file.
public enum TriageStatus: String, Sendable, CaseIterable, Hashable {
    case new
    case investigating
    case malicious
    /// Written `false-positive` in the triage file: the spelling a reviewer reads without a legend.
    case falsePositive = "false-positive"

    /// The word shown in lists, dialogs and reports.
    public var label: String {
        switch self {
        case .new: "new"
        case .investigating: "investigating"
        case .malicious: "malicious"
        case .falsePositive: "false positive"
        }
    }

    /// A status as people type it in a filter or edit it in the file: the file's spelling, the label, or a
    /// common short form (`fp`, `inv`, `mal`), case-insensitively.
    public init?(name: String) {
        let folded = name.lowercased()
        switch folded {
        case "new": self = .new
        case "investigating", "inv", "investigate": self = .investigating
        case "malicious", "mal", "bad": self = .malicious
        case "false-positive", "false positive", "false_positive", "falsepositive", "fp": self = .falsePositive
        default: return nil
        }
    }
}
