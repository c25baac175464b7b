/// The latest *credible* event time, which a window anchored on the data ends at.
///
/// Anchoring on the plain latest timestamp let one row move the window: a clock-skewed sensor or a poisoned
/// export dated 9999-12-31 put `now` in that year and emptied the result. Two rules set such rows aside
/// (they stay in the table; only the anchor ignores them):
///
/// - **bulk**: rows later than the 99.9th percentile of the timestamps plus `margin` (1 day). The
///   percentile is the nearest-rank one, the (⌊n/1000⌋+1)-th latest timestamp, so this rule sets aside at
///   most ⌊n/1000⌋ rows, and none in a table of under 1,000 rows.
/// - **clock**: rows later than the clock reading plus `clockSkew` (1 day), but only when they are a small
///   minority, at most ⌊n/1000⌋ rows (0.1 %). Generated and test data may lie wholly in the clock's future
///   (a generated day in 2030): then most rows are "in the future", and the rule is not applied at all, so
///   it never discards the bulk.
///
/// The rows set aside are those later than the lower of the thresholds that apply. Data without such rows
/// anchors exactly as before, on its latest row.
///
/// Cost: one pass for the latest timestamp and one counting the rows near it; only when fewer than
/// ⌊n/1000⌋+1 rows lie within a day of the latest is the percentile selected exactly
/// (`LatestTimestamps.kthLatest`, a radix selection in four counting passes, no sort and no copy).
public struct WindowAnchor: Sendable, Equatable {
    /// How far past the clock a timestamp may be before it is suspect: sensors' clocks drift, and an
    /// export's time zone may be misread by hours, never by more than a day.
    public static let clockSkew = Instant.ticksPerDay
    /// How far past the bulk of the data (its 99.9th percentile) a timestamp may be: a day, the default
    /// window's length, so a capture's last day is never judged an outlier of its others.
    public static let margin = Instant.ticksPerDay

    /// The latest timestamp not set aside; nil for an empty table.
    public var latest: Instant?
    /// The rows set aside; nil when there are none.
    public var setAside: SetAsideRows?

    public init(latest: Instant?, setAside: SetAsideRows?) {
        self.latest = latest
        self.setAside = setAside
    }

    /// The most rows either rule sets aside in a table of `count` rows: 0.1 %, rounded down.
    public static func minority(of count: Int) -> Int { count / 1000 }

    /// The anchor of `timestamps` (ticks, any order), judged against the clock reading `clock`.
    public init(timestamps: [Int64], clock: Instant) {
        self = timestamps.withUnsafeBufferPointer { Self.anchor(TimestampColumn(times: $0), clock: clock) }
    }

    /// The anchor of the rows `sample` kept the latest timestamps of: the same as over all of them
    /// (see `LatestTimestampSample`).
    public init(sample: LatestTimestampSample, clock: Instant) {
        precondition(sample.holdsEnough, "the sample must hold the ⌊n/1000⌋+1 latest timestamps")
        self = Self.anchor(sample.ranking(), clock: clock)
    }

    /// The rules over any view of the timestamps that answers the few questions they ask.
    private static func anchor(_ times: some TimestampRanking, clock: Instant) -> WindowAnchor {
        guard let latest = times.latest else { return WindowAnchor(latest: nil, setAside: nil) }
        let minority = minority(of: times.count)
        guard minority > 0 else { return WindowAnchor(latest: Instant(ticks: latest), setAside: nil) }

        let clockLimit = clock.ticks &+ clockSkew
        let nearLatest = latest &- margin
        let (beyondClock, withinMarginOfLatest) = times.counts(laterThan: clockLimit, atOrAfter: nearLatest)
        // The percentile is at least `nearLatest` when more than `minority` rows are that late: then
        // percentile + margin >= latest and the bulk rule sets nothing aside, without selecting anything.
        let bulkLimit = withinMarginOfLatest > minority ? latest : times.kthLatest(minority + 1) &+ margin
        var threshold = bulkLimit, rule = SetAsideRows.Rule.bulk
        if beyondClock > 0 && beyondClock <= minority && clockLimit < threshold {
            threshold = clockLimit
            rule = .clock
        }
        guard threshold < latest else { return WindowAnchor(latest: Instant(ticks: latest), setAside: nil) }

        let (count, credibleLatest) = times.split(at: threshold)
        return WindowAnchor(latest: Instant(ticks: credibleLatest),
                            setAside: SetAsideRows(after: Instant(ticks: threshold), count: count, rule: rule))
    }
}

