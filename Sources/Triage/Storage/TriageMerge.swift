/// Combining this console's decisions with a copy of the file another console saved meanwhile.
///
/// A three-way merge by id against `base`, the decisions as this console last read or wrote them, so that
/// a removal (an undone mark) is not brought back by the other copy still holding it:
/// - in both copies: the later `updated` wins (ours on a tie);
/// - only in one copy and not in the base: added there, kept;
/// - only in one copy but in the base: removed in the other copy; kept only if changed since the base
///   (an edit is not lost to a removal that did not see it);
/// - only in the base: removed in both, gone.
/// With nothing removed this is the union by id, the later update winning.
public enum TriageMerge {
    public static func merge(base: [TriageDecision], ours: [TriageDecision], theirs: [TriageDecision]) -> [TriageDecision] {
        let baseByID = Dictionary(base.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        let theirsByID = Dictionary(theirs.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        let ourIDs = Set(ours.map(\.id))

        func keepOneSided(_ decision: TriageDecision) -> Bool {
            guard let original = baseByID[decision.id] else { return true }
            return decision.updated > original.updated
        }

        var result: [TriageDecision] = []
        for decision in ours {
            if let other = theirsByID[decision.id] {
                result.append(other.updated > decision.updated ? other : decision)
            } else if keepOneSided(decision) {
                result.append(decision)
            }
        }
        for decision in theirs where !ourIDs.contains(decision.id) && keepOneSided(decision) {
            result.append(decision)
        }
        return result
    }
}
