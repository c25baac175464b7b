/// What the first of two passes keeps of the rows it reads (`EventTable.counting()`): how many rows each
/// (origin, target) pair has and the latest timestamps, for the window's anchor; no row itself.
///
/// A pair is what a row's 16 bytes reduce to once its time is dropped, and a month of a fleet's telemetry
/// repeats a few million of them, so the census costs about 30 bytes a pair (`PackedKeyIndex`, 70 % full)
/// plus 8 MB of timestamps, whatever the number of rows.
public struct RowCensus: Sendable {
    var pairs = PackedKeyIndex(capacity: 1 << 16)
    public private(set) var latest = LatestTimestampSample()
    /// Where every row counted is also recorded, when the second pass replays them (`EventTable.replay`).
    public internal(set) var recorder: RowRecorder?

    /// Rows counted.
    public var rows: Int { latest.count }
    /// Distinct (origin, target) pairs counted.
    public var pairCount: Int { pairs.count }

    @inline(__always)
    mutating func include(ticks: Int64, origin: UInt32, target: UInt32) {
        _ = pairs.number(of: UInt64(origin) << 32 | UInt64(target))
        latest.include(ticks)
        recorder?.record(ticks: ticks, origin: origin, target: target)
    }
}

/// The second pass's choice of rows (`EventTable.selectRows`): every row of each group, (origin,
/// RemoteIP, RemotePort) as stage 2 groups, that has more than `floor` rows passing stage 1's target
/// filters (RemoteIPType, address, ActionType) for `basis`, at any time. A group's distinct timestamps
/// inside any window are at most those rows, so with `floor` at most `TotalEventsThresholdMin` every
/// group that can pass the event-count stage is kept, whatever the window; and kept whole, filtered rows
/// included, so that what reads one group's rows (`WindowFit.counts`, the connections export) reads them all.
public struct RowSelection: Sendable {
    /// What the target filters were judged for.
    public let basis: QueryBasis
    public let floor: Int
    /// Each target's endpoint number (`GroupNumbering.Endpoints`).
    private let endpointOfTarget: [UInt32]
    /// The kept groups' keys, origin number (high half) and endpoint number (low half).
    private let kept: PackedKeyIndex
    /// Rows the selection keeps, of those the census counted, and their groups.
    public let keptRows: Int
    public let keptGroups: Int

    /// `targets` and `pool` are the table's, whose numbers the census used.
    init(census: RowCensus, targets: [EventTarget], pool: StringPool, basis: QueryBasis, floor: Int) {
        let endpointOfTarget = GroupNumbering.Endpoints(targets).ofTarget
        let verdicts = FilterEvents.verdicts(of: targets, pool: pool, basis: basis)
        let rowsOfPair = census.pairs.lookups()
        func groupKey(_ pair: UInt64) -> UInt64 { pair & 0xFFFF_FFFF_0000_0000 | UInt64(endpointOfTarget[Int(pair & 0xFFFF_FFFF)]) }
        // Rows passing the target filters, by group.
        var groups = PackedKeyIndex(capacity: 1 << 16)
        var passingRows: [Int] = []
        census.pairs.forEachKey { pair, number in
            guard verdicts[Int(pair & 0xFFFF_FFFF)] == 0 else { return }
            let (group, isNew) = groups.number(of: groupKey(pair))
            if isNew { passingRows.append(0) }
            passingRows[group] += Int(rowsOfPair[number])
        }
        var kept = PackedKeyIndex(capacity: 1 << 10)
        var keptRows = 0
        census.pairs.forEachKey { pair, number in
            let key = groupKey(pair)
            guard let group = groups.existingNumber(of: key), passingRows[group] > floor else { return }
            _ = kept.number(of: key)
            keptRows += Int(rowsOfPair[number])
        }
        self.basis = basis
        self.floor = floor
        self.endpointOfTarget = endpointOfTarget
        self.kept = kept
        self.keptRows = keptRows
        keptGroups = kept.count
    }

