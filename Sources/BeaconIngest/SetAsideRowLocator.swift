import BeaconEngine

/// A row the window's anchor set aside (`SetAsideRows`), where it sits in the input.
public struct SetAsideRow: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The row's line; nil for a format the loader keeps no line for (Windows events, Zeek), or should
    /// the file have changed since it was loaded.
    public var line: Int?
    public var time: Instant

    public init(file: String, line: Int?, time: Instant) {
        self.file = file
        self.line = line
        self.time = time
    }

    /// `events.csv:301: dated 9999-12-31T00:00:00.0000000Z`, safe to print on a terminal.
    public var description: String { "\(place): dated \(formatKustoDatetime(time))" }

    /// `events.csv:301`, or the file alone when no line is known; safe to print on a terminal.
    public var place: String { escapeForTerminal(file) + (line.map { ":\($0)" } ?? " (line not recorded)") }
}

/// Finds the file:line of the rows a window's anchor set aside, after the fact: the event table keeps no
/// lines (16 bytes a row), and the threshold is only known once every file is loaded. So the files whose
/// latest event is past the threshold (`FileLoadSummary.timeRange`) are read again, with the loader
/// noting the rows past it. Nothing of this runs on data without such rows; with them, it costs a second
/// read of the files that hold them.
public enum SetAsideRowLocator {
    /// How many rows are named; the count says how many there are in all.
    public static let rowsNamed = 5

    /// The first `rowsNamed` rows later than `setAside.after`, in file order. A file whose rows cannot be
    /// located (a native format, or the file changed) is named once, with its latest time and no line.
    public static func locate(_ setAside: SetAsideRows, in files: [FileLoadSummary],
                              provider: WindowsEventProvider = .auto) -> [SetAsideRow] {
        var found: [SetAsideRow] = []
        for file in files where found.count < rowsNamed {
            guard let range = file.timeRange, range.upperBound > setAside.after else { continue }
            var rows = rereadRows(file, after: setAside.after, provider: provider)
            if rows.isEmpty { rows = [SetAsideRow(file: file.path, line: nil, time: range.upperBound)] }
            found += rows.prefix(rowsNamed - found.count)
        }
        return found
    }

    /// What standard error and the console's warnings say: how many rows, after what and why, then each
    /// row named (terminal-safe).
    public static func notes(_ setAside: SetAsideRows, rows: [SetAsideRow]) -> [String] {
        let what = setAside.count == 1 ? "1 row" : "\(setAside.count) rows"
        var lines = ["\(what) dated after \(formatKustoDatetime(setAside.after)) set aside: the window is anchored "
                     + "on the latest other event (\(setAside.reason))"]
        lines += rows.map { "  \($0)" }
        if setAside.count > rows.count { lines.append("  ... and \(setAside.count - rows.count) more") }
        return lines
    }

    /// The file's rows past `after`, read again; empty for the formats read as a whole load's batch.
    private static func rereadRows(_ file: FileLoadSummary, after: Instant,
                                   provider: WindowsEventProvider) -> [SetAsideRow] {
        switch file.format {
        case .csv, .jsonArray, .jsonLines, .advancedHuntingJSON: break
        default: return []
        }
        var options = EventLoader.ReadOptions()
        options.notesRowsAfter = after.ticks
        guard let reread = try? EventLoader.load(paths: [file.path], provider: provider, progress: nil, options: options),
              let summary = reread.files.first else { return [] }
        return summary.lateRows.rows.map { SetAsideRow(file: file.path, line: $0.line, time: Instant(ticks: $0.ticks)) }
    }
}

/// The first rows of a file later than a threshold, with their lines, as the loader notes them when
/// `SetAsideRowLocator` asks.
struct LateRows: Sendable {
    private(set) var rows: [(line: Int?, ticks: Int64)] = []

    mutating func include(line: Int?, ticks: Int64) {
        if rows.count < SetAsideRowLocator.rowsNamed { rows.append((line, ticks)) }
    }

    /// Folds in a later part of the same file (a CSV block), whose lines `lineOffset` makes the file's.
    mutating func include(_ later: LateRows, lineOffset: Int) {
        for row in later.rows { include(line: row.line.map { $0 + lineOffset }, ticks: row.ticks) }
    }
}
