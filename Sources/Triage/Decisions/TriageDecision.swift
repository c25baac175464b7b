import Foundation

/// One decision an analyst made: a status (and optionally a note and a reason) for every beacon in a scope,
/// with who made it and when, and optionally when it stops applying.
///
/// Dates are kept to the millisecond, as the triage file writes them, so a decision read back from the file
/// equals the one written.
public struct TriageDecision: Sendable, Hashable, Identifiable {
    /// Unique across every copy of the file, so two analysts' decisions merge by id without clashing.
    public var id: String
    public var scope: MarkScope
    public var status: TriageStatus
    /// Free text about the beacon(s): what was found, ticket numbers.
    public var note: String
    /// Why the status was chosen, e.g. "corporate update server".
    public var reason: String
    /// Who made the decision or last changed it.
    public var author: String
    public var created: Date
    /// When the decision was last changed; merging two copies of the file keeps the later one.
    public var updated: Date
    /// When the decision stops applying (a temporary allow-listing); nil for never.
    public var expires: Date?

    public init(id: String = TriageDecision.newID(), scope: MarkScope, status: TriageStatus, note: String = "",
                reason: String = "", author: String, created: Date, updated: Date? = nil, expires: Date? = nil) {
        self.id = id
        self.scope = scope
        self.status = status
        self.note = note
        self.reason = reason
        self.author = author
        self.created = wholeMilliseconds(created)
        self.updated = wholeMilliseconds(updated ?? created)
        self.expires = expires.map(wholeMilliseconds)
    }

    /// Whether the decision still applies at `date`: it expires at its `expires` instant, inclusive.
    public func isActive(at date: Date) -> Bool {
        guard let expires else { return true }
        return date < expires
    }

    /// A fresh random id (a lowercase UUID).
    public static func newID() -> String { UUID().uuidString.lowercased() }

    /// The decision changed at `date` by `author`: the change time and author move, the creation stays.
    public func touched(by author: String, at date: Date) -> TriageDecision {
        var copy = self
        copy.author = author
        copy.updated = wholeMilliseconds(date)
        return copy
    }
}

/// `date` rounded to the millisecond, the triage file's resolution.
public func wholeMilliseconds(_ date: Date) -> Date {
    Date(timeIntervalSince1970: Double(millisecondsSince1970(date)) / 1000)
}

func millisecondsSince1970(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
}
