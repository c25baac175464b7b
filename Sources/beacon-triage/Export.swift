import ArgumentParser
import BeaconEngine
import KQL
import Foundation
import Triage

/// `beacon-triage export`: the console's `e`, headless. Runs the query as `analyze` does, applies the
/// triage file's decisions and the list filter, and writes the reported beacons that remain.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the reported beacons, with their triage status and notes, as CSV, JSON or a Markdown report.",
        discussion: """
        Without FILE arguments, exports from the shipped demo data (\(DemoData.description)).

        Statuses and notes come from the triage file the console writes: by default the first data file's \
        name plus .triage.toml, or --triage FILE. Beacons marked false positive are left out unless \
        --include-false-positives is given. --filter takes the console's filter language, e.g. \
        "status:malicious jitter:<20", "ip:203.0.113.0/24 -process:chrome.exe", "sleep:>5m devices:1".

        csv: the query's columns under their KQL names plus Status, Note and Reason, defused for \
        spreadsheets. json: an array of objects with the same names plus the deciding scope, author and \
        time. md: a report with the data set, window and thresholds, a summary table, and each finding's \
        statistics, status, note, explain trail and a histogram of its time deltas.

        An existing output file is kept unless --force is given. Unreadable data, a --triage file that does \
        not exist, a broken triage file, a bad filter or an output that cannot be written stop with exit \
        status 2. Rows the window's anchor set aside are named on standard error, as by analyze; when no \
        beacon is reported and more than half the events fall outside the window, the file is written \
        and the exit status is 3.
        """
    )

    @Argument(help: InputOptions.filesHelp)
    var files: [String] = []

    @OptionGroup var input: InputOptions

    @OptionGroup var query: QueryOptions

    @Option(help: ArgumentHelp("csv, json or md (Markdown report). Default: from the --out extension.", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("The file to write.", valueName: "path"))
    var out: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Option(help: ArgumentHelp("Export only the beacons matching this filter, as typed at the console's / prompt.", valueName: "filter"))
    var filter: String = ""

    @Option(help: ArgumentHelp("The triage decisions file (default: <first file>.triage.toml).", valueName: "file"))
    var triage: String?

    @Flag(name: .customLong("include-false-positives"), help: "Also export beacons marked false positive.")
    var includeFalsePositives = false

    /// Checked while parsing, so a mistake is reported with `export`'s usage (`QueryOptions.validate`).
    func validate() throws {
        _ = try chosenFormat()
        if files.isEmpty { _ = try DemoData.defaultFile() }
    }

    mutating func run() throws {
        let exportFormat = try chosenFormat()
        var parameters = try query.parameters()
        let beaconFilter: BeaconFilter
        switch BeaconFilter.parse(filter) {
        case .success(let parsed): beaconFilter = parsed
        case .failure(let error):
            printError("beacon-triage: --filter, \(error)\n  \(terminalSafe(filter))\n  \(error.pointer)")
            throw ExitCode(2)
        }

        // The output and the triage file are checked before the (slower) load, so a mistake fails fast; the
        // write itself still refuses atomically should the file appear meanwhile.
        if !force && FileManager.default.fileExists(atPath: out) {
            printError("beacon-triage: \(TriageStorageError.exists(path: terminalSafe(out)))")
            throw ExitCode(2)
        }
        let dataPaths = files.isEmpty ? [try DemoData.defaultFile()] : files
        // A named triage file must exist: a mistyped name would export every false positive as if
        // unmarked. The default one beside the data may not exist yet (no marks made).
        if let triage, !FileManager.default.fileExists(atPath: triage) {
            printError("beacon-triage: --triage: no such file \(terminalSafe(triage))")
            throw ExitCode(2)
        }
        let triagePath = triage ?? TriageStore.defaultPath(forDataFile: dataPaths[0])
        let store: TriageStore
        do {
            store = try TriageStore.open(path: triagePath)
        } catch {
            printError("beacon-triage: \(terminalSafe(error.description))")
            throw ExitCode(2)
        }

        let provider = try input.windowsProvider()
        var loaded = try InputFiles.load(files, provider: provider)
        let now = Date()
        let book = TriageBook(decisions: store.decisions)
        // Hunt mode counts the analyst's false positives as known benign, as the console does.
        parameters.hunt.falsePositives = book.falsePositiveEntries(at: now)
        let analysis = InputFiles.analyze(&loaded, parameters: parameters)
        for note in InputFiles.setAsideNotes(loaded, analysis, provider: provider) { printError(note) }
        let rows = ExportRow.rows(analysis.beacons, book: book, at: now, filter: beaconFilter,
                                  includeFalsePositives: includeFalsePositives)
        let context = ExportContext(dataSet: InputFiles.name(files), parameters: parameters, window: analysis.window,
                                    eventCount: analysis.eventCount, filter: filter, generated: now,
                                    author: TriageAuthor.current)
        do {
            try TriageExport.write(rows, format: exportFormat, context: context, to: out, overwrite: force)
        } catch {
            printError("beacon-triage: \(terminalSafe(error.description))")
            throw ExitCode(2)
        }

        let falsePositives = includeFalsePositives ? 0
            : analysis.beacons.filter { book.status(of: $0.key, at: now).0 == .falsePositive }.count
        let filteredOut = analysis.beacons.count - falsePositives - rows.count
        var left: [String] = []
        if falsePositives > 0 { left.append("\(falsePositives) false positive\(falsePositives == 1 ? "" : "s")") }
        if filteredOut > 0 { left.append("\(filteredOut) not matching the filter") }
        let decisions = store.decisions.isEmpty ? "no triage decisions" : "\(store.decisions.count) triage decision\(store.decisions.count == 1 ? "" : "s")"
        printError("wrote \(rows.count) of \(analysis.beacons.count) reported beacon\(analysis.beacons.count == 1 ? "" : "s") as \(exportFormat.rawValue) to \(terminalSafe(out))"
            + (left.isEmpty ? "" : " (left out: \(left.joined(separator: ", ")))")
            + "; \(decisions) from \(terminalSafe(triagePath))")
        if let missed = InputFiles.windowMissedData(loaded, analysis) {
            printError(missed)
            throw ExitCode(InputFiles.windowMissedDataStatus)
        }
    }

    /// --format, or the output's extension.
    func chosenFormat() throws -> ExportFormat {
        if let format {
            guard let chosen = ExportFormat(name: format) else {
                throw ValidationError("--format must be csv, json or md, not '\(format)'")
            }
            return chosen
        }
        let name = out.split(separator: "/").last.map(String.init) ?? out
        if let dot = name.lastIndex(of: "."), let chosen = ExportFormat(name: String(name[name.index(after: dot)...])) {
            return chosen
        }
        throw ValidationError("--format csv, json or md is needed: '\(out)' does not end in .csv, .json or .md")
    }
}
