import BeaconEngine
import BeaconGenerator

/// One way of running the analysis that the benchmark scores.
enum BenchMode: String, CaseIterable {
    case faithful
    case corrected
    case hunt
    /// Hunt mode without its catalogue of well-known benign software: what the scores alone achieve.
    case huntNoCatalogue = "hunt-no-catalogue"

    var isHunt: Bool { self == .hunt || self == .huntNoCatalogue }

    /// The modes this build can run (hunt only once the engine has it).
    static var available: [BenchMode] { HuntHooks.available ? allCases : [.faithful, .corrected] }

    /// The query's parameters for this mode over exactly the table's window; nil when the engine lacks the mode.
    func parameters(for table: GridTable) -> QueryParameters? {
        switch self {
        case .faithful: table.parameters(mode: .faithful)
        case .corrected: table.parameters(mode: .corrected)
        case .hunt: HuntHooks.parameters(table.parameters(mode: .corrected), catalogue: true)
        case .huntNoCatalogue: HuntHooks.parameters(table.parameters(mode: .corrected), catalogue: false)
        }
    }
}

/// How one group fared in one run: whether it was reported, and the score it is ranked by.
struct GroupOutcome {
    var label: GridLabel
    var reported: Bool
    /// Higher ranks first. Faithful and corrected: reported rows by their position (the first of n rows
    /// scores n), every other group 0, so they tie below every reported one. Hunt: the group's score.
    var rankScore: Double
    /// Hunt's period estimate, seconds.
    var period: Double?
    /// The group's distinct timestamps, for listing false positives.
    var rows = 0
}

/// Runs one mode on one table and pairs every group of the table with its outcome. Groups the event
/// filters removed (IPv6 in faithful mode) are not candidates: they are unreported and score 0.
func outcomes(of analysis: BeaconAnalysis, mode: BenchMode, labels: [BeaconKey: GridLabel]) -> [GroupOutcome] {
    var byKey: [BeaconKey: GroupOutcome] = [:]
    for (key, label) in labels { byKey[key] = GroupOutcome(label: label, reported: false, rankScore: 0) }
    if mode.isHunt {
        for candidate in analysis.candidates {
            let key = candidate.key
            byKey[key]?.rankScore = HuntHooks.score(candidate) ?? 0
            byKey[key]?.period = HuntHooks.period(candidate)
        }
    }
    for candidate in analysis.beacons { byKey[candidate.key]?.rows = candidate.distinctTimestampCount }
    let reported = analysis.beacons
    for (position, beacon) in reported.enumerated() {
        let key = beacon.key
        precondition(byKey[key] != nil, "the analysis reported a group the grid did not make: \(key)")
        byKey[key]?.reported = true
        if !mode.isHunt { byKey[key]?.rankScore = Double(reported.count - position) }
    }
    return Array(byKey.values)
}
