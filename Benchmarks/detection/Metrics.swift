import BeaconGenerator

/// Where a false positive came from, as the report breaks them down.
enum FalsePositiveKind: String, CaseIterable {
    case agentKnown = "agent, known name"
    case agentUnknown = "agent, unknown name"
    case service = "service"
    case noise = "noise"

    init?(_ label: GridLabel) {
        switch label.family {
        case .malicious: return nil
        case .benignAgent: self = label.knownName ? .agentKnown : .agentUnknown
        case .benignService: self = .service
        case .noise: self = .noise
        }
    }
}

/// The figures of one mode on one table, kept as counts so tables add up into the overall line.
struct Metrics {
    var beacons = 0
    var found = 0
    var reported = 0
    var truePositives = 0
    var falsePositives: [FalsePositiveKind: Int] = [:]
    /// Of the noise false positives, those that are browsing sessions (the rest are Poisson).
    var browsingFalsePositives = 0
    /// Reported beacons whose hunt period missed, by cell name.
    var periodMisses: [String: Int] = [:]
    /// AUC as the Mann–Whitney statistic: wins (ties half) over positive × negative pairs.
    var wins = 0.0
    var pairs = 0.0
    /// Expected true beacons in the top N (N = beacons) and top 20, ties broken at random.
    var hitsAtBeacons = 0.0
    var hitsAt20 = 0.0
    var topTwenty = 0
    /// Reported beacons whose hunt period is within 10 % of the sleep (or its Cobalt Strike mean).
    var periodsRight = 0
    var periodsGiven = 0
    var seconds = 0.0

    var recall: Double { ratio(Double(found), Double(beacons)) }
    var precision: Double { ratio(Double(truePositives), Double(reported)) }
    var auc: Double { ratio(wins, pairs) }
    var precisionAtBeacons: Double { ratio(hitsAtBeacons, Double(beacons)) }
    var precisionAt20: Double { ratio(hitsAt20, Double(topTwenty)) }

    static func + (a: Metrics, b: Metrics) -> Metrics {
        var sum = a
        sum.beacons += b.beacons; sum.found += b.found; sum.reported += b.reported
        sum.truePositives += b.truePositives
        sum.falsePositives.merge(b.falsePositives, uniquingKeysWith: +)
        sum.wins += b.wins; sum.pairs += b.pairs
        sum.hitsAtBeacons += b.hitsAtBeacons; sum.hitsAt20 += b.hitsAt20; sum.topTwenty += b.topTwenty
        sum.periodsRight += b.periodsRight; sum.periodsGiven += b.periodsGiven
        sum.browsingFalsePositives += b.browsingFalsePositives
        sum.periodMisses.merge(b.periodMisses, uniquingKeysWith: +)
        sum.seconds += b.seconds
        return sum
    }

    init() {}

    init(_ outcomes: [GroupOutcome], seconds: Double) {
        self.seconds = seconds
        for outcome in outcomes {
            let beacon = outcome.label.isBeacon
            if beacon { beacons += 1 }
            guard outcome.reported else { continue }
            reported += 1
            if beacon {
                found += 1
                truePositives += 1
                if let period = outcome.period, let cell = outcome.label.cell {
                    periodsGiven += 1
                    if Self.periodMatches(period, cell) {
                        periodsRight += 1
                    } else {
                        periodMisses[cell.name, default: 0] += 1
                    }
                }
            } else if let kind = FalsePositiveKind(outcome.label) {
                falsePositives[kind, default: 0] += 1
                if outcome.label.summary == "browsing" { browsingFalsePositives += 1 }
            }
        }
        let ranked = Self.tieBlocks(outcomes)
        (wins, pairs) = Self.mannWhitney(ranked, positives: beacons, total: outcomes.count)
        hitsAtBeacons = Self.expectedHits(ranked, top: beacons)
        topTwenty = min(20, outcomes.count)
        hitsAt20 = Self.expectedHits(ranked, top: topTwenty)
    }

    /// Groups of equal score, best first: (groups, beacons among them).
    static func tieBlocks(_ outcomes: [GroupOutcome]) -> [(count: Int, positives: Int)] {
        let sorted = outcomes.sorted { $0.rankScore > $1.rankScore }
        var blocks: [(count: Int, positives: Int)] = []
        var previous: Double?
        for outcome in sorted {
            if outcome.rankScore != previous { blocks.append((0, 0)); previous = outcome.rankScore }
            blocks[blocks.count - 1].count += 1
            if outcome.label.isBeacon { blocks[blocks.count - 1].positives += 1 }
        }
        return blocks
    }

    /// Pairs (beacon, non-beacon) where the beacon ranks above, ties counting half, and all such pairs.
    static func mannWhitney(_ blocks: [(count: Int, positives: Int)], positives: Int, total: Int) -> (Double, Double) {
        var negativesBelow = Double(total - positives)
        var wins = 0.0
        for block in blocks {
            let negatives = Double(block.count - block.positives)
            negativesBelow -= negatives
            wins += Double(block.positives) * (negativesBelow + negatives / 2)
        }
        return (wins, Double(positives) * Double(total - positives))
    }

    /// Beacons expected among the first `top` groups when ties are broken at random.
    static func expectedHits(_ blocks: [(count: Int, positives: Int)], top: Int) -> Double {
        var left = top, hits = 0.0
        for block in blocks where left > 0 {
            let taken = min(left, block.count)
            hits += Double(block.positives) * Double(taken) / Double(block.count)
            left -= taken
        }
        return hits
    }

    static func periodMatches(_ period: Double, _ cell: GridCell) -> Bool {
        var sleeps = [cell.sleepSeconds, cell.sleepSeconds * (1 - cell.jitter / 2)]
        if cell.variant == .twoImplants { sleeps += [cell.sleepSeconds * 5, cell.sleepSeconds * 5 * (1 - cell.jitter / 2)] }
        return sleeps.contains { abs(period - $0) <= 0.1 * $0 }
    }
}

func ratio(_ numerator: Double, _ denominator: Double) -> Double {
    denominator > 0 ? numerator / denominator : .nan
}
