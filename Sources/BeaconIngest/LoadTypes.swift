import BeaconEngine

/// The shape of an input file, detected from its content (after gunzip and BOM strip), never only from
/// the file name.
public enum InputFormat: String, Sendable {
    /// A header row, then one record a row (RFC 4180 quoting).
    case csv
    /// The Advanced Hunting API response: `{"Schema": [{"Name": …, "Type": …}], "Results": [{…}]}`.
    case advancedHuntingJSON
    /// A JSON array of event objects.
    case jsonArray
    /// One event object a line, bare or wrapped as `{"properties": {…}}` (the streaming API's shape).
    case jsonLines
    /// Windows event records as JSON lines (nxlog, winlogbeat): Sysmon event 3 and Security event 5156.
    case windowsEventJSON
    /// Windows events as XML (`wevtutil qe LOG /f:xml`): Sysmon event 3 and Security event 5156.
    case windowsEventXML
    /// A Zeek conn.log in Zeek's tab-separated format.
    case zeekConnTSV
    /// A Zeek conn.log as JSON lines.
    case zeekConnJSON
    /// A Zeek http.log: no events of its own; its `host` names the host of a conn record with the same uid.
    case zeekHTTP
    /// A Zeek ssl.log: no events of its own; its `server_name` names the host of a conn record.
    case zeekSSL

    /// Whether the file only adds to another file's events (Zeek http and ssl logs).
    public var isCompanion: Bool { self == .zeekHTTP || self == .zeekSSL }

    /// A short name for load summaries.
    public var label: String {
        switch self {
        case .csv: "CSV"
        case .advancedHuntingJSON: "Advanced Hunting JSON"
        case .jsonArray: "JSON array"
        case .jsonLines: "JSON lines"
        case .windowsEventJSON: "Windows events, JSON lines"
        case .windowsEventXML: "Windows events, XML"
        case .zeekConnTSV: "Zeek conn log"
        case .zeekConnJSON: "Zeek conn log, JSON"
        case .zeekHTTP: "Zeek http log"
        case .zeekSSL: "Zeek ssl log"
        case .kustoResultCSV: "Kusto query result, CSV"
        case .kustoResultJSON: "Kusto query result, JSON"
        }
    }

    /// The hunting query's output, run in Kusto and exported as CSV: beacons, not events.
    case kustoResultCSV
    /// The hunting query's output as JSON (array, lines, or an Advanced Hunting response).
    case kustoResultJSON

    /// Whether files of this format hold the query's output rather than events.
    public var isQueryResult: Bool { self == .kustoResultCSV || self == .kustoResultJSON }
}

/// A malformed row: skipped, counted, and (the first few of each file) reported as `file:line`.
public struct IngestIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The physical line where the record starts (CSV header = line 1), when known.
    public var line: Int?
    /// The column at fault, when one is.
    public var field: String?
    /// What is wrong. Data quoted in it has its control characters already escaped.
    public var message: String

    public init(file: String, line: Int?, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// One line, e.g. `events.csv:12: field 'RemotePort': not a number "abc"`, safe to print on a terminal.
    public var description: String {
        var text = escapeForTerminal(file)
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "field '\(escapeForTerminal(field))': " }
        text += escapeForTerminal(message, escapeBackslash: false)
        return text
    }
}

/// What was read from one input file.
public struct FileLoadSummary: Sendable {
    public var path: String
    public var format: InputFormat
    /// The file was gzip data (detected from its magic bytes).
    public var compressed: Bool
    /// Data records seen (header and blank lines not counted).
    public var rowsRead: Int
    public var rowsLoaded: Int
    /// Malformed records, skipped and counted (the first few reported as issues).
    public var rowsSkipped: Int
    /// Well-formed records that are not events of the analysis: other Windows event ids, inbound
    /// connections, the provider `--provider` left out, records of other Zeek logs.
    public var rowsIgnored: Int
    /// Security 5156 records dropped because a Sysmon record of this load describes the same connection.
    /// For an events file, rowsRead = rowsLoaded + rowsSkipped + rowsIgnored + mergedDuplicates.
    public var mergedDuplicates: Int
    /// What the analyst should know about how this file was read (time zones estimated, records left out).
    public var notes: [String]
    /// The earliest through the latest time of the events this file contributed, so that a file the
    /// analysis window leaves out entirely can be named (`WindowFit.notes`); nil when it contributed none,
    /// and for Kusto query results, which hold beacons rather than events.
    public var timeRange: ClosedRange<Instant>?
    /// Rows noted as later than a threshold, only when `SetAsideRowLocator` reads the file again.
    var lateRows = LateRows()

    public init(path: String, format: InputFormat, compressed: Bool, rowsRead: Int, rowsLoaded: Int, rowsSkipped: Int,
                rowsIgnored: Int = 0, mergedDuplicates: Int = 0, notes: [String] = [],
                timeRange: ClosedRange<Instant>? = nil) {
        self.path = path
        self.format = format
        self.compressed = compressed
        self.rowsRead = rowsRead
        self.rowsLoaded = rowsLoaded
        self.rowsSkipped = rowsSkipped
        self.rowsIgnored = rowsIgnored
        self.mergedDuplicates = mergedDuplicates
        self.notes = notes
        self.timeRange = timeRange
    }

