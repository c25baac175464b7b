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
        if loaded.table.count == 0 && loaded.skippedRows > 0 {
            printError("beacon-triage: no usable rows in \(paths.map(terminalSafe).joined(separator: ", "))")
            throw ExitCode(2)
        }
        return loaded
    }

    static func report(_ loaded: LoadResult) {
        for file in loaded.files {
            printError("loaded \(file.rowsLoaded) events from \(terminalSafe(file.path)) (\(file.format.rawValue)\(file.compressed ? ", gzip" : ""))"
                + (file.rowsSkipped > 0 ? ", skipped \(file.rowsSkipped) malformed rows" : ""))
        }
        for issue in loaded.issues { printError("  \(issue)") }
        let reported = loaded.issues.count
        if loaded.skippedRows > reported {
            printError("  ... and \(loaded.skippedRows - reported) more malformed rows")
        }
    }

    /// A short name for the data set: the file names, or the demo's.
    static func name(_ files: [String]) -> String {
        files.isEmpty ? "demo day" : files.map { String($0.split(separator: "/").last ?? Substring($0)) }.joined(separator: ", ")
    }
}
