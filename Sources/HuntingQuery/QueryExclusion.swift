import Foundation
import Triage

/// One false-positive decision of the triage file as a filter on the events: everything in its scope,
/// except what a narrower decision with another status claims.
///
/// The console judges a beacon by the most specific decision that matches it (`TriageBook`): a
/// destination marked false positive for everyone still shows the one device marked malicious on it. The
/// query must hide the same beacons, so each exclusion carries the decisions that beat it.
public struct QueryExclusion: Sendable, Equatable {
    /// The false-positive decision.
    public var decision: TriageDecision
    /// Active decisions with another status that overlap its scope and win over it (more specific, or as
    /// specific and changed later): their events stay in, until they expire.
    public var exceptions: [TriageDecision]

    public init(decision: TriageDecision, exceptions: [TriageDecision] = []) {
        self.decision = decision
        self.exceptions = exceptions
    }

    /// The exclusions of a triage file at `date`: one per false-positive decision that has not expired
    /// and is not wholly overridden, in file order. Expired decisions take no part, as in the console;
    /// those that expire later are rendered as holding only until then (`ExclusionText.inForce`), which
    /// keeps the query right for any time after `date` it is run at.
    public static func exclusions(from decisions: [TriageDecision], at date: Date) -> [QueryExclusion] {
        let active = decisions.enumerated().filter { $0.element.isActive(at: date) }
        var result: [QueryExclusion] = []
        for (offset, decision) in active where decision.status == .falsePositive {
            let columns = ScopeColumns(decision.scope)
            let winners = active.filter { other in
                other.element.status != .falsePositive
                    && beats(other.element, at: other.offset, decision, at: offset)
                    && ScopeColumns(other.element.scope).overlaps(columns)
            }.map(\.element)
            // A decision of the very same scope that wins, and applies for as long as this one does, covers
            // every event this one would hide. One that expires first hands the events back to this one.
            if winners.contains(where: { ScopeColumns($0.scope) == columns && outlasts($0, decision) }) { continue }
            result.append(QueryExclusion(decision: decision, exceptions: winners))
        }
        return result
    }

    /// Whether `a` applies at every moment `b` does: `a` never expires, or not before `b` does.
    static func outlasts(_ a: TriageDecision, _ b: TriageDecision) -> Bool {
        guard let aEnd = a.expires else { return true }
        guard let bEnd = b.expires else { return false }
        return aEnd >= bEnd
    }

    /// `TriageBook.applicable`'s order: more specific first, then the later `updated`, then later in the file.
    static func beats(_ a: TriageDecision, at aOffset: Int, _ b: TriageDecision, at bOffset: Int) -> Bool {
        if a.scope.specificity != b.scope.specificity { return a.scope.specificity > b.scope.specificity }
        if a.updated != b.updated { return a.updated > b.updated }
        return aOffset > bOffset
    }
}