    /// The file as the window's notes name it; nil when it contributed no events.
    public var windowFitFile: WindowFit.File? {
        timeRange.map { WindowFit.File(path: path, events: rowsLoaded, timeRange: $0) }
    }
}

/// Every file's events in one table, with what was skipped on the way.
public struct LoadResult: Sendable {
    public var table: EventTable
    /// One summary per file, in the order the files were given.
    public var files: [FileLoadSummary]
    /// The first `EventLoader.issuesReportedPerFile` issues of each file.
    public var issues: [IngestIssue]
    /// Malformed rows skipped over all files (reported or not).
    public var skippedRows: Int
    /// Security 5156 records merged into the Sysmon record of the same connection, over all files.
    public var mergedDuplicates: Int
    /// Files found in a directory that hold no events this loader reads (a README, a Zeek dns.log), with
    /// why; a file named explicitly would have stopped the load instead.
    public var filesLeftOut: [LoadError]
    /// Rows of the query's output run in Kusto, from files that hold results rather than events.
    public var queryResults: [QueryResultRow] = []

    public init(table: EventTable, files: [FileLoadSummary], issues: [IngestIssue], skippedRows: Int,
                mergedDuplicates: Int = 0, filesLeftOut: [LoadError] = []) {
        self.table = table
        self.files = files
        self.issues = issues
        self.skippedRows = skippedRows
        self.mergedDuplicates = mergedDuplicates
        self.filesLeftOut = filesLeftOut
    }
}

/// A problem that makes a whole file unusable. The description is one line naming the file.
public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    /// A FIFO, socket or device (`kind` names it: "a FIFO"): refused before it is opened, since opening a
    /// FIFO without a writer blocks and a device may never end.
    case notRegularFile(path: String, kind: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    /// Not text this loader understands (binary, another compression, UTF-16, …).
    case unknownFormat(path: String, reason: String)
    /// Every required column the file lacks, in the query's column order.
    case missingColumns(path: String, columns: [String])
    case corruptGzip(path: String, reason: String)
    case invalidJSON(path: String, line: Int?, reason: String)
    /// Query results and raw events cannot be analysed together.
    case mixesResultsAndEvents(path: String)
    /// A directory with no file to read in it (hidden files aside).
    case noFiles(path: String)
    /// A file that holds no connections: a Zeek http or ssl log without its conn log.
    case notConnectionEvents(path: String, reason: String)

    /// Whether a file found in a directory is simply not an event file (left out, the load goes on),
    /// rather than a damaged one (which stops the load as it would named explicitly).
    var isNotAnEventFile: Bool {
        switch self {
        case .empty, .unknownFormat, .missingColumns, .notConnectionEvents, .notRegularFile: true
        case .fileNotFound, .isDirectory, .unreadable, .corruptGzip, .invalidJSON, .noFiles, .mixesResultsAndEvents: false
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case .fileNotFound(let path), .isDirectory(let path), .unreadable(let path, _), .empty(let path),
             .notRegularFile(let path, _),
             .unknownFormat(let path, _), .missingColumns(let path, _), .corruptGzip(let path, _),
             .invalidJSON(let path, _, _), .noFiles(let path), .notConnectionEvents(let path, _),
             .mixesResultsAndEvents(let path):
            return path
        }
    }

    public var description: String {
        let file = escapeForTerminal(path)
        switch self {
        case .fileNotFound:
            return "\(file): no such file"
        case .isDirectory:
            return "\(file): is a directory, not a file"
        case .notRegularFile(_, let kind):
            return "\(file): not a regular file (\(kind))"
        case .unreadable(_, let reason):
            return "\(file): cannot read: \(escapeForTerminal(reason, escapeBackslash: false))"
        case .empty:
            return "\(file): empty file, no header or events"
        case .unknownFormat(_, let reason):
            return "\(file): unknown format: \(escapeForTerminal(reason, escapeBackslash: false))"
        case .missingColumns(_, let columns):
            let names = columns.map { escapeForTerminal($0) }.joined(separator: ", ")
            return "\(file): missing required column\(columns.count == 1 ? "" : "s"): \(names)"
        case .corruptGzip(_, let reason):
            return "\(file): corrupt gzip data: \(escapeForTerminal(reason, escapeBackslash: false))"
        case .mixesResultsAndEvents:
            return "\(file): holds the query's results (TimeDeltaList), but other files hold raw events; load them separately"
        case .invalidJSON(_, let line, let reason):
            let at = line.map { ":\($0)" } ?? ""
            return "\(file)\(at): invalid JSON document: \(escapeForTerminal(reason, escapeBackslash: false))"
        case .noFiles:
            return "\(file): directory without files to read"
        case .notConnectionEvents(_, let reason):
            return "\(file): no connection events: \(escapeForTerminal(reason, escapeBackslash: false))"
        }
    }
}
