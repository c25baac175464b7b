import ArgumentParser
import BeaconEngine
import BeaconIngest

/// Loading the FILE arguments the same way for every command: the demo data when none are given, fatal
/// problems as one line and exit status 2, malformed rows summarised on standard error.
enum InputFiles {
    static func load(_ files: [String]) throws -> LoadResult {
        let paths = files.isEmpty ? [try DemoData.defaultFile()] : files
        let loaded: LoadResult
        do {
            loaded = try EventLoader.load(paths: paths)
        } catch let error as LoadError {
            printError("beacon-triage: \(error)")
            throw ExitCode(2)
        }
        report(loaded)
        if loaded.table.count == 0 && loaded.queryResults.isEmpty && loaded.skippedRows > 0 {
            printError("beacon-triage: no usable rows in \(paths.map(terminalSafe).joined(separator: ", "))")
            throw ExitCode(2)
        }
        return loaded
    }

    static func report(_ loaded: LoadResult) {
        for file in loaded.files {
            let what = file.format.isQueryResult ? "query result rows" : "events"
            printError("loaded \(file.rowsLoaded) \(what) from \(terminalSafe(file.path)) (\(file.format.rawValue)\(file.compressed ? ", gzip" : ""))"
                + (file.rowsSkipped > 0 ? ", skipped \(file.rowsSkipped) malformed rows" : ""))
        }
        for issue in loaded.issues { printError("  \(issue)") }
        let reported = loaded.issues.count
        if loaded.skippedRows > reported {
            printError("  ... and \(loaded.skippedRows - reported) more malformed rows")
        }
    }

    /// The analysis of what was loaded: the query over the events, or its thresholds re-applied to the
    /// rows a Kusto run returned.
    static func analyze(_ loaded: LoadResult, parameters: QueryParameters) -> BeaconAnalysis {
        if loaded.queryResults.isEmpty { return BeaconQuery.run(loaded.table, parameters: parameters) }
        if !parameters.differsOnlyInThresholds(from: QueryParameters(mode: parameters.mode)) {
            printError("beacon-triage: query results carry no raw events: the window, keep-private and action-type options do not apply to them")
        }
        return QueryResultTriage.decide(loaded.queryResults, parameters: parameters)
    }

    /// A short name for the data set: the file names, or the demo's.
    static func name(_ files: [String]) -> String {
        files.isEmpty ? "demo day" : files.map { String($0.split(separator: "/").last ?? Substring($0)) }.joined(separator: ", ")
    }
}
