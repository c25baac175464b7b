/// One connection of a beacon as the connections view lists it: the event's time and what the table
/// keeps of it, with the delta and outlier score the query measured there, and the columns the table
/// does not keep (`detail`) once they have been read back from the source file.
public struct BeaconConnection: Sendable, Equatable {
    /// The event's row in the `EventTable`.
    public var row: Int
    public var timestamp: Instant
    /// `datetime_diff('second', …)` to the previous distinct timestamp, the delta the query measures
    /// (spec S4); nil for the first connection.
    public var deltaSeconds: Int64?
    /// The same timestamp as the connection before: `make_set` keeps one of them (Q5), so this row adds
    /// no delta and has no score.
    public var repeatsPrevious: Bool
    /// `series_outliers` of `deltaSeconds`, where the mode computes scores and the group reached them.
    public var score: Double?
    /// The score passes the query's outlier test (`> OutlierThresholdMax` or `< -OutlierCountMax`, Q2):
    /// this delta is one the Outl column counts.
    public var isOutlier: Bool
    public var actionType: String
    public var remoteUrl: String
    public var source: EventSource
    /// The columns re-read from the source file, or nil when they could not be (a format the re-read
    /// does not cover, or the file changed since it was loaded).
    public var detail: ConnectionDetail?

    public init(row: Int, timestamp: Instant, deltaSeconds: Int64?, repeatsPrevious: Bool, score: Double?,
                isOutlier: Bool, actionType: String, remoteUrl: String, source: EventSource,
                detail: ConnectionDetail? = nil) {
        self.row = row
        self.timestamp = timestamp
        self.deltaSeconds = deltaSeconds
        self.repeatsPrevious = repeatsPrevious
        self.score = score
        self.isOutlier = isOutlier
        self.actionType = actionType
        self.remoteUrl = remoteUrl
        self.source = source
        self.detail = detail
    }
}

/// A row's columns that the event table does not keep (see `BeaconConnections`), read back from its file,
/// with the time, ActionType and RemoteUrl that pair it with the table's row. Empty strings stand for
/// a column the file does not have or leaves empty.
public struct ConnectionDetail: Sendable, Equatable {
    public var timestamp: Instant
    public var actionType: String
    public var remoteUrl: String
    public var localIP: String
    public var localPort: String
    public var protocolName: String
    public var reportId: String
    /// The file the row was read from, as it was named on the command line (or found in a folder).
    public var file: String
    /// The physical line the record starts on (the header is line 1).
    public var line: Int

    public init(timestamp: Instant, actionType: String, remoteUrl: String, localIP: String, localPort: String,
                protocolName: String, reportId: String, file: String, line: Int) {
        self.timestamp = timestamp
        self.actionType = actionType
        self.remoteUrl = remoteUrl
        self.localIP = localIP
        self.localPort = localPort
        self.protocolName = protocolName
        self.reportId = reportId
        self.file = file
        self.line = line
    }
}

/// What re-reading the source files found for one beacon: its rows' details in file order, and notes on
/// files that could not be re-read (their rows then show only what the table keeps).
public struct ConnectionDetailsRead: Sendable, Equatable {
    public var details: [ConnectionDetail]
    public var notes: [String]

    public init(details: [ConnectionDetail] = [], notes: [String] = []) {
        self.details = details
        self.notes = notes
    }
}
