import KQL

/// Stage 1: the query's row filters on `DeviceNetworkEvents`, applied in the order it writes them.
enum FilterEvents {
    /// Which rows pass every filter, how many do, and how many rows each filter removed.
    struct Result {
        var filter: RowFilter
        var passing: Int
        var removed: [QueryStage: Int]
    }

    /// The filters as a test of a row's timestamp and target: the rows that pass are not listed, since
    /// a list of ten million row numbers would outweigh testing them again where they are read.
    struct RowFilter: Sendable {
        let start: Int64
        let end: Int64
        /// Per target: the index of the stage that removes it (in `QueryStage.eventFilters` order), or 0.
        let verdictOfTarget: [UInt8]
    }

    static let excludedRemoteIPTypes = ["Reserved", "Private", "LinkLocal", "Loopback"]

    /// What a pool string means to the filters, one bit each, so that a row is judged with array
    /// lookups on its ids.
    private static let excludedType: UInt8 = 1
    private static let allowedAction: UInt8 = 2
    private static let absentAddress: UInt8 = 4

    /// Every filter but the window's reads only a row's target: each target judged once, as the index
    /// of the stage that removes it (in `QueryStage.eventFilters` order), or 0 when none does.
    static func verdicts(of targets: [EventTarget], pool: StringPool, basis: QueryBasis) -> [UInt8] {
        var meaning = [UInt8](repeating: 0, count: pool.count)
        for type in excludedRemoteIPTypes where !(basis.keepPrivate && type == "Private") {
            if let id = pool.id(of: type) { meaning[Int(id)] |= excludedType }
        }
        for action in basis.actionTypes {
            if let id = pool.id(of: action) { meaning[Int(id)] |= allowedAction }
        }
        meaning[Int(StringPool.emptyID)] |= absentAddress
        if let id = pool.id(of: "0.0.0.0") { meaning[Int(id)] |= absentAddress }
        var addressVerdicts = AddressVerdicts(pool: pool, judgesIPv6: basis.judgesIPv6,
                                              keepPrivate: basis.keepPrivate)
        return targets.map { target -> UInt8 in
            if meaning[Int(target.remoteIPType)] & excludedType != 0 { return 1 }
            if meaning[Int(target.remoteIP)] & absentAddress != 0 { return 2 }
            if !addressVerdicts.isPublic(target.remoteIP) { return 3 }
            if meaning[Int(target.actionType)] & allowedAction == 0 { return 4 }
            return 0
        }
    }

    static func apply(_ table: EventTable, window: AnalysisWindow, basis: QueryBasis) -> Result {
        let verdictOfTarget = verdicts(of: table.targets, pool: table.pool, basis: basis)
        precondition(table.count <= Int(Int32.max), "more rows than 32-bit row numbers can number")
        var passing = 0
        // Removed rows per stage, in `QueryStage.eventFilters` order.
        var removed = [Int](repeating: 0, count: 5)
        let start = window.start.ticks, end = window.end.ticks
        table.timestamp.withUnsafeBufferPointer { timestamps in
            table.target.withUnsafeBufferPointer { targets in
                verdictOfTarget.withUnsafeBufferPointer { verdictOfTarget in
                    for row in 0..<timestamps.count {
                        let ts = timestamps[row]
                        if ts < start || ts > end {
                            removed[0] += 1
                            continue
                        }
                        let verdict = Int(verdictOfTarget[Int(targets[row])])
                        if verdict == 0 {
                            passing += 1
                        } else {
                            removed[verdict] += 1
                        }
                    }
                }
            }
        }
        if let dropped = table.secondPass {
            // The rows a two-pass read did not keep are removed by the same filters, counted by target.
            removed[0] += dropped.outsideWindow
            for (target, inside) in dropped.insideByTarget.enumerated() where inside > 0 {
                let verdict = Int(verdictOfTarget[target])
                if verdict != 0 { removed[verdict] += Int(inside) }
            }
        }
        var byStage: [QueryStage: Int] = [:]
        for (stage, count) in zip(QueryStage.eventFilters, removed) where count > 0 { byStage[stage] = count }
        return Result(filter: RowFilter(start: start, end: end, verdictOfTarget: verdictOfTarget), passing: passing,
                      removed: byStage)
    }
}

/// `not(ipv4_is_private(RemoteIP))` judged once per distinct address string.
///
/// As written, a non-IPv4 string makes `ipv4_is_private` null and `where` drops the row (Q3); the
/// corrected mode judges IPv6 on its own ranges instead.
struct AddressVerdicts {
    private let pool: StringPool
    private let judgesIPv6: Bool
    private let keepPrivate: Bool
    /// Per pool id: 0 not judged yet, 1 passes, 2 fails.
    private var verdicts: [UInt8]

    init(pool: StringPool, judgesIPv6: Bool, keepPrivate: Bool = false) {
        self.pool = pool
        self.judgesIPv6 = judgesIPv6
        self.keepPrivate = keepPrivate
        verdicts = [UInt8](repeating: 0, count: pool.count)
    }

    /// Whether the address passes the private-address filter; with `keepPrivate`, any address the
    /// function can judge passes (a non-IPv4 string still fails as written, Q3).
    @inline(__always)
    mutating func isPublic(_ id: UInt32) -> Bool {
        let known = verdicts[Int(id)]
        if known != 0 { return known == 1 }
        return judge(id)
    }

    private mutating func judge(_ id: UInt32) -> Bool {
        let text = pool[id]
        let isPrivate = judgesIPv6 ? correctedIsPrivate(text) : ipv4IsPrivate(text)
        let verdict = keepPrivate ? isPrivate != nil : isPrivate == false
        verdicts[Int(id)] = verdict ? 1 : 2
        return verdict
    }
}

/// A table's rows as stage 2 reads them: the filter's test and the columns, as buffers shared by the
/// threads that read them.
struct FilteredRows: @unchecked Sendable {
    // Unchecked: read-only views of arrays that outlive the `with` call whose threads share them.
    let timestamp: UnsafeBufferPointer<Int64>
    let origin: UnsafeBufferPointer<UInt32>
    let target: UnsafeBufferPointer<UInt32>
    let verdictOfTarget: UnsafeBufferPointer<UInt8>
    let start: Int64
    let end: Int64

    var count: Int { timestamp.count }

    @inline(__always)
    func passes(_ row: Int) -> Bool {
        let ts = timestamp[row]
        return ts >= start && ts <= end && verdictOfTarget[Int(target[row])] == 0
    }

    static func with<R>(_ table: EventTable, _ filter: FilterEvents.RowFilter, _ body: (FilteredRows) -> R) -> R {
        table.timestamp.withUnsafeBufferPointer { timestamp in
        table.origin.withUnsafeBufferPointer { origin in
        table.target.withUnsafeBufferPointer { target in
        filter.verdictOfTarget.withUnsafeBufferPointer { verdictOfTarget in
            body(FilteredRows(timestamp: timestamp, origin: origin, target: target, verdictOfTarget: verdictOfTarget,
                              start: filter.start, end: filter.end))
        }}}}
    }
}
