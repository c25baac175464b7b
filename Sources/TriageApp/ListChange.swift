import BeaconEngine
import Foundation

/// What the last re-decision did to the reported beacons, and when: the rows it added are highlighted
/// for a moment (the view compares the state's clock, which the runtime's 250 ms ticks move, with `at`),
/// the rows it removed are listed on request (`D`), so "+4 new, −2 gone" can be followed by which.
public struct ListChange: Equatable, Sendable {
    public var added: Set<BeaconKey>
    /// The beacons no longer reported, in the order the list showed them.
    public var removed: [BeaconKey]
    public var at: Date

    /// How long the added rows stay highlighted.
    public static let highlightSeconds: TimeInterval = 2

    public init(added: Set<BeaconKey>, removed: [BeaconKey], at: Date) {
        self.added = added
        self.removed = removed
        self.at = at
    }

    /// The change from the reported beacons `before` to those `after`.
    public init(before: [BeaconCandidate], after: [BeaconCandidate], at: Date) {
        let old = Set(before.map(\.key)), new = Set(after.map(\.key))
        added = new.subtracting(old)
        removed = before.map(\.key).filter { !new.contains($0) }
        self.at = at
    }

    /// Whether `key` is a row this change added and the highlight has not yet lapsed at `clock`.
    public func highlights(_ key: BeaconKey, at clock: Date) -> Bool {
        clock < at.addingTimeInterval(Self.highlightSeconds) && added.contains(key)
    }

    /// `+1 new, −0 gone`, with the key that lists what went when anything did.
    public var message: String {
        let base = "+\(added.count) new, −\(removed.count) gone"
        guard !removed.isEmpty else { return base }
        return base + " (D lists \(removed.count == 1 ? "it" : "them"))"
    }
}
