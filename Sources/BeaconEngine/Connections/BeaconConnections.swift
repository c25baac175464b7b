import KQL

/// Every connection of one beacon, for the console's connections view.
///
/// Why the table is not widened for it: the view also shows LocalIP, LocalPort, Protocol and ReportId,
/// and two of those are different on nearly every row (an ephemeral port, an event id), so interning
/// them saves nothing. Even four more bytes a row are 40 MB at ten million events, more than the 10 %
/// (37 MB) the 10M-event peak of ~370 MB may grow, and a file-and-offset reference per row is eight.
/// So the table keeps its 16 bytes a row, and the view is made in two steps, both off the UI thread:
/// the rows, times, deltas and scores from the table and the preparation (`list`, one pass over the
/// table's row numbers), then the other columns re-read from the source files, only the beacon's rows
/// kept (`BeaconIngest.ConnectionDetailReader`), and paired with them here (`attach`).
public enum BeaconConnections {
    /// The rows of `candidate`'s group that passed the query's event filters (stage 1) in `window` under
    /// `parameters`' basis, by time (rows with one timestamp in table order), each with the delta to the
    /// previous distinct timestamp and that delta's outlier score where the candidate has scores.
    public static func list(_ candidate: BeaconCandidate, in table: EventTable, window: AnalysisWindow,
                            parameters: QueryParameters) -> [BeaconConnection] {
        let key = candidate.key
        let pool = table.pool
        guard let deviceId = pool.id(of: key.deviceId), let deviceName = pool.id(of: key.deviceName),
              let accountName = pool.id(of: key.initiatingProcessAccountName),
              let accountDomain = pool.id(of: key.initiatingProcessAccountDomain),
              let fileName = pool.id(of: key.initiatingProcessFileName),
              let remoteIP = pool.id(of: key.remoteIP) else { return [] }
        let port = key.remotePort ?? EventTable.nullPort
        let originMatches = table.origins.map {
            $0.deviceId == deviceId && $0.deviceName == deviceName && $0.accountName == accountName
                && $0.accountDomain == accountDomain && $0.fileName == fileName
        }
        let verdicts = FilterEvents.apply(table, window: window, basis: parameters.basis).filter.verdictOfTarget
        let targetMatches = table.targets.enumerated().map { number, target in
            target.remoteIP == remoteIP && target.remotePort == port && verdicts[number] == 0
        }
        let start = window.start.ticks, end = window.end.ticks
        var rows: [Int] = []
        for row in 0..<table.count where originMatches[Int(table.origin[row])] && targetMatches[Int(table.target[row])] {
            let ticks = table.timestamp[row]
            if ticks >= start && ticks <= end { rows.append(row) }
        }
        // Stable: rows with one timestamp keep the table's (the file's) order.
        rows = rows.enumerated().sorted { a, b in
            let ta = table.timestamp[a.element], tb = table.timestamp[b.element]
            return ta != tb ? ta < tb : a.offset < b.offset
        }.map(\.element)

        let scores = candidate.outlierScores
        let high = parameters.outlierMax, low = parameters.lowOutlierThreshold
        var connections: [BeaconConnection] = []
        connections.reserveCapacity(rows.count)
        var previous: Int64?
        // The index of the current distinct timestamp; delta `distinct - 1` ends at it.
        var distinct = -1
        for row in rows {
            let ticks = table.timestamp[row]
            let repeats = previous == ticks
            var delta: Int64?
            var score: Double?
            if !repeats {
                distinct += 1
                delta = previous.map { datetimeDiffSeconds(ticks, $0) }
                if distinct > 0 && distinct - 1 < scores.count { score = scores[distinct - 1] }
            }
            let target = table.targets[Int(table.target[row])]
            connections.append(BeaconConnection(
                row: row, timestamp: Instant(ticks: ticks), deltaSeconds: delta, repeatsPrevious: repeats,
                score: score, isOutlier: score.map { $0 > high || $0 < low } ?? false,
                actionType: pool[target.actionType], remoteUrl: pool[target.remoteUrl],
                source: EventSource(rawValue: target.source) ?? .defender))
            previous = ticks
        }
        return connections
    }

    /// `connections` with the details re-read from the files: each connection takes the first detail
    /// not yet taken with its time, ActionType and RemoteUrl. Both are in file order (the table holds
    /// each file's rows in order, and files in the order given), so rows repeated within one second pair
    /// in order. Details left over belong to rows the event filters dropped.
    public static func attach(_ details: [ConnectionDetail], to connections: [BeaconConnection]) -> [BeaconConnection] {
        struct Match: Hashable {
            var ticks: Int64
            var actionType: String
            var remoteUrl: String
        }
        var waiting: [Match: [Int]] = [:]
        for (index, detail) in details.enumerated() {
            waiting[Match(ticks: detail.timestamp.ticks, actionType: detail.actionType, remoteUrl: detail.remoteUrl),
                    default: []].append(index)
        }
        var taken: [Match: Int] = [:]
        return connections.map { connection in
            let match = Match(ticks: connection.timestamp.ticks, actionType: connection.actionType,
                              remoteUrl: connection.remoteUrl)
            guard let candidates = waiting[match] else { return connection }
            let next = taken[match, default: 0]
            guard next < candidates.count else { return connection }
            taken[match] = next + 1
            var paired = connection
            paired.detail = details[candidates[next]]
            return paired
        }
    }
}
