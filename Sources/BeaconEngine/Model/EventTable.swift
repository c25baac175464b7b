/// The loaded events, column by column, with every string dictionary-encoded in one pool.
///
/// A row is 16 bytes: its timestamp and the numbers of its origin (device, account, process) and
/// target (address, port, URL, action, address type, source). Millions of events repeat a few thousand
/// origins and targets, so storing those once instead of nine ids a row keeps a day of ten million
/// events in about 160 MB, and gives the query's grouping one 64-bit key per row.
public struct EventTable: Sendable {
    /// `remotePort` value that stands for Kusto's null.
    public static let nullPort: Int32 = -1

    public private(set) var pool = StringPool()
    public private(set) var timestamp: [Int64] = []
    /// Each row's number in `origins`.
    private(set) var origin: [UInt32] = []
    /// Each row's number in `targets`.
    private(set) var target: [UInt32] = []
    private var originIndex = KeyIndex<EventOrigin>()
    private var targetIndex = KeyIndex<EventTarget>()
    /// Set while the first of two passes reads (`counting()`): rows are counted, not stored.
    public private(set) var census: RowCensus?
    /// Set from the second pass on (`selectRows`): the rows it keeps are stored, and every row counted in
    /// `secondPass`.
    public private(set) var selection: RowSelection?
    public private(set) var secondPass: SecondPassCounts?

    public init() {}

    /// An empty table for the first of two passes: it interns every string, origin and target as a
    /// table does, so that the second pass numbers them alike, but keeps of each row only a `RowCensus`.
    /// With a `recorder`, every row counted is recorded too, for the second pass to `replay` instead of
    /// reading the files again.
    public static func counting(recordingRowsWith recorder: RowRecorder? = nil) -> EventTable {
        var table = EventTable()
        table.census = RowCensus()
        table.census!.recorder = recorder
        return table
    }

    /// Ends the first pass's recording: whether every row counted was recorded, and so can be replayed.
    public mutating func finishRecording() -> Bool {
        guard census?.recorder != nil else { return false }
        census!.recorder!.flush()
        let recorder = census!.recorder!
        census!.recorder = nil
        return !recorder.failed && recorder.rows == census!.rows
    }

    /// The second pass from the first pass's recording (`RowRecorder`) rather than from the files: each
    /// row of `words` is kept or counted as it would be if read again, in the order it was first read.
    public mutating func replay(_ words: UnsafeBufferPointer<UInt64>) {
        guard let selection else { preconditionFailure("rows are replayed into the second pass") }
        replay(words, keptGroups: selection.keptGroups(ofRecordedRows: words))
    }

    /// The same, `keptGroups` being the selection's `keptGroups(ofRecordedRows: words)`, which a caller may
    /// work out on another thread (the selection is a value, read only).
    public mutating func replay(_ words: UnsafeBufferPointer<UInt64>, keptGroups: [Int32]) {
        precondition(secondPass != nil, "rows are replayed into the second pass")
        // In steps, each a loop that reads one or two tables at random and can fetch ahead for them
        // (`RowCensus.lookahead`): the kept group of every row (given), then the counts, then the kept rows.
        secondPass!.include(recordedRows: words, keptGroups: keptGroups)
        // The kept rows are written through pointers taken once for the block, rather than appended one at
        // a time (each append checks the array for sharing and room).
        let rows = RecordedRows(words)
        let first = count, kept = keptGroups.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        timestamp.append(contentsOf: repeatElement(0, count: kept))
        origin.append(contentsOf: repeatElement(0, count: kept))
        target.append(contentsOf: repeatElement(0, count: kept))
        timestamp.withUnsafeMutableBufferPointer { timestamps in
            origin.withUnsafeMutableBufferPointer { origins in
                target.withUnsafeMutableBufferPointer { targets in
                    var next = first
                    for row in keptGroups.indices where keptGroups[row] >= 0 {
                        timestamps[next] = rows.ticks(row)
                        origins[next] = rows.origin(row)
                        targets[next] = rows.target(row)
                        next += 1
                    }
                }
            }
        }
    }

