/// How the loaded events sit against the window an analysis used: how many fall before or after it,
/// and the span they cover.
///
/// The window defaults to one day before the latest event, so a three-day capture is analysed on its
/// last day alone and a file of another year falls wholly outside it, and nothing in the result says so.
/// This measures it, once per analysis, in one pass over the timestamp column; `notes` words it.
public struct WindowFit: Sendable, Equatable {
    /// The window the analysis used (`BeaconAnalysis.window`).
    public var window: AnalysisWindow
    /// The earliest through the latest event time; nil when no event was loaded.
    public var timeRange: ClosedRange<Instant>?
    /// The events measured: every loaded event but those the anchor set aside.
    public var eventCount: Int
    /// Events before `window.start`.
    public var eventsBefore: Int
    /// Events after `window.end` (only with `--now` or `--end` set so; the default window ends at the data).
    public var eventsAfter: Int

    public var eventsOutside: Int { eventsBefore + eventsAfter }
    public var eventsInside: Int { eventCount - eventsOutside }

    public init(window: AnalysisWindow, timeRange: ClosedRange<Instant>?, eventCount: Int, eventsBefore: Int,
                eventsAfter: Int) {
        self.window = window
        self.timeRange = timeRange
        self.eventCount = eventCount
        self.eventsBefore = eventsBefore
        self.eventsAfter = eventsAfter
    }

    /// Measures `table` against `window`, in the window's own terms: an event is inside when
    /// `start <= Timestamp <= end`, as the query's `between` keeps it. The rows the window's anchor set
    /// aside (`AnalysisWindow.setAside`) are not measured: they are reported on their own, and a row dated
    /// 9999 would otherwise stretch the data's span to that year.
    public init(table: EventTable, window: AnalysisWindow) {
        if let counted = table.secondPass {
            // A table read in two passes counted every row against this same window as it read them.
            precondition(counted.window == window, "a table read in two passes serves the window it was read for")
            self.init(window: window, timeRange: counted.credibleTimes.range, eventCount: counted.rows - counted.setAside,
                      eventsBefore: counted.before, eventsAfter: counted.after)
            return
        }
        let start = window.start.ticks, end = window.end.ticks
        let credible = window.setAside?.after.ticks ?? Int64.max
        var times = TimeRangeTracker()
        var before = 0, after = 0, setAside = 0
        table.timestamp.withUnsafeBufferPointer { timestamps in
            for ticks in timestamps {
                guard ticks <= credible else {
                    setAside += 1
                    continue
                }
                times.include(ticks)
                before &+= ticks < start ? 1 : 0
                after &+= ticks > end ? 1 : 0
            }
        }
        self.init(window: window, timeRange: times.range, eventCount: table.count - setAside, eventsBefore: before,
                  eventsAfter: after)
    }

    /// One group's events against the window.
    public struct GroupCounts: Sendable, Equatable {
        public var inside: Int
        public var total: Int

        public init(inside: Int, total: Int) {
            self.inside = inside
            self.total = total
        }

        public var outside: Int { total - inside }
    }

    /// How many of the events grouped under `key` (the query's seven grouping columns, compared byte for
    /// byte as the query groups them) fall inside the window, and how many there are, whatever the other
    /// filters say of them. `table` is the table this fit measured.
    ///
    /// One pass over the rows comparing their origin and target numbers: the key's strings are looked up
    /// in the pool once, and each distinct origin and target judged once.
    public func counts(of key: BeaconKey, in table: EventTable) -> GroupCounts {
        let pool = table.pool
        guard let deviceId = pool.id(of: key.deviceId), let deviceName = pool.id(of: key.deviceName),
              let accountName = pool.id(of: key.initiatingProcessAccountName),
              let accountDomain = pool.id(of: key.initiatingProcessAccountDomain),
              let fileName = pool.id(of: key.initiatingProcessFileName), let remoteIP = pool.id(of: key.remoteIP)
        else { return GroupCounts(inside: 0, total: 0) }
        let port = key.remotePort ?? EventTable.nullPort
        let originMatches = table.origins.map {
            $0.deviceId == deviceId && $0.deviceName == deviceName && $0.accountName == accountName
                && $0.accountDomain == accountDomain && $0.fileName == fileName
        }
        let targetMatches = table.targets.map { $0.remoteIP == remoteIP && $0.remotePort == port }
        guard originMatches.contains(true) && targetMatches.contains(true) else { return GroupCounts(inside: 0, total: 0) }

        if let selection = table.selection, let counted = table.secondPass {
            // A table read in two passes kept every group that has rows whole, and counted them.
            // The key's address and port make one endpoint, and its five origin columns one origin.
            let endpoint = selection.endpoints[targetMatches.firstIndex(of: true)!]
            var counts = GroupCounts(inside: 0, total: 0)
            for (origin, matches) in originMatches.enumerated() where matches {
                guard let group = selection.keptGroup(origin: UInt32(origin), endpoint: endpoint) else { continue }
                counts.inside += counted.rowsInside(ofKeptGroup: group)
                counts.total += counted.rows(ofKeptGroup: group)
            }
            return counts
        }
        let start = window.start.ticks, end = window.end.ticks
        var inside = 0, total = 0
        table.timestamp.withUnsafeBufferPointer { timestamps in
        table.origin.withUnsafeBufferPointer { origins in
        table.target.withUnsafeBufferPointer { targets in
        originMatches.withUnsafeBufferPointer { originMatches in
        targetMatches.withUnsafeBufferPointer { targetMatches in
            for row in 0..<timestamps.count where originMatches[Int(origins[row])] && targetMatches[Int(targets[row])] {
                total += 1
                let ticks = timestamps[row]
                if ticks >= start && ticks <= end { inside += 1 }
            }
        }}}}}
        return GroupCounts(inside: inside, total: total)
    }

    /// A whole hour in ticks: the widened window is a whole number of them, so it reads `3d` or `50h`.
    static let ticksPerHour = 3600 * Instant.ticksPerSecond

    /// The window start that takes in the earliest event, for "widen the window to the data's span": the
    /// span from `now` back to the earliest event, rounded up to a whole hour, as a span before now.
    ///
    /// Running the query again with only the start changed keeps `now` (it is given, or the latest event
    /// plus the end offset, neither of which depends on the start), so the earliest event is then inside.
    /// Nil when no event falls before the window: widening the start would change nothing. Events after
    /// the window stay after it; only the end or `now` moves those.
    public var widenedStart: WindowBound? {
        guard eventsBefore > 0, let earliest = timeRange?.lowerBound else { return nil }
        let span = window.now.ticks - earliest.ticks
        guard span > 0 else { return nil }
        // Whole hours read well up to two days (`50h`), whole days beyond (`368d`, not `8832h`).
        let unit = span > 2 * 24 * Self.ticksPerHour ? 24 * Self.ticksPerHour : Self.ticksPerHour
        let units = span / unit + (span % unit == 0 ? 0 : 1)
        return .ago(ticks: units * unit)
    }

    /// Whether the data reaches past the window by more than a rounding matter: a minute, or 1 % of the
    /// window's length when that is more. A day of data in the default window (one day less a second)
    /// leaves its first second out, which is not worth a word; a 3-day capture is.
    public var leavesOutData: Bool {
        guard eventsOutside > 0, let timeRange else { return false }
        let margin = max(60 * Instant.ticksPerSecond, (window.end.ticks - window.start.ticks) / 100)
        return timeRange.lowerBound.ticks < window.start.ticks - margin || timeRange.upperBound.ticks > window.end.ticks + margin
    }
}
