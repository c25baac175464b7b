/// The outcome of one run of the query: the reported beacons in the query's order, every candidate group
/// with its explain trail, and how many rows or groups each stage removed.
public struct BeaconAnalysis: Sendable {
    public var parameters: QueryParameters
    public var window: AnalysisWindow
    /// The rows the query outputs, in its order.
    public var beacons: [BeaconCandidate]
    /// Every group formed after the event filters, reported or not, each with its trail.
    public var candidates: BeaconCandidates
    /// Events loaded.
    public var eventCount: Int
    /// Rows removed by each event filter (stage 1).
    public var eventsRemoved: [QueryStage: Int]

    /// Rows (events, then groups) left after each stage, in stage order, as `--stats` prints them.
    public var stageCounts: [(stage: QueryStage, remaining: Int)] {
        var result: [(QueryStage, Int)] = []
        var events = eventCount
        for stage in QueryStage.eventFilters {
            events -= eventsRemoved[stage] ?? 0
            result.append((stage, events))
        }
        var rejectedAt: [QueryStage: Int] = [:]
        for candidate in candidates {
            if let stage = candidate.rejection?.stage { rejectedAt[stage, default: 0] += 1 }
        }
        var groups = candidates.count
        for stage in QueryStage.groupFilters(parameters.mode) {
            groups -= rejectedAt[stage] ?? 0
            result.append((stage, groups))
        }
        return result
    }

    /// Rejected candidates that had enough events to be measured: the near misses worth explaining.
    public var nearMisses: [BeaconCandidate] {
        candidates.filter { candidate in
            guard let rejection = candidate.rejection else { return false }
            return rejection.stage > .eventCount
        }
    }
}
