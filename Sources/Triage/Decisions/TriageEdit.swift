/// One change to the decisions, kept so it can be undone.
public enum TriageChange: Sendable, Hashable {
    case added(TriageDecision)
    case replaced(old: TriageDecision, new: TriageDecision)
    case removed(TriageDecision)

    /// The decision the change is about (the new one for a replacement).
    public var decision: TriageDecision {
        switch self {
        case .added(let decision), .removed(let decision): decision
        case .replaced(_, let new): new
        }
    }
}

/// What one analyst action changed (marking five selected rows is one edit), the unit `u` undoes.
public struct TriageEdit: Sendable, Hashable {
    public var changes: [TriageChange]

    public init(changes: [TriageChange]) {
        self.changes = changes
    }

    public var isEmpty: Bool { changes.isEmpty }
}
