import KQL

/// Stage 1: the query's row filters on `DeviceNetworkEvents`, applied in the order it writes them.
enum FilterEvents {
    /// Row indices that pass every filter, and how many rows each filter removed.
    struct Result {
        var rows: [Int]
        var removed: [QueryStage: Int]
    }

    static let excludedRemoteIPTypes = ["Reserved", "Private", "LinkLocal", "Loopback"]

    static func apply(_ table: EventTable, window: AnalysisWindow, parameters: QueryParameters) -> Result {
        let pool = table.pool
        let excludedTypes = Set(excludedRemoteIPTypes.filter { !(parameters.keepPrivate && $0 == "Private") }
            .compactMap(pool.id(of:)))
        let allowedActions = Set(parameters.actionTypes.compactMap(pool.id(of:)))
        let unspecifiedAddress = pool.id(of: "0.0.0.0")
        var addressVerdicts = AddressVerdicts(pool: pool, judgesIPv6: parameters.judgesIPv6,
                                              keepPrivate: parameters.keepPrivate)

        var rows: [Int] = []
        var removed: [QueryStage: Int] = [:]
        let start = window.start.ticks, end = window.end.ticks
        for row in 0..<table.count {
            let failed: QueryStage?
            let ts = table.timestamp[row]
            let ip = table.remoteIP[row]
            if ts < start || ts > end {
                failed = .timeWindow
            } else if excludedTypes.contains(table.remoteIPType[row]) {
                failed = .remoteIPType
            } else if ip == StringPool.emptyID || ip == unspecifiedAddress {
                failed = .remoteIPPresent
            } else if !addressVerdicts.isPublic(ip) {
                failed = .privateAddress
            } else if !allowedActions.contains(table.actionType[row]) {
                failed = .actionType
            } else {
                failed = nil
            }
            if let failed {
                removed[failed, default: 0] += 1
            } else {
                rows.append(row)
            }
        }
        return Result(rows: rows, removed: removed)
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
    private var cache: [UInt32: Bool] = [:]

    init(pool: StringPool, judgesIPv6: Bool, keepPrivate: Bool = false) {
        self.pool = pool
        self.judgesIPv6 = judgesIPv6
        self.keepPrivate = keepPrivate
    }

    /// Whether the address passes the private-address filter; with `keepPrivate`, any address the
    /// function can judge passes (a non-IPv4 string still fails as written, Q3).
    mutating func isPublic(_ id: UInt32) -> Bool {
        if let known = cache[id] { return known }
        let text = pool[id]
        let isPrivate = judgesIPv6 ? correctedIsPrivate(text) : ipv4IsPrivate(text)
        let verdict = keepPrivate ? isPrivate != nil : isPrivate == false
        cache[id] = verdict
        return verdict
    }
}
