@testable import BeaconEngine
import Testing

/// The selection's sums of passing rows by group (`PassingGroups`), worked by hand for a floor of 15,
/// over enough groups that both threads' halves hold some.
@Suite struct PassingGroupsTests {
    /// Five kinds of group, each made of (rows, filtered) pairs, and whether it passes a floor of 15:
    /// - two pairs of 10 and 6 rows: 16, passes;
    /// - two pairs of 10 and 5 rows: 15, not more than the floor;
    /// - 20 filtered rows and 3 passing: 3;
    /// - 16 filtered rows only: nothing passes;
    /// - one pair of 16 rows: passes.
    static let kinds: [(pairs: [(rows: UInt32, filtered: Bool)], passes: Bool)] = [
        ([(10, false), (6, false)], true),
        ([(10, false), (5, false)], false),
        ([(20, true), (3, false)], false),
        ([(16, true)], false),
        ([(16, false)], true),
    ]

    /// 40 groups of each kind, their pairs spread out: all first pairs, then all second ones, as a
    /// census's slot order mixes them.
    static func census() -> (keys: [UInt64], rows: [UInt32], passes: [Bool]) {
        var keys: [UInt64] = [], rows: [UInt32] = [], passes: [Bool] = []
        for round in 0..<2 {
            for copy in 0..<40 {
                for (kind, group) in kinds.enumerated() where round < group.pairs.count {
                    let pair = group.pairs[round]
                    keys.append(UInt64(copy + 1) << 32 | UInt64(kind))
                    rows.append(pair.filtered ? pair.rows | 1 << 31 : pair.rows)
                    passes.append(group.passes)
                }
            }
        }
        return (keys, rows, passes)
    }

    @Test func eachPairIsMarkedAsItsGroupPasses() {
        let (keys, rows, expected) = Self.census()
        #expect(Set(keys.map { partition(of: $0, among: PassingGroups.parts) }).count == PassingGroups.parts,
                "every part sums some of the groups")
        let passing = PassingGroups(groupKeys: keys, pairRows: rows, floor: 15)
        #expect(keys.indices.map(passing.passes) == expected)
        #expect(keys.indices.filter(passing.passes).count == 40 * 3, "the two pairs of each first kind, one of the last")
    }

    @Test func theFloorIsExclusive() {
        let keys: [UInt64] = [7, 7, 9], rows: [UInt32] = [8, 8, 16]
        #expect(PassingGroups(groupKeys: keys, pairRows: rows, floor: 16).passes(0) == false)
        #expect(PassingGroups(groupKeys: keys, pairRows: rows, floor: 15).passes(2) == true)
        #expect(PassingGroups(groupKeys: keys, pairRows: rows, floor: 16).passes(2) == false)
    }
}