    /// Ends the first pass: from now on only the rows of groups that can pass an event-count stage of
    /// minimum `floor` under `basis` are stored (`RowSelection`), and the others counted against
    /// `window`, which `anchor` (the census's) gave (`SecondPassCounts`). The rows are then read again, or
    /// replayed from the census's recording (`replay`), into this table, which holds none yet.
    public mutating func selectRows(basis: QueryBasis, floor: Int, window: AnalysisWindow, anchor: WindowAnchor) {
        guard let census else { preconditionFailure("rows are selected after a census") }
        precondition(census.recorder == nil, "the recording is finished before the rows are selected")
        let selection = RowSelection(census: census, targets: targets, pool: pool, basis: basis, floor: floor)
        self.selection = selection
        secondPass = SecondPassCounts(window: window, anchor: anchor, targets: targets.count,
                                      keptGroups: selection.keptGroups)
        self.census = nil
    }

    /// Whether preparing the query with `basis` over `window`, deciding at most `minEvents` as the
    /// event-count minimum, reads what it would read over every row: always, but for a table read in
    /// two passes, which kept the groups that can pass under one basis and counted the others against
    /// one window.
    public func serves(_ basis: QueryBasis, window: AnalysisWindow) -> Bool {
        guard let selection, let secondPass else { return true }
        return selection.basis == basis && secondPass.window == window
    }

    /// The window's anchor on this table's rows: over the timestamp column, or for a table read in two
    /// passes, the anchor the first pass found over every row.
    public func anchor(clock: Instant) -> WindowAnchor {
        secondPass?.anchor ?? WindowAnchor(timestamps: timestamp, clock: clock)
    }

    /// Rows read: those stored, or those a two-pass read counted, kept or dropped.
    public var rowsRead: Int { census?.rows ?? secondPass?.rows ?? count }

    /// Whether this table is reading a pass of a two-pass read: it counts rows in its own numbering of
    /// origins and targets, so rows must reach it directly, not through a table of their own.
    public var readsAPass: Bool { census != nil || selection != nil }

    /// Empties the origin and target columns of a table read in two passes, once the query has numbered
    /// each row's group: placing the timestamps then needs only them and the group of each row, and the
    /// columns' memory goes back before the grouping's largest step (`GroupTimestamps`).
    mutating func releaseGroupKeys() {
        precondition(secondPass != nil, "only a table read in two passes counted what its rows would tell")
        origin = []
        target = []
    }

    /// Empties the row columns of a table read in two passes, whose counts (`SecondPassCounts`) answer
    /// what reads rows after the query has grouped them: its memory goes back before the groups are measured.
    public mutating func releaseRows() {
        releaseGroupKeys()
        timestamp = []
    }

    public init<S: Sequence>(_ events: S) where S.Element == NetworkEvent {
        self.init()
        for event in events { append(event) }
    }

    public var count: Int { timestamp.count }

    /// The distinct origins, by number.
    var origins: [EventOrigin] { originIndex.keys }
    /// The distinct targets, by number.
    var targets: [EventTarget] { targetIndex.keys }

    public mutating func reserveCapacity(_ n: Int) {
        // The first pass stores no row; the second stores the rows its census counted for the kept groups.
        guard census == nil else { return }
        let n = selection?.keptRows ?? n
        timestamp.reserveCapacity(n)
        origin.reserveCapacity(n)
        target.reserveCapacity(n)
    }

