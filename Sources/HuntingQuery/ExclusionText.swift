import Triage

/// An exclusion as KQL: a comment naming the mark (author, reason, dates; each quoted as a literal, so
/// nothing in them can start a line of query) and a `where not(...)` on the columns its scope fixes.
enum ExclusionText {
    static func lines(_ exclusion: QueryExclusion) -> [String] {
        [comment(exclusion), "| where not(\(predicate(exclusion)))"]
    }

    /// `scope and not(narrower or narrower ...)`: the events the exclusion removes. A mark with an expiry
    /// is only in force while `now() < datetime(expiry)`, so a query saved today stops excluding its events
    /// (or, for a narrower mark, stops keeping them) when it expires, as the console does.
    static func predicate(_ exclusion: QueryExclusion) -> String {
        let scope = inForce(exclusion.decision)
        guard !exclusion.exceptions.isEmpty else { return scope }
        let kept = exclusion.exceptions.map { "(\(inForce($0)))" }.joined(separator: " or ")
        return "\(scope) and not(\(kept))"
    }

    /// The events a decision covers while it applies: `now() < datetime(...) and <scope>` for one that
    /// expires, its scope alone otherwise. `TriageDecision.isActive` holds strictly before the expiry,
    /// and so does `<`; Kusto's `now()` is the time the query runs, the same for every row.
    static func inForce(_ decision: TriageDecision) -> String {
        let scope = conjunction(decision.scope)
        guard let expires = decision.expires else { return scope }
        return "now() < \(KustoLiteral.datetime(expires)) and \(scope)"
    }

    /// Whether any mark of these exclusions (false positive or narrower) expires, so the header says
    /// what the `now()` conditions are.
    static func anyExpires(_ exclusions: [QueryExclusion]) -> Bool {
        exclusions.contains { $0.decision.expires != nil || $0.exceptions.contains { $0.expires != nil } }
    }

    /// Whether any mark of these exclusions names a process for every device (`=~`), so the header says
    /// how names compare.
    static func anyProcessName(_ exclusions: [QueryExclusion]) -> Bool {
        exclusions.contains { exclusion in
            ([exclusion.decision] + exclusion.exceptions).contains {
                $0.scope.kind == .process || $0.scope.kind == .processToDestination
            }
        }
    }

    /// The header's line about process names.
    static let processNameNote = "// A mark's process name compares with =~ (case ignored, as the console's marks do; Kusto folds more than the ASCII letters the console folds), addresses and ports with ==."

    /// The header's line about expiring marks.
    static let expiryNote = "// A mark with an expiry applies while now() < its expiry, so the query stops applying it when it expires, as the console does."

    /// `RemoteIP == "203.0.113.7" and RemotePort == 443`; a broad scope's process name with `=~`, which
    /// ignores case as the console's marks do (Kusto folds beyond ASCII, where the console does not). A null port is `isnull(RemotePort)`; a port
    /// compared with `==` is false for a null RemotePort (the logical operators docs), so no test here is
    /// ever null and `not(...)` never drops an event it should keep.
    static func conjunction(_ scope: MarkScope) -> String {
        ScopeColumns(scope).values.map { column, value in
            switch value {
            case .text(let text): "\(column.name) == \(KustoLiteral.string(text))"
            case .processName(let name): "\(column.name) =~ \(KustoLiteral.string(name))"
            case .port(let port?): "\(column.name) == \(port)"
            case .port(nil): "isnull(\(column.name))"
            }
        }.joined(separator: " and ")
    }

    static func comment(_ exclusion: QueryExclusion) -> String {
        let decision = exclusion.decision
        var text = "// false positive (\(decision.scope.kind.shortLabel)) marked by \(KustoLiteral.string(decision.author))"
            + " at \(KustoLiteral.commentDate(decision.updated))"
        if !decision.reason.isEmpty { text += ", reason \(KustoLiteral.string(decision.reason))" }
        if let expires = decision.expires { text += ", until \(KustoLiteral.commentDate(expires))" }
        if !exclusion.exceptions.isEmpty {
            let kept = exclusion.exceptions.map {
                "\($0.status.label) (\($0.scope.kind.shortLabel)) by \(KustoLiteral.string($0.author))"
            }
            text += "; narrower marks keep their events: " + kept.joined(separator: ", ")
        }
        return text
    }
}
