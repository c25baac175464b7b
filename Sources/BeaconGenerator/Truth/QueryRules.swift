import BeaconEngine

/// The seed query's rules with its default parameters, written out from the spec (S1, S4, S5, S7, S15)
/// to work out what it must say about each designed series. Deliberately separate from the engine: the
/// truth is derived from the series' construction, and the generator's test then holds the engine to it.
enum QueryRules {
    /// `RemoteIPType !in ("Reserved", "Private", "LinkLocal", "Loopback")`, case-sensitive.
    static let excludedRemoteIPTypes: Set<String> = ["Reserved", "Private", "LinkLocal", "Loopback"]
    /// `ActionType in ("ConnectionSuccess", "CsonnectionRequest", "CsonnectionFailed")`: typos and all (Q1).
    static let analysedActionTypes: Set<String> = ["ConnectionSuccess", "CsonnectionRequest", "CsonnectionFailed"]
    static let totalEventsThresholdMin = 15
    /// `toint((1d - 1s) / 1ms)`.
    static let totalEventsThresholdMax = 86_399_000
    static let jitterThreshold = 50.0
    static let outlierThresholdMax = 2.0
    /// The low-side test is `outliers < -1 * OutlierCountMax` as written (Q2).
    static let outlierLowThreshold = -3.0
    static let outlierCountMax = 3
    static let compromisedDeviceCountMax = 10
    /// series_outliers' ctukey normalisation for percentiles 10/90 (spec S1).
    static let outlierNormalisation = 2.772_605_605_507_915
    static let second = Instant.ticksPerSecond
    static let day = Instant.ticksPerDay

    /// The window when now() is anchored on the data: now = latest + endtime (1 s); events in
    /// [now − 1d, now − 1s], both ends inclusive.
    static func window(latest: Int64) -> ClosedRange<Int64> {
        let now = latest + second
        return (now - day)...(now - second)
    }

    /// The row filters after the time window, in the query's order, on a row's constant columns.
    static func rowFilter(remoteIPType: String, remoteIP: String, actionType: String) -> QueryStage? {
        if excludedRemoteIPTypes.contains(remoteIPType) { return .remoteIPType }
        if remoteIP.isEmpty || remoteIP == "0.0.0.0" { return .remoteIPPresent }
        // `not(ipv4_is_private(...))` keeps a row only when ipv4_is_private is false; null (non-IPv4) drops it.
        if Addresses.ipv4IsPrivate(remoteIP) != false { return .privateAddress }
        if !analysedActionTypes.contains(actionType) { return .actionType }
        return nil
    }

    /// `datetime_diff('second', later, earlier)`: second boundaries crossed, not elapsed time (spec S4).
    static func secondsDiff(_ later: Int64, _ earlier: Int64) -> Int64 {
        floorSecond(later) - floorSecond(earlier)
    }

    static func floorSecond(_ ticks: Int64) -> Int64 {
        ticks >= 0 ? ticks / second : (ticks - second + 1) / second
    }

    static func deltas(_ sortedDistinct: [Int64]) -> [Int64] {
        guard sortedDistinct.count > 1 else { return [] }
        return (1..<sortedDistinct.count).map { secondsDiff(sortedDistinct[$0], sortedDistinct[$0 - 1]) }
    }

    /// `stdev / avg * 100` with the sample standard deviation (series_stats, spec S3); NaN when the mean is 0.
    static func jitterPercent(_ deltas: [Int64]) -> Double {
        guard deltas.count > 1 else { return .nan }
        let values = deltas.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return variance.squareRoot() / mean * 100
    }

    /// Linear-interpolation percentile between closest ranks, as series_outliers uses.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let index = p / 100 * Double(sorted.count - 1)
        let low = Int(index.rounded(.down)), high = Int(index.rounded(.up))
        return sorted[low] + (index - Double(low)) * (sorted[high] - sorted[low])
    }

    /// series_outliers(deltas) with the default ctukey 10/90: 0 inside [P10, P90], else the distance to the
    /// nearer fence over (P90 − P10) times the normalisation; with P10 = P90 the division gives ±inf (Q13).
    static func outlierScores(_ deltas: [Int64]) -> (scores: [Double], p10: Double, p90: Double) {
        outlierScores(values: deltas.map(Double.init))
    }

    static func outlierScores(values: [Double]) -> (scores: [Double], p10: Double, p90: Double) {
        let sorted = values.sorted()
        let p10 = percentile(sorted, 10), p90 = percentile(sorted, 90)
        let spread = p90 - p10
        let scores = values.map { x -> Double in
            if x > p90 { return (x - p90) / spread * outlierNormalisation }
            if x < p10 { return (x - p10) / spread * outlierNormalisation }
            return 0
        }
        return (scores, p10, p90)
    }

    /// How many scores the ImpossibleBeaconsByTimeDelta filter counts.
    static func outlierCount(_ scores: [Double]) -> Int {
        scores.filter { $0 > outlierThresholdMax || $0 < outlierLowThreshold }.count
    }
}