    public mutating func append(_ event: NetworkEvent) {
        // Interned in column order, as the readers intern a row's strings, so that ids come out the same
        // however the rows arrive.
        let deviceId = pool.intern(event.deviceId)
        let deviceName = pool.intern(event.deviceName)
        let actionType = pool.intern(event.actionType)
        let remoteIP = pool.intern(event.remoteIP)
        let url = pool.intern(event.remoteUrl)
        let remoteIPType = pool.intern(event.remoteIPType)
        let accountName = pool.intern(event.initiatingProcessAccountName)
        let accountDomain = pool.intern(event.initiatingProcessAccountDomain)
        let fileName = pool.intern(event.initiatingProcessFileName)
        let originNumber = UInt32(originIndex.number(of: EventOrigin(
            deviceId: deviceId, deviceName: deviceName, accountName: accountName, accountDomain: accountDomain,
            fileName: fileName)))
        let targetNumber = UInt32(targetIndex.number(of: EventTarget(
            remoteIP: remoteIP, remotePort: event.remotePort ?? Self.nullPort, remoteUrl: url, actionType: actionType,
            remoteIPType: remoteIPType, source: event.source.rawValue)))
        place(ticks: event.timestamp.ticks, origin: originNumber, target: targetNumber)
    }

    /// Stores a row, or in a two-pass read counts it (first pass) or keeps or tallies it (second pass).
    @inline(__always)
    private mutating func place(ticks: Int64, origin originNumber: UInt32, target targetNumber: UInt32) {
        if census != nil {
            census!.include(ticks: ticks, origin: originNumber, target: targetNumber)
            return
        }
        if selection != nil {
            let group = selection!.keptGroup(origin: originNumber, target: targetNumber)
            secondPass!.include(ticks: ticks, target: targetNumber, keptGroup: group)
            guard group != nil else { return }
        }
        timestamp.append(ticks)
        origin.append(originNumber)
        target.append(targetNumber)
    }

    /// The pool id of the string whose UTF-8 bytes are `bytes` (see `StringPool.intern(bytes:)`).
    public mutating func internString(bytes: UnsafeRawBufferPointer) -> UInt32 {
        pool.intern(bytes: bytes)
    }

    /// Appends every row of `batch`. `stringIDs[column.rawValue][i]` is this table's pool id for the
    /// batch's id `i` in that string column.
    public mutating func append(_ batch: EventBatch, stringIDs: [[UInt32]]) {
        append(timestamps: batch.timestamp, origin: batch.origin, origins: batch.origins,
               target: batch.target, targets: batch.targets) { column, id in stringIDs[column.rawValue][Int(id)] }
    }

    /// Appends every row of `other`, re-encoding its strings, origins and targets into this table's. The
    /// table comes out as if `other`'s rows had been appended here one by one (the same ids and numbers):
    /// `other`'s pool and indexes list their entries in the order its rows first interned them, which is
    /// the order this table's would meet them, so translating them in that order hands out the same new ids.
    /// A table of a two-pass read (`counting()`, `selectRows`) counts or keeps `other`'s rows as it would
    /// its own.
    public mutating func append(contentsOf other: EventTable) {
        if count == 0 && pool.count == 1 && origins.isEmpty && targets.isEmpty && !readsAPass {
            // Nothing here yet: the tables would be identical, so take `other` without copying it.
            self = other
            return
        }
        let ids = other.pool.strings.map { pool.intern($0) }
        append(timestamps: other.timestamp, origin: other.origin, origins: other.origins,
               target: other.target, targets: other.targets) { _, id in ids[Int(id)] }
    }

