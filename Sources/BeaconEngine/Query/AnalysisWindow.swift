import KQL

/// The instants one run of the query uses, resolved from the parameters and, without `--now`, the data.
public struct AnalysisWindow: Sendable, Equatable {
    /// The `now()` every `ago()` of the query is taken from.
    public var now: Instant
    /// `ago(starttime)`: events at or after it are analysed (`between` is inclusive).
    public var start: Instant
    /// `ago(endtime)`: events at or before it are analysed.
    public var end: Instant
    /// True when `now` was derived from the latest event rather than given.
    public var anchoredOnData: Bool
    /// The rows the anchor ignored as not credible (`WindowAnchor`); nil when none were, and whenever
    /// `now` was given.
    public var setAside: SetAsideRows?

    /// `ago(starttime + 1d)`: the Domains enrichment reads events strictly after this, with no upper bound (Q9).
    public var domainLookbackStart: Instant { start - Instant.ticksPerDay }

    /// `TotalEventsThresholdMax = toint((starttime - endtime) / 1ms)`; nil when toint overflows, in which
    /// case `< null` is never true and no group survives (quirk Q11).
    public var derivedMaxEvents: Int? {
        let milliseconds = Double(end.ticks - start.ticks) / Double(Instant.ticksPerMillisecond)
        return toInt32(truncating: milliseconds).map(Int.init)
    }

    public init(now: Instant, start: Instant, end: Instant, anchoredOnData: Bool, setAside: SetAsideRows? = nil) {
        self.now = now
        self.start = start
        self.end = end
        self.anchoredOnData = anchoredOnData
        self.setAside = setAside
    }

    /// Resolves the window. Without an explicit `now`, analysts loading a historical export expect the
    /// window to end at their data, so `now` becomes the latest timestamp plus the end offset; an empty
    /// table falls back to `fallbackNow`.
    public static func resolve(_ basis: QueryBasis, latestEvent: Instant?, fallbackNow: Instant) -> AnalysisWindow {
        resolve(basis, anchor: WindowAnchor(latest: latestEvent, setAside: nil), fallbackNow: fallbackNow)
    }

    /// Resolves the window as above, anchored on the latest credible event (`WindowAnchor`); the rows
    /// the anchor set aside are kept with the window, which was anchored on the data.
    public static func resolve(_ basis: QueryBasis, anchor: WindowAnchor, fallbackNow: Instant) -> AnalysisWindow {
        let now: Instant
        let anchored: Bool
        if let given = basis.now {
            now = given
            anchored = false
        } else if let latest = anchor.latest {
            switch basis.end {
            case .ago(let offset): now = latest + offset
            case .at: now = latest
            }
            anchored = true
        } else {
            now = fallbackNow
            anchored = false
        }
        return AnalysisWindow(
            now: now,
            start: basis.start.resolve(now: now),
            end: basis.end.resolve(now: now),
            anchoredOnData: anchored,
            setAside: anchored ? anchor.setAside : nil
        )
    }
}
