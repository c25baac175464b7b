import Triage

/// An exclusion as KQL: a comment naming the mark (author, reason, dates; each quoted as a literal, so
/// nothing in them can start a line of query) and a `where not(...)` on the columns its scope fixes.
enum ExclusionText {
    static func lines(_ exclusion: QueryExclusion) -> [String] {
        [comment(exclusion), "| where not(\(predicate(exclusion)))"]
    }

    /// `scope and not(narrower or narrower ...)`: the events the exclusion removes.
    static func predicate(_ exclusion: QueryExclusion) -> String {
        let scope = conjunction(exclusion.decision.scope)
        guard !exclusion.exceptions.isEmpty else { return scope }
        let kept = exclusion.exceptions.map { "(\(conjunction($0.scope)))" }.joined(separator: " or ")
        return "\(scope) and not(\(kept))"
    }

    /// `RemoteIP == "203.0.113.7" and RemotePort == 443`. A null port is `isnull(RemotePort)`; a port
    /// compared with `==` is false for a null RemotePort (the logical operators docs), so no test here is
    /// ever null and `not(...)` never drops an event it should keep.
    static func conjunction(_ scope: MarkScope) -> String {
        ScopeColumns(scope).values.map { column, value in
            switch value {
            case .text(let text): "\(column.name) == \(KustoLiteral.string(text))"
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