    /// The kept group of a row of this origin and target (its number among the kept groups), or nil
    /// when the row is dropped; a target the census never counted (the file changed between the passes)
    /// is dropped.
    @inline(__always)
    func keptGroup(origin: UInt32, target: UInt32) -> Int? {
        guard Int(target) < endpointOfTarget.count else { return nil }
        return keptGroup(origin: origin, endpoint: endpointOfTarget[Int(target)])
    }

    @inline(__always)
    func keptGroup(origin: UInt32, endpoint: UInt32) -> Int? {
        kept.existingNumber(of: UInt64(origin) << 32 | UInt64(endpoint))
    }

    /// The endpoint number of each target.
    var endpoints: [UInt32] { endpointOfTarget }
}

/// What the second pass counts as it reads, for what would otherwise read every row of the table: of the
/// rows it drops, the event filters' removed counts (stage 1) and each target's latest row (the Domains
/// join of stage 7 reads any device's and process's rows); of every row, the window's fit (`WindowFit`);
/// of each kept group, its rows inside the window and in all (`WindowFit.counts`). Counted against one
/// window, the one the first pass's anchor gave, so a table read in two passes serves that window only
/// (`EventTable.serves`); and since nothing after grouping reads the kept rows themselves, the query may
/// release them once grouped (`BeaconQuery.prepare`).
public struct SecondPassCounts: Sendable {
    public let window: AnalysisWindow
    /// The anchor the first pass found over every row, which gave `window`.
    public let anchor: WindowAnchor
    /// Rows read, and of them dropped.
    public private(set) var rows = 0
    public private(set) var dropped = 0
    /// Dropped rows outside the window, which stage 1's first filter removes.
    private(set) var outsideWindow = 0
    /// Dropped rows inside the window, by target number: the other filters judge a row by its target.
    private(set) var insideByTarget: [Int32]
    /// The latest row of each target, kept or dropped (`Int64.min` for none): the Domains join's lookback
    /// reads every row's target, and the kept rows are released once grouped.
    private(set) var latestByTarget: [Int64]
    /// Rows the anchor set aside (later than `window.setAside.after`), which the window's fit leaves out.
    private(set) var setAside = 0
    /// Of the others: before the window, after it, and their span.
    private(set) var before = 0
    private(set) var after = 0
    private(set) var credibleTimes = TimeRangeTracker()
    /// Each kept group's rows, in all and inside the window, by its number in the selection.
    private(set) var keptGroupRows: [Int32]
    private(set) var keptGroupRowsInside: [Int32]

    init(window: AnalysisWindow, anchor: WindowAnchor, targets: Int, keptGroups: Int) {
        self.window = window
        self.anchor = anchor
        insideByTarget = [Int32](repeating: 0, count: targets)
        latestByTarget = [Int64](repeating: .min, count: targets)
        keptGroupRows = [Int32](repeating: 0, count: keptGroups)
        keptGroupRowsInside = [Int32](repeating: 0, count: keptGroups)
    }

    /// Counts a row of kept group `keptGroup`, or a dropped row when that is nil.
    @inline(__always)
    mutating func include(ticks: Int64, target: UInt32, keptGroup: Int?) {
        rows += 1
        let start = window.start.ticks, end = window.end.ticks
        let inside = ticks >= start && ticks <= end
        if ticks > (window.setAside?.after.ticks ?? .max) {
            setAside += 1
        } else {
            credibleTimes.include(ticks)
            before &+= ticks < start ? 1 : 0
            after &+= ticks > end ? 1 : 0
        }
        let target = Int(target)
        if target >= latestByTarget.count {
            // A target first seen in the second pass: the file changed between them (the load reports it).
            insideByTarget += repeatElement(0, count: target + 1 - insideByTarget.count)
            latestByTarget += repeatElement(.min, count: target + 1 - latestByTarget.count)
        }
        latestByTarget[target] = max(latestByTarget[target], ticks)
        if let keptGroup {
            keptGroupRows[keptGroup] += 1
            keptGroupRowsInside[keptGroup] += inside ? 1 : 0
            return
        }
        dropped += 1
        if inside { insideByTarget[target] += 1 } else { outsideWindow += 1 }
    }
}