    /// Appends rows whose origins and targets are numbered in `origins` and `targets`, their strings ids
    /// that `poolID` translates into this table's pool (by column).
    private mutating func append(timestamps: [Int64], origin localOrigin: [UInt32], origins localOrigins: [EventOrigin],
                                 target localTarget: [UInt32], targets localTargets: [EventTarget],
                                 poolID: (EventStringColumn, UInt32) -> UInt32) {
        let origins = localOrigins.map { local in
            EventOrigin(deviceId: poolID(.deviceId, local.deviceId), deviceName: poolID(.deviceName, local.deviceName),
                        accountName: poolID(.accountName, local.accountName),
                        accountDomain: poolID(.accountDomain, local.accountDomain), fileName: poolID(.fileName, local.fileName))
        }
        let targets = localTargets.map { local in
            EventTarget(remoteIP: poolID(.remoteIP, local.remoteIP), remotePort: local.remotePort,
                        remoteUrl: poolID(.remoteUrl, local.remoteUrl), actionType: poolID(.actionType, local.actionType),
                        remoteIPType: poolID(.remoteIPType, local.remoteIPType), source: local.source)
        }
        let originNumbers = Self.numbers(of: origins, in: &originIndex)
        let targetNumbers = Self.numbers(of: targets, in: &targetIndex)
        if census != nil {
            let pairs = (0..<timestamps.count).map { row in
                RecordedRows.pair(origin: originNumbers[Int(localOrigin[row])], target: targetNumbers[Int(localTarget[row])])
            }
            timestamps.withUnsafeBufferPointer { ticks in
                pairs.withUnsafeBufferPointer { census!.include(ticks: ticks, pairs: $0) }
            }
            return
        }
        guard !readsAPass else {
            for row in 0..<timestamps.count {
                place(ticks: timestamps[row], origin: originNumbers[Int(localOrigin[row])],
                      target: targetNumbers[Int(localTarget[row])])
            }
            return
        }
        timestamp.append(contentsOf: timestamps)
        Self.append(localOrigin, translatedBy: originNumbers, to: &origin)
        Self.append(localTarget, translatedBy: targetNumbers, to: &target)
    }

    /// The numbers of `keys` in `index`, numbering the new ones. A month of a fleet's telemetry has millions
    /// of targets, so a key's slot is fetched two lookaheads before its lookup and the stored key it names
    /// one lookahead before (`RowCensus.lookahead`).
    private static func numbers<Key: IndexableKey>(of keys: [Key], in index: inout KeyIndex<Key>) -> [UInt32] {
        let lookahead = RowCensus.lookahead
        return keys.indices.map { position in
            if position + 2 * lookahead < keys.count { index.prefetchSlot(of: keys[position + 2 * lookahead]) }
            if position + lookahead < keys.count { index.prefetchStoredKey(of: keys[position + lookahead]) }
            return UInt32(index.number(of: keys[position]))
        }
    }

    private static func append(_ local: [UInt32], translatedBy numbers: [UInt32], to column: inout [UInt32]) {
        let start = column.count
        column.append(contentsOf: local)
        numbers.withUnsafeBufferPointer { numbers in
            column.withUnsafeMutableBufferPointer { column in
                for index in start..<column.count { column[index] = numbers[Int(column[index])] }
            }
        }
    }

    /// Row `row` decoded back into strings.
    public func event(at row: Int) -> NetworkEvent {
        let from = origins[Int(origin[row])], to = targets[Int(target[row])]
        return NetworkEvent(
            timestamp: Instant(ticks: timestamp[row]),
            deviceId: pool[from.deviceId],
            deviceName: pool[from.deviceName],
            actionType: pool[to.actionType],
            remoteIP: pool[to.remoteIP],
            remotePort: to.remotePort == Self.nullPort ? nil : to.remotePort,
            remoteUrl: pool[to.remoteUrl],
            remoteIPType: pool[to.remoteIPType],
            initiatingProcessAccountName: pool[from.accountName],
            initiatingProcessAccountDomain: pool[from.accountDomain],
            initiatingProcessFileName: pool[from.fileName],
            source: EventSource(rawValue: to.source) ?? .defender
        )
    }

    /// Every row decoded, in table order, one at a time.
    public var events: LazyMapSequence<Range<Int>, NetworkEvent> { (0..<count).lazy.map(event(at:)) }

    /// The latest timestamp in the table, used to anchor the window on historical exports.
    public var latest: Instant? { timestamp.max().map(Instant.init(ticks:)) }
}