/// What the anchor's rules ask of the timestamps. Each answer must be exact wherever the rules read it
/// exactly: counts are compared with ⌊n/1000⌋ only, and `split` is asked only of a threshold that at most
/// ⌊n/1000⌋ rows exceed; this is what lets the latest ⌊n/1000⌋+1 timestamps stand for all of them.
protocol TimestampRanking {
    /// Rows in all.
    var count: Int { get }
    var latest: Int64? { get }
    /// Rows later than `later` and rows at or after `atOrAfter`, each exact up to ⌊n/1000⌋+1.
    func counts(laterThan later: Int64, atOrAfter: Int64) -> (Int, Int)
    /// The `k`-th latest, `k` at most ⌊n/1000⌋+1.
    func kthLatest(_ k: Int) -> Int64
    /// How many rows are later than `threshold`, and the latest of the others.
    func split(at threshold: Int64) -> (later: Int, latestOthers: Int64)
}

/// Every timestamp of a table, scanned.
private struct TimestampColumn: TimestampRanking {
    let times: UnsafeBufferPointer<Int64>

    var count: Int { times.count }
    var latest: Int64? { times.max() }

    func counts(laterThan later: Int64, atOrAfter: Int64) -> (Int, Int) {
        var beyond = 0, within = 0
        for ticks in times {
            beyond &+= ticks > later ? 1 : 0
            within &+= ticks >= atOrAfter ? 1 : 0
        }
        return (beyond, within)
    }

    func kthLatest(_ k: Int) -> Int64 { LatestTimestamps.kthLatest(times, k) }

    func split(at threshold: Int64) -> (later: Int, latestOthers: Int64) {
        var later = 0, others = Int64.min
        for ticks in times {
            if ticks > threshold { later += 1 } else { others = max(others, ticks) }
        }
        return (later, others)
    }
}

/// The rows a window anchored on the data left out of its anchor (`WindowAnchor`).
public struct SetAsideRows: Sendable, Equatable {
    /// Which rule gave the threshold.
    public enum Rule: Sendable, Equatable {
        /// Later than the clock reading plus `WindowAnchor.clockSkew`.
        case clock
        /// Later than the data's 99.9th percentile plus `WindowAnchor.margin`.
        case bulk
    }

    /// Rows strictly later than this were set aside.
    public var after: Instant
    public var count: Int
    public var rule: Rule

    public init(after: Instant, count: Int, rule: Rule) {
        self.after = after
        self.count = count
        self.rule = rule
    }

    /// Why, in words: "later than the clock plus 1 day" or "later than the 99.9th percentile plus 1 day".
    public var reason: String {
        switch rule {
        case .clock: "later than this machine's clock plus 1 day"
        case .bulk: "later than the 99.9th percentile of the timestamps plus 1 day"
        }
    }
}

/// Order statistics of a timestamp column without sorting it.
enum LatestTimestamps {
    /// The `k`-th latest of `times` (1 is the latest; `k` in 1...count), by radix selection: four passes
    /// that each count one 16-bit digit of the rows still in the running, most significant first, and keep
    /// the digit where the `k`-th latest falls. No copy and no sort: 10M timestamps take four linear scans.
    static func kthLatest(_ times: UnsafeBufferPointer<Int64>, _ k: Int) -> Int64 {
        precondition(k >= 1 && k <= times.count, "k must name a row")
        // Flipping the sign bit orders the unsigned patterns as the signed values.
        func key(_ ticks: Int64) -> UInt64 { UInt64(bitPattern: ticks) ^ (1 << 63) }
        var prefix: UInt64 = 0
        var rank = k
        var counts = [Int](repeating: 0, count: 1 << 16)
        for level in 0..<4 {
            let shift = UInt64(48 - 16 * level)
            // The digits above this one must match those chosen so far (none at the first level: a shift
            // by 64 is 0 in Swift, as is the empty prefix).
            let above = shift + 16
            for index in counts.indices { counts[index] = 0 }
            counts.withUnsafeMutableBufferPointer { counts in
                for ticks in times {
                    let value = key(ticks)
                    if value >> above == prefix { counts[Int((value >> shift) & 0xFFFF)] += 1 }
                }
            }
            var digit = (1 << 16) - 1
            while counts[digit] < rank {
                rank -= counts[digit]
                digit -= 1
            }
            prefix = prefix << 16 | UInt64(digit)
        }
        return Int64(bitPattern: prefix ^ (1 << 63))
    }
}
