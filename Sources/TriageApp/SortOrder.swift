import BeaconEngine

/// The list's columns the analyst can sort by; `rank` is the query's own order.
public enum SortColumn: String, CaseIterable, Sendable {
    case rank, device, account, process, remote, events, median, average, jitter, outliers, devices
    /// Hunt mode's beacon score; rows without one (the query's modes, too few callbacks) sort last.
    case score

    /// The columns `s` steps through in a mode: those its list shows. Hunt mode starts at its score
    /// and has no average, outlier or device column.
    public static func cycle(in mode: QueryMode) -> [SortColumn] {
        mode == .hunt ? [.score, .rank, .device, .account, .process, .remote, .events, .median, .jitter]
            : [.rank, .device, .account, .process, .remote, .events, .median, .average, .jitter, .outliers, .devices, .score]
    }

    /// The order a list opens in: the query's own, or in hunt mode the highest score first.
    public static func defaultOrder(in mode: QueryMode) -> SortOrder {
        mode == .hunt ? SortOrder(column: .score, descending: true) : SortOrder()
    }

    public var title: String {
        switch self {
        case .rank: "#"
        case .device: "Device"
        case .account: "Account"
        case .process: "Process"
        case .remote: "Remote"
        case .events: "Events"
        case .median: "Median"
        case .average: "Avg"
        case .jitter: "Jitter%"
        case .outliers: "Outl"
        case .devices: "Devs"
        case .score: "Score"
        }
    }

    /// Ascending comparison of two rows on this column; ties keep the query's order.
    func ascending(_ a: ListRow, _ b: ListRow) -> Bool {
        switch self {
        case .rank: return a.rank < b.rank
        case .device: return ordered(a.candidate.key.deviceName, b.candidate.key.deviceName, a, b)
        case .account: return ordered(a.candidate.key.initiatingProcessAccountName, b.candidate.key.initiatingProcessAccountName, a, b)
        case .process: return ordered(a.candidate.key.initiatingProcessFileName, b.candidate.key.initiatingProcessFileName, a, b)
        case .remote: return ordered(a.candidate.key.remoteIP, b.candidate.key.remoteIP, a, b)
        case .events: return ordered(a.candidate.distinctTimestampCount, b.candidate.distinctTimestampCount, a, b)
        case .median: return ordered(a.candidate.summary?.percentiles[2] ?? -1, b.candidate.summary?.percentiles[2] ?? -1, a, b)
        case .average: return ordered(a.candidate.summary?.stats.avg ?? -1, b.candidate.summary?.stats.avg ?? -1, a, b)
        case .jitter: return ordered(a.candidate.summary?.jitter ?? .infinity, b.candidate.summary?.jitter ?? .infinity, a, b)
        case .outliers: return ordered(a.candidate.outlierCount, b.candidate.outlierCount, a, b)
        case .devices: return ordered(a.candidate.deviceCount ?? 0, b.candidate.deviceCount ?? 0, a, b)
        case .score: return ordered(a.hunt?.score ?? -1, b.hunt?.score ?? -1, a, b)
        }
    }

    private func ordered<T: Comparable>(_ x: T, _ y: T, _ a: ListRow, _ b: ListRow) -> Bool {
        x != y ? x < y : a.rank < b.rank
    }
}

public struct SortOrder: Equatable, Sendable {
    public var column: SortColumn = .rank
    public var descending = false

    public init(column: SortColumn = .rank, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    func precedes(_ a: ListRow, _ b: ListRow) -> Bool {
        // Unscored rows stay at the end whichever way the scores run: they have nothing to compare.
        if column == .score, (a.hunt == nil) != (b.hunt == nil) { return a.hunt != nil }
        return descending ? column.ascending(b, a) : column.ascending(a, b)
    }
}

/// One line of the list: a candidate with its place in the query's order.
public struct ListRow: Sendable {
    public var candidate: BeaconCandidate
    /// 1-based position in the query's output; rejected near misses follow the reported rows.
    public var rank: Int
    /// False for a row the filter does not match, shown because the filter only marks (`&`).
    public var matchesFilter = true
    /// Hunt mode's score with its factors, made once when the rows are built (its words are not free, and
    /// the list and the sort read it for every row); nil outside hunt mode and for groups with too few
    /// callbacks to score.
    public var hunt: HuntScore?
}
