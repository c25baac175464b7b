import CPrefetch

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
        _ = pairs.number(of: RecordedRows.pair(origin: origin, target: target))
        latest.include(ticks)
        recorder?.record(ticks: ticks, origin: origin, target: target)
    }

    /// Counts a block of rows, `pairs[i]` being row `i`'s `RecordedRows.pair`. The pair table outgrows
    /// the caches (millions of pairs), so each row's slot is fetched `lookahead` rows before it is counted
    /// and the misses overlap, instead of one stall a row.
    mutating func include(ticks: UnsafeBufferPointer<Int64>, pairs keys: UnsafeBufferPointer<UInt64>) {
        precondition(ticks.count == keys.count, "one pair a row")
        let lookahead = Self.lookahead
        for row in 0..<keys.count {
            if row + lookahead < keys.count { pairs.prefetch(keys[row + lookahead]) }
            _ = pairs.number(of: keys[row])
            latest.include(ticks[row])
        }
        recorder?.record(ticks: ticks, pairs: keys)
    }

    /// How many rows ahead a loop over rows fetches the table slots it will need: enough misses in flight
    /// to cover memory's latency, few enough that the lines are still cached when their row comes.
    static let lookahead = 16
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
        // Each pair's group key and rows, read in the census's slot order; the sign bit of the rows marks
        // a pair whose target the filters drop.
        var groupKeys: [UInt64] = [], pairRows: [UInt32] = []
        groupKeys.reserveCapacity(census.pairCount)
        pairRows.reserveCapacity(census.pairCount)
        census.pairs.forEachKeyAndCount { pair, rows in
            let target = Int(pair & 0xFFFF_FFFF)
            groupKeys.append(pair & 0xFFFF_FFFF_0000_0000 | UInt64(endpointOfTarget[target]))
            pairRows.append(verdicts[target] == 0 ? rows : rows | 1 << 31)
        }
        // Rows passing the target filters, by group, summed on two threads; the kept groups then numbered
        // in the census's slot order, as one thread would.
        let passing = PassingGroups(groupKeys: groupKeys, pairRows: pairRows, floor: floor)
        var kept = PackedKeyIndex(capacity: 1 << 10)
        var keptRows = 0
        for index in groupKeys.indices where passing.passes(index) {
            _ = kept.number(of: groupKeys[index])
            keptRows += Int(pairRows[index] & ~(1 << 31))
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

    /// The kept group of each row recorded in `words` (`RowRecorder`'s layout), -1 for a dropped row.
    /// The target's endpoint is fetched two lookaheads before its row, the kept-group slot one before.
    public func keptGroups(ofRecordedRows words: UnsafeBufferPointer<UInt64>) -> [Int32] {
        let recorded = RecordedRows(words), rows = recorded.count, lookahead = RowCensus.lookahead
        @inline(__always) func row(_ row: Int) -> (origin: UInt32, target: Int) {
            (recorded.origin(row), Int(recorded.target(row)))
        }
        return endpointOfTarget.withUnsafeBufferPointer { endpoints in
            [Int32](unsafeUninitializedCapacity: rows) { groups, initialized in
                for index in 0..<rows {
                    if index + 2 * lookahead < rows, case let target = row(index + 2 * lookahead).target,
                       target < endpoints.count {
                        beacon_prefetch(endpoints.baseAddress! + target)
                    }
                    if index + lookahead < rows, case let (origin, target) = row(index + lookahead),
                       target < endpoints.count {
                        kept.prefetch(UInt64(origin) << 32 | UInt64(endpoints[target]))
                    }
                    let (origin, target) = row(index)
                    groups[index] = target < endpoints.count
                        ? Int32(keptGroup(origin: origin, endpoint: endpoints[target]) ?? -1) : -1
                }
                initialized = rows
            }
        }
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
    public var rows: Int { tallies.rows }
    public var dropped: Int { tallies.dropped }
    /// Dropped rows outside the window, which stage 1's first filter removes.
    var outsideWindow: Int { tallies.outsideWindow }
    /// Rows the anchor set aside (later than `window.setAside.after`), which the window's fit leaves out.
    var setAside: Int { tallies.setAside }
    /// Of the others: before the window, after it, and their span.
    var before: Int { tallies.before }
    var after: Int { tallies.after }
    var credibleTimes: TimeRangeTracker { tallies.credibleTimes }
    private var tallies = Tallies()
    /// Dropped rows inside the window, by target number: the other filters judge a row by its target.
    private(set) var insideByTarget: [Int32]
    /// The latest row of each target, kept or dropped (`Int64.min` for none): the Domains join's lookback
    /// reads every row's target, and the kept rows are released once grouped.
    private(set) var latestByTarget: [Int64]
    /// Each kept group's rows in all (at `2 * group`) and inside the window (at `2 * group + 1`), by its
    /// number in the selection: side by side, so that counting a row touches one cache line.
    private var keptGroupCounts: [Int32]

    /// The counts that are one number each, together, so that a block of rows keeps them in registers.
    private struct Tallies: Sendable {
        var rows = 0, dropped = 0, outsideWindow = 0, setAside = 0, before = 0, after = 0
        var credibleTimes = TimeRangeTracker()
    }

    /// The counts kept by target and by group, as the loops over rows write them.
    private struct Columns {
        let insideByTarget: UnsafeMutableBufferPointer<Int32>
        let latestByTarget: UnsafeMutableBufferPointer<Int64>
        let keptGroupCounts: UnsafeMutableBufferPointer<Int32>
    }

    /// A kept group's rows, in all.
    func rows(ofKeptGroup group: Int) -> Int { Int(keptGroupCounts[2 * group]) }
    /// A kept group's rows inside the window.
    func rowsInside(ofKeptGroup group: Int) -> Int { Int(keptGroupCounts[2 * group + 1]) }

    init(window: AnalysisWindow, anchor: WindowAnchor, targets: Int, keptGroups: Int) {
        self.window = window
        self.anchor = anchor
        insideByTarget = .hugePaged(repeating: 0, count: targets)
        latestByTarget = .hugePaged(repeating: .min, count: targets)
        keptGroupCounts = .hugePaged(repeating: 0, count: 2 * keptGroups)
    }

    /// Counts the rows recorded in `words` (`RowRecorder`'s layout), each of kept group `keptGroups[i]`
    /// or dropped (-1). The per-target and per-group counts are read at random (millions of targets), so
    /// a row's are fetched a lookahead before it is counted; and they are written through pointers taken
    /// once for the block, not checked for sharing at every row.
    mutating func include(recordedRows words: UnsafeBufferPointer<UInt64>, keptGroups: [Int32]) {
        let rows = keptGroups.count, lookahead = RowCensus.lookahead, recorded = RecordedRows(words)
        precondition(recorded.count >= rows, "a kept group for each row")
        var highest = -1
        for index in 0..<rows { highest = max(highest, Int(recorded.target(index))) }
        holdTarget(highest)
        var tallies = self.tallies
        let window = self.window
        keptGroups.withUnsafeBufferPointer { keptGroups in
            withColumns { columns in
                for index in 0..<rows {
                    let ahead = index + lookahead
                    if ahead < rows {
                        let target = Int(recorded.target(ahead))
                        beacon_prefetch_for_write(columns.latestByTarget.baseAddress! + target)
                        beacon_prefetch_for_write(columns.insideByTarget.baseAddress! + target)
                        let group = Int(keptGroups[ahead])
                        if group >= 0 { beacon_prefetch_for_write(columns.keptGroupCounts.baseAddress! + 2 * group) }
                    }
                    Self.include(ticks: recorded.ticks(index), target: Int(recorded.target(index)),
                                 keptGroup: Int(keptGroups[index]), window: window, into: &tallies, columns)
                }
            }
        }
        self.tallies = tallies
    }

    /// Counts a row of kept group `keptGroup`, or a dropped row when that is nil.
    mutating func include(ticks: Int64, target: UInt32, keptGroup: Int?) {
        let target = Int(target)
        holdTarget(target)
        var tallies = self.tallies
        let window = self.window
        withColumns { columns in
            Self.include(ticks: ticks, target: target, keptGroup: keptGroup ?? -1, window: window, into: &tallies, columns)
        }
        self.tallies = tallies
    }

    /// Makes room for counts of target `target`. A target the arrays were not sized for is first seen in
    /// the second pass: the file changed between them (the load reports it).
    private mutating func holdTarget(_ target: Int) {
        guard target >= latestByTarget.count else { return }
        insideByTarget += repeatElement(0, count: target + 1 - insideByTarget.count)
        latestByTarget += repeatElement(.min, count: target + 1 - latestByTarget.count)
    }

    private mutating func withColumns(_ body: (Columns) -> Void) {
        insideByTarget.withUnsafeMutableBufferPointer { inside in
            latestByTarget.withUnsafeMutableBufferPointer { latest in
                keptGroupCounts.withUnsafeMutableBufferPointer { groups in
                    body(Columns(insideByTarget: inside, latestByTarget: latest, keptGroupCounts: groups))
                }
            }
        }
    }

    /// Counts a row of kept group `keptGroup` (-1 for a dropped row) whose target the columns hold.
    @inline(__always)
    private static func include(ticks: Int64, target: Int, keptGroup: Int, window: AnalysisWindow,
                                into tallies: inout Tallies, _ columns: Columns) {
        tallies.rows += 1
        let start = window.start.ticks, end = window.end.ticks
        let inside = ticks >= start && ticks <= end
        if ticks > (window.setAside?.after.ticks ?? .max) {
            tallies.setAside += 1
        } else {
            tallies.credibleTimes.include(ticks)
            tallies.before &+= ticks < start ? 1 : 0
            tallies.after &+= ticks > end ? 1 : 0
        }
        columns.latestByTarget[target] = max(columns.latestByTarget[target], ticks)
        if keptGroup >= 0 {
            columns.keptGroupCounts[2 * keptGroup] += 1
            columns.keptGroupCounts[2 * keptGroup + 1] += inside ? 1 : 0
            return
        }
        tallies.dropped += 1
        if inside { columns.insideByTarget[target] += 1 } else { tallies.outsideWindow += 1 }
    }
}
