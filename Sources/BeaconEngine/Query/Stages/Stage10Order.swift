/// Stage 10: `extend Timestamp = min_Timestamp | order by Jitter asc, TimeDeltaInSeconds_avg asc`.
/// Rows tied on both have no defined order in Kusto; ties fall back to the seven keys (Q16).
enum ResultOrder {
    static func inQueryOrder(_ a: BeaconCandidate, _ b: BeaconCandidate) -> Bool {
        let x = a.summary!, y = b.summary!
        if x.jitter != y.jitter { return x.jitter < y.jitter }
        if x.stats.avg != y.stats.avg { return x.stats.avg < y.stats.avg }
        return BeaconKey.tieBreakOrder(a.key, b.key)
    }
}
