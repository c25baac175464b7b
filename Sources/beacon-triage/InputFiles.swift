import ArgumentParser
import BeaconEngine
import KQL
import BeaconIngest

/// How the FILE arguments are read, shared by every command that loads data.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where Sysmon event 3 and Security event 5156 describe the same connections: auto (both, each connection once: a 5156 record repeating a Sysmon one within 2 s is merged into it), sysmon (Sysmon 3 only) or wfp (Security 5156 only).", valueName: "auto|sysmon|wfp"))
    var provider: String = WindowsEventProvider.auto.rawValue

    /// Checked while parsing, so a bad value is reported with the usage of its command (`QueryOptions.validate`).
    func validate() throws {
        _ = try windowsProvider()
    }

    func windowsProvider() throws -> WindowsEventProvider {
        guard let chosen = WindowsEventProvider(rawValue: provider) else {
            throw ValidationError("--provider must be auto, sysmon or wfp, not '\(provider)'")
        }
        return chosen
    }

    /// The FILE arguments' help, the same for every command.
    static let filesHelp = ArgumentHelp(
        "Event files or folders (read recursively): DeviceNetworkEvents CSV or JSON, Sysmon 3 and Security 5156 as JSON lines or wevtutil XML, Zeek conn logs (TSV or JSON, with their http/ssl logs); .gz accepted.",
        valueName: "file")
}

/// Loading the FILE arguments the same way for every command: the demo data when none are given, fatal
/// problems as one line and exit status 2, malformed rows summarised on standard error.
enum InputFiles {
    /// `estimate` is the files' estimate when the caller already made one (`LoadEstimate`).
    static func load(_ files: [String], provider: WindowsEventProvider = .auto,
                     progress: LoadProgress? = nil, estimate: LoadEstimate? = nil) throws -> LoadResult {
        let paths = files.isEmpty ? [try DemoData.defaultFile()] : files
        try checkMemory(paths, estimate ?? LoadEstimate(paths: paths))
        return try checked(paths) {
            try EventLoader.load(paths: paths, provider: provider, progress: progress)
        }
    }

    /// A load's outcome as every command reports it: a fatal problem as one line and exit status 2, the
    /// summary and malformed rows on standard error, no usable event as exit status 2.
    static func checked(_ paths: [String], _ load: () throws -> LoadResult) throws -> LoadResult {
        let loaded: LoadResult
        do {
            loaded = try load()
        } catch let error as LoadError {
            printError("beacon-triage: \(error)")
            throw ExitCode(2)
        }
        report(loaded)
        // A query result with no rows is Kusto's answer "no beacons"; event files without a single event
        // (a header alone, an empty JSON array) leave nothing to analyse, which a script must notice.
        let readResults = loaded.files.contains { $0.format.isQueryResult }
        if readResults ? loaded.queryResults.isEmpty && loaded.skippedRows > 0 : loaded.table.rowsRead == 0 {
            let what = loaded.skippedRows > 0 ? "no usable rows" : "no events"
            printError("beacon-triage: \(what) in \(paths.map(terminalSafe).joined(separator: ", "))")
            throw ExitCode(2)
        }
        return loaded
    }

    /// Stops with a message and status 2 when the files would not fit in memory.
    static func checkMemory(_ paths: [String], _ estimate: LoadEstimate) throws {
        if let refusal = MemoryBudget.refusal(estimate) {
            printError("beacon-triage: \(paths.map(terminalSafe).joined(separator: ", ")): \(refusal)")
            throw ExitCode(2)
        }
    }

    /// Files listed one by one up to this many; beyond, a line per format (a folder of rotated logs).
    static let filesListedSeparately = 12

    static func report(_ loaded: LoadResult) {
        if loaded.files.count <= filesListedSeparately {
            for file in loaded.files { printError(line(for: file)) }
        } else {
            for (format, files) in Dictionary(grouping: loaded.files, by: \.format).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let compressed = files.filter(\.compressed).count
                let summary = FileLoadSummary(path: "\(files.count) files", format: format, compressed: compressed > 0,
                                              rowsRead: files.map(\.rowsRead).reduce(0, +),
                                              rowsLoaded: files.map(\.rowsLoaded).reduce(0, +),
                                              rowsSkipped: files.map(\.rowsSkipped).reduce(0, +),
                                              rowsIgnored: files.map(\.rowsIgnored).reduce(0, +),
                                              mergedDuplicates: files.map(\.mergedDuplicates).reduce(0, +))
                printError(line(for: summary, pathIsSafe: true))
            }
        }
        for file in loaded.files {
            for note in file.notes { printError("  \(terminalSafe(file.path)): \(note)") }
        }
        for leftOut in loaded.filesLeftOut { printError("  left out \(leftOut)") }
        if loaded.mergedDuplicates > 0 {
            printError("  \(loaded.mergedDuplicates) Security 5156 records merged into the Sysmon record of the same connection (--provider to choose one)")
        }
        for issue in loaded.issues { printError("  \(issue)") }
        let reported = loaded.issues.count
        if loaded.skippedRows > reported {
            printError("  ... and \(loaded.skippedRows - reported) more malformed rows")
        }
    }

    /// The analysis of what was loaded: the query over the events, or its thresholds re-applied to the
    /// rows a Kusto run returned.
    /// `clock` is what a window anchored on the data judges future-dated rows against (`WindowAnchor`).
    /// A table read in two passes is handed to the query as its only copy, which frees its rows once
    /// grouped; what reads them later (`WindowFit`) reads the second pass's counts instead.
    static func analyze(_ loaded: inout LoadResult, parameters: QueryParameters, clock: Instant = .current) -> BeaconAnalysis {
        if loaded.queryResults.isEmpty {
            let table = loaded.table
            if table.secondPass != nil { loaded.table.releaseRows() }
            return BeaconQuery.run(consume table, parameters: parameters, currentTime: clock)
        }
        if parameters.basis != QueryBasis(mode: parameters.mode) {
            printError("beacon-triage: query results carry no raw events: the window, keep-private and action-type options do not apply to them")
        }
        return QueryResultTriage.decide(loaded.queryResults, parameters: parameters)
    }

    private static func line(for file: FileLoadSummary, pathIsSafe: Bool = false) -> String {
        let path = pathIsSafe ? file.path : terminalSafe(file.path)
        let format = "(\(file.format.label)\(file.compressed ? ", gzip" : ""))"
        if file.format.isCompanion {
            return "read \(file.rowsRead) records from \(path) \(format) for the host names of conn records"
                + (file.rowsSkipped > 0 ? ", skipped \(file.rowsSkipped) malformed rows" : "")
        }
        var extras: [String] = []
        if file.rowsSkipped > 0 { extras.append("skipped \(file.rowsSkipped) malformed rows") }
        if file.mergedDuplicates > 0 { extras.append("merged \(file.mergedDuplicates) duplicates") }
        if file.rowsIgnored > 0 { extras.append("left out \(file.rowsIgnored) other records") }
        let what = file.format.isQueryResult ? "query result rows" : "events"
        return "loaded \(file.rowsLoaded) \(what) from \(path) \(format)" + extras.map { ", " + $0 }.joined()
    }

    /// A short name for the data set: the file names, or the demo's.
    static func name(_ files: [String]) -> String {
        files.isEmpty ? "demo day" : files.map { String($0.split(separator: "/").last ?? Substring($0)) }.joined(separator: ", ")
    }
}
