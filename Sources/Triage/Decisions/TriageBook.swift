import BeaconEngine
import Foundation

/// Every decision of a triage file, and the session's undo history: a value the console keeps in its one
/// state and changes through `mutating` methods, each returning what it changed.
///
/// Which decision applies to a beacon: among those that match it and have not expired, the most specific
/// scope wins (exact beacon > process to destination > destination > process), and at equal specificity
/// the one updated last (then the one later in the file).
public struct TriageBook: Sendable, Equatable {
    /// In file order: the order they were made, merged decisions after.
    public private(set) var decisions: [TriageDecision]
    /// Edits that `undo` reverts, the most recent last.
    public private(set) var undoStack: [TriageEdit] = []

    /// How many edits `undo` remembers; older ones are forgotten (the file keeps the decisions anyway).
    public static let undoLimit = 200

    public init(decisions: [TriageDecision] = []) {
        self.decisions = decisions
    }

    // MARK: Reading

    /// The status of the beacon `key` at `date`, and the decision that gave it (nil: no decision, `new`).
    public func status(of key: BeaconKey, at date: Date) -> (TriageStatus, TriageDecision?) {
        guard let winner = applicable(to: key, at: date).first else { return (.new, nil) }
        return (winner.status, winner)
    }

    /// The decisions that apply to `key` at `date`, the winning one first: what the detail pane can list
    /// to show why a beacon is hidden.
    public func applicable(to key: BeaconKey, at date: Date) -> [TriageDecision] {
        decisions.enumerated()
            .filter { $0.element.isActive(at: date) && $0.element.scope.matches(key) }
            .sorted { a, b in
                let x = a.element, y = b.element
                if x.scope.specificity != y.scope.specificity { return x.scope.specificity > y.scope.specificity }
                if x.updated != y.updated { return x.updated > y.updated }
                return a.offset > b.offset
            }
            .map(\.element)
    }

    public func decision(id: String) -> TriageDecision? {
        decisions.first { $0.id == id }
    }

    /// The latest decision with exactly this scope, expired or not: marking the same scope again changes
    /// it instead of piling up decisions.
    public func decision(for scope: MarkScope) -> TriageDecision? {
        decisions.last { $0.scope == scope }
    }

    public var canUndo: Bool { !undoStack.isEmpty }

    // MARK: Primitive edits

    /// Adds `decision`, or replaces the one with its id.
    @discardableResult
    public mutating func add(_ decision: TriageDecision) -> TriageEdit {
        let change: TriageChange = if let old = self.decision(id: decision.id) {
            .replaced(old: old, new: decision)
        } else {
            .added(decision)
        }
        return record([change])
    }

    /// Replaces the decision with `decision.id`; nil (and nothing recorded) when there is none.
    @discardableResult
    public mutating func replace(_ decision: TriageDecision) -> TriageEdit? {
        guard let old = self.decision(id: decision.id) else { return nil }
        return record([.replaced(old: old, new: decision)])
    }

    /// Removes the decision `id`; nil when there is none.
    @discardableResult
    public mutating func remove(id: String) -> TriageEdit? {
        guard let old = decision(id: id) else { return nil }
        return record([.removed(old)])
    }

    // MARK: What the console's keys do

    /// Gives every beacon in `keys` the `status` at the scope `kind`, as one undoable edit. Beacons that
    /// share a scope (two devices marked "destination for everyone" on one IP) make one decision. A scope
    /// that already has a decision is changed in place (same id, same creation); `reason` nil keeps its
    /// reason and note; `expires` always replaces its expiry.
    @discardableResult
    public mutating func mark(_ keys: [BeaconKey], scope kind: MarkScope.Kind, status: TriageStatus,
                              reason: String? = nil, expires: Date? = nil, author: String, at date: Date) -> TriageEdit {
        var scopes: [MarkScope] = []
        for key in keys {
            let scope = MarkScope(kind, of: key)
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        var changes: [TriageChange] = []
        for scope in scopes {
            if let old = decision(for: scope) {
                var new = old.touched(by: author, at: date)
                new.status = status
                if let reason { new.reason = reason }
                new.expires = expires.map(wholeMilliseconds)
                if new.status == old.status && new.reason == old.reason && new.expires == old.expires { continue }
                changes.append(.replaced(old: old, new: new))
            } else {
                changes.append(.added(TriageDecision(scope: scope, status: status, reason: reason ?? "",
                                                     author: author, created: date, expires: expires)))
            }
        }
        return record(changes)
    }

    /// Sets the note of the beacon `key`, kept on its exact-beacon decision. A beacon without one gets one
    /// with the status it has now, so writing a note never changes what the list shows.
    @discardableResult
    public mutating func setNote(_ note: String, for key: BeaconKey, author: String, at date: Date) -> TriageEdit {
        let scope = MarkScope.exactBeacon(key)
        if let old = decision(for: scope) {
            guard old.note != note else { return TriageEdit(changes: []) }
            var new = old.touched(by: author, at: date)
            new.note = note
            return record([.replaced(old: old, new: new)])
        }
        let (current, _) = status(of: key, at: date)
        return record([.added(TriageDecision(scope: scope, status: current, note: note, author: author, created: date))])
    }

    /// Reverts the last edit and returns it (nil when there is nothing to undo). A replaced decision gets its
    /// old values back with `updated` set to `date` and `author` to who undid it, so that a merge with
    /// another copy of the file treats the undo as the newest change; a removed one comes back as it was.
    @discardableResult
    public mutating func undo(by author: String, at date: Date) -> TriageEdit? {
        guard let edit = undoStack.popLast() else { return nil }
        for change in edit.changes.reversed() {
            switch change {
            case .added(let decision):
                decisions.removeAll { $0.id == decision.id }
            case .replaced(let old, _):
                put(old.touched(by: author, at: date))
            case .removed(let decision):
                put(decision)
            }
        }
        return edit
    }

    /// Takes the decisions a save merged from another copy of the file, keeping the undo history: an undo
    /// after a merge still reverts this session's own edits by id.
    public mutating func adopt(_ merged: [TriageDecision]) {
        decisions = merged
    }

    // MARK: Internals

    private mutating func record(_ changes: [TriageChange]) -> TriageEdit {
        let edit = TriageEdit(changes: changes)
        guard !edit.isEmpty else { return edit }
        for change in changes {
            switch change {
            case .added(let decision), .replaced(_, let decision): put(decision)
            case .removed(let decision): decisions.removeAll { $0.id == decision.id }
            }
        }
        undoStack.append(edit)
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
        return edit
    }

    /// Replaces the decision with this id in place, or appends it.
    private mutating func put(_ decision: TriageDecision) {
        if let index = decisions.firstIndex(where: { $0.id == decision.id }) {
            decisions[index] = decision
        } else {
            decisions.append(decision)
        }
    }
}
