import BeaconEngine

/// The analysis window in KQL: `let starttime`/`endtime` as spans before Kusto's `now()` (the query as
/// written), or as absolute `datetime(...)` bounds when the window was given as times or `now` was pinned.
struct WindowText {
    enum Bound: Equatable {
        /// A span before `now()`: the bound is `ago(name)`.
        case span(ticks: Int64)
        /// An instant: the bound is the `let` itself.
        case at(Instant)
    }

    var start: Bound
    var end: Bound
    var maxEventsOverride: Int?

    /// With `now` given (`--now`) the window is the one the engine analysed, so both bounds become
    /// instants; without it, spans stay spans before the `now()` of the run in Kusto.
    init(_ parameters: QueryParameters) {
        maxEventsOverride = parameters.maxEventsOverride
        if let now = parameters.now {
            let window = AnalysisWindow.resolve(parameters.basis, latestEvent: nil, fallbackNow: now)
            start = .at(window.start)
            end = .at(window.end)
            return
        }
        start = Self.bound(parameters.start)
        end = Self.bound(parameters.end)
    }

    static func bound(_ bound: WindowBound) -> Bound {
        switch bound {
        case .ago(let ticks): .span(ticks: ticks)
        case .at(let instant): .at(instant)
        }
    }

    /// Both bounds before `now()`, as the query is written.
    var isRelative: Bool {
        if case .span = start, case .span = end { return true }
        return false
    }

    func letLine(_ name: String, _ bound: Bound) -> String {
        switch bound {
        case .span(let ticks): "let \(name) = \(KustoLiteral.timespan(ticks: ticks));"
        case .at(let instant): "let \(name) = \(KustoLiteral.datetime(instant));"
        }
    }

    var startLet: String { letLine("starttime", start) }
    var endLet: String { letLine("endtime", end) }

    func expression(_ name: String, _ bound: Bound) -> String {
        switch bound {
        case .span: "ago(\(name))"
        case .at: name
        }
    }

    var startExpression: String { expression("starttime", start) }
    var endExpression: String { expression("endtime", end) }

    /// `TotalEventsThresholdMax`: the override, the query's own line for spans, or the same quotient over
    /// the bounds' instants (the engine's `derivedMaxEvents`, null past `toint`'s range as in Kusto, Q11).
    func maxEventsLine(seed: String) -> String {
        if let maxEventsOverride { return "let TotalEventsThresholdMax=\(KustoLiteral.long(maxEventsOverride));" }
        if isRelative { return seed }
        return "let TotalEventsThresholdMax=toint(((\(endExpression) - \(startExpression))/TimeDeltaThresholdMin));"
    }

    /// `| where Timestamp between (ago(starttime)..ago(endtime))`, inclusive at both ends.
    func rowFilter(_ flavor: QueryFlavor) -> String {
        "| where \(flavor.timeColumn) between (\(startExpression)..\(endExpression))"
    }

    /// The Domains enrichment reads a day more than the window, with no upper bound (Q9).
    func domainLookback(_ flavor: QueryFlavor) -> String {
        switch start {
        case .span: "| where \(flavor.timeColumn) > ago(starttime+1d)"
        case .at: "| where \(flavor.timeColumn) > starttime - 1d"
        }
    }

    /// The header's account of a window that is not the query's `1d`..`1s` before `now()`.
    var description: String {
        func text(_ bound: Bound) -> String {
            switch bound {
            case .span(let ticks): "now() - \(KustoLiteral.timespan(ticks: ticks))"
            case .at(let instant): formatKustoDatetime(instant)
            }
        }
        return "\(text(start)) .. \(text(end)), both included"
    }
}
