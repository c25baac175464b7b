/// The query's thresholds re-applied to rows Kusto already returned, without the raw events.
///
/// Every returned row passed the run's own thresholds, so only a tighter threshold changes anything.
/// The rows are turned back into the connections that make them (each group's times rebuilt from
/// `min_Timestamp` and `TimeDeltaList`, one RemoteUrl per domain), and the query runs on those over a
/// window that holds them all, with nothing filtered out before grouping: the deltas, statistics and
/// outlier scores come out exactly as Kusto computed them. The device count is recounted over the rows
/// given (Kusto counted over every jitter survivor of its run, so it can be lower here, never higher).
public enum QueryResultTriage {
    public static func decide(_ rows: [QueryResultRow], parameters: QueryParameters) -> BeaconAnalysis {
        var rebuilt = QueryParameters(basis: preparationBasis(rows, asked: parameters.basis),
                                      thresholds: parameters.thresholds)
        // No event-count maximum from the window: Q11 would drop everything when the rows span more than
        // 24.8 days.
        rebuilt.maxEventsOverride = parameters.maxEventsOverride ?? Int(Int32.max)
        return BeaconQuery.decide(BeaconQuery.prepare(events(rows), parameters: rebuilt), parameters: rebuilt)
    }

    /// A window from the first connection to the last, every destination and ActionType kept, the mode and
    /// the statistics' arithmetic as asked.
    static func preparationBasis(_ rows: [QueryResultRow], asked: QueryBasis) -> QueryBasis {
        let times = rows.flatMap { [$0.minTimestamp, Instant(ticks: $0.reconstructedTimestamps.last ?? $0.minTimestamp.ticks)] }
        let first = times.min() ?? Instant(ticks: 0), last = times.max() ?? Instant(ticks: 0)
        var basis = QueryBasis(mode: asked.mode)
        basis.now = last + Instant.ticksPerSecond
        basis.start = .at(first)
        basis.end = .at(last)
        basis.keepPrivate = true
        basis.actionTypesOverride = [connection]
        basis.zeroSpread = asked.zeroSpread
        basis.varianceForm = asked.varianceForm
        basis.domainsKeepEmpty = asked.domainsKeepEmpty
        return basis
    }

    static let connection = "ConnectionSuccess"

    /// The connections behind the rows: each gets its rebuilt times, and its domains as RemoteUrls (the
    /// query's domain extraction gives a domain back unchanged).
    static func events(_ rows: [QueryResultRow]) -> EventTable {
        var table = EventTable()
        table.reserveCapacity(rows.reduce(0) { $0 + $1.deltas.count + 1 })
        for row in rows {
            let key = row.key
            let urls = row.domains.isEmpty ? [""] : row.domains
            for (index, time) in row.reconstructedTimestamps.enumerated() {
                table.append(NetworkEvent(
                    timestamp: Instant(ticks: time), deviceId: key.deviceId, deviceName: key.deviceName,
                    actionType: connection, remoteIP: key.remoteIP, remotePort: key.remotePort,
                    remoteUrl: urls[index % urls.count], remoteIPType: "Public",
                    initiatingProcessAccountName: key.initiatingProcessAccountName,
                    initiatingProcessAccountDomain: key.initiatingProcessAccountDomain,
                    initiatingProcessFileName: key.initiatingProcessFileName, source: .kustoResult))
            }
        }
        return table
    }
}

extension BeaconAnalysis {
    /// Whether this analysis re-applied thresholds to a Kusto result rather than running over events.
    public var analysesQueryResults: Bool {
        !candidates.isEmpty && candidates.allSatisfy { $0.sources == EventSources(.kustoResult) }
    }
}
