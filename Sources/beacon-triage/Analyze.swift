import ArgumentParser
import BeaconEngine
import KQL
import BeaconIngest
import Foundation
import Triage

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the query headless and print the beacons it reports.",
        discussion: """
        Without FILE arguments, analyses the shipped demo data (\(DemoData.description)).

        The window is printed to standard error, with the load summary and, with --stats, the rows left \
        after each stage. Malformed rows are skipped, counted and the first few reported as file:line; a \
        missing or unreadable file, an unknown format, missing columns or files without a single usable \
        event stop with exit status 2 (a Kusto result without rows is an answer, not an error).

        When the data spans more than the window, standard error also says how many events fall outside \
        it (of the top beacon when some of its events do) and names each file whose events all fall \
        outside, then gives the --start that takes in every event. Without --now the window ends at the \
        latest credible event: rows dated more than a day past this machine's clock (when they are at \
        most 0.1 % of the rows) or past the 99.9th percentile of the timestamps are set aside, counted \
        and named by file:line. When no beacon is reported and more than half the events fall outside \
        the window, the exit status is 3.

        --mode corrected changes exactly these quirks of the query, nothing else:
        \(QueryQuirk.allCases.map { "  " + $0.correction }.joined(separator: "\n"))
        Every other option still applies on top of either mode.
        """
    )

    @Argument(help: InputOptions.filesHelp)
    var files: [String] = []

    @OptionGroup var input: InputOptions

    @OptionGroup var query: QueryOptions

    @Option(help: ArgumentHelp("Output: table (for people), jsonl, json or csv (the query's columns under their KQL names).", valueName: "format"))
    var format: String = OutputFormat.table.rawValue

    @Flag(help: "Also list the near misses: rejected groups that had enough events, with the stage and value that removed them.")
    var explain = false

    @Flag(name: .customLong("include-rejected"), help: "Also list every rejected group, with the stage that removed it.")
    var includeRejected = false

    @Flag(help: "Print to standard error how many rows remain after each stage.")
    var stats = false

    @Option(help: LoadPasses.help)
    var passes: LoadPasses = .auto

    @Option(help: ArgumentHelp("Hunt mode: the triage file whose false positives count as known benign (default: <first file>.triage.toml when it exists).", valueName: "file"))
    var triage: String?

    /// Checked while parsing, so a mistake is reported with `analyze`'s usage (`QueryOptions.validate`).
    func validate() throws {
        _ = try outputFormat()
        if files.isEmpty { _ = try DemoData.defaultFile() }
    }

    func outputFormat() throws -> OutputFormat {
        guard let outputFormat = OutputFormat(rawValue: format) else {
            throw ValidationError("--format must be one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(format)'")
        }
        return outputFormat
    }

    mutating func run() throws {
        let outputFormat = try outputFormat()
        var parameters = try query.parameters()
        if parameters.mode == .hunt { parameters.hunt.falsePositives = try falsePositiveEntries() }
        let provider = try input.windowsProvider()
        let clock = Instant.current
        var loaded = try InputFiles.load(files, provider: provider, passes: passes, parameters: parameters, clock: clock,
                                         whyNotTwo: LoadPasses.whyNotTwo(parameters, includesRejected: includeRejected))

        let analysis = InputFiles.analyze(&loaded, parameters: parameters, clock: clock)
        printError(windowDescription(analysis))
        for note in InputFiles.setAsideNotes(loaded, analysis, provider: provider) { printError(note) }
        for note in InputFiles.windowNotes(loaded, analysis) { printError(note) }
        if let warning = Self.eventCapWarning(analysis, start: query.start) { printError(warning) }
        if stats { printError(stageCounts(analysis)) }

        var rows = analysis.beacons
        if includeRejected {
            rows += analysis.candidates.filter { !$0.isReported }
        } else if explain {
            rows += analysis.nearMisses
        }
        FileHandle.standardOutput.write(Data(AnalysisReport.render(rows, format: outputFormat,
                                                                   explain: explain || includeRejected,
                                                                   hunt: parameters.mode == .hunt).utf8))
        if let missed = InputFiles.windowMissedData(loaded, analysis) {
            printError(missed)
            throw ExitCode(InputFiles.windowMissedDataStatus)
        }
    }

    /// The triage file's false positives in force now; none when no triage file is named or beside the data.
    func falsePositiveEntries() throws -> [KnownBenignEntry] {
        guard let path = triage ?? files.first.map(TriageStore.defaultPath(forDataFile:)) else { return [] }
        guard FileManager.default.fileExists(atPath: path) else {
            guard triage == nil else {
                // A mistyped --triage would silently raise every marked beacon's score.
                printError("beacon-triage: --triage: no such file \(terminalSafe(path))")
                throw ExitCode(2)
            }
            return []
        }
        do {
            return TriageBook(decisions: try TriageStore.open(path: path).decisions).falsePositiveEntries(at: Date())
        } catch {
            printError("beacon-triage: \(terminalSafe(error.description))")
            throw ExitCode(2)
        }
    }

    func windowDescription(_ analysis: BeaconAnalysis) -> String {
        let window = analysis.window
        if analysis.analysesQueryResults {
            return "query results from Kusto: \(analysis.candidates.count) rows, thresholds re-applied (mode \(analysis.parameters.mode.rawValue)); \(analysis.beacons.count) beacon\(analysis.beacons.count == 1 ? "" : "s") reported"
        }
        let anchor = window.anchoredOnData ? " (now = latest event + end offset)" : ""
        return "window: \(formatKustoDatetime(window.start)) .. \(formatKustoDatetime(window.end)), now \(formatKustoDatetime(window.now))\(anchor); mode \(analysis.parameters.mode.rawValue); \(analysis.beacons.count) beacon\(analysis.beacons.count == 1 ? "" : "s") reported"
    }

    /// Quirk Q11 said plainly: past 24.8 days the query's event cap overflows int, `< null` is never true and
    /// the query returns nothing, which a script would otherwise take for a clean result.
    static func eventCapWarning(_ analysis: BeaconAnalysis, start: String) -> String? {
        let parameters = analysis.parameters
        guard parameters.mode != .hunt, parameters.maxEventsOverride == nil, !analysis.analysesQueryResults,
              analysis.window.derivedMaxEvents == nil else { return nil }
        return "beacon-triage: window of \(terminalSafe(start)): the query's TotalEventsThresholdMax overflows int (quirk Q11), so no group can pass; use --mode hunt or --max-events"
    }

    func stageCounts(_ analysis: BeaconAnalysis) -> String {
        var lines = ["stage                 rows left", "loaded events        \(analysis.eventCount)"]
        for (stage, remaining) in analysis.stageCounts {
            let unit = QueryStage.eventFilters.contains(stage) ? "events" : "groups"
            lines.append("\(stage.label.padding(toLength: 20, withPad: " ", startingAt: 0)) \(remaining) \(unit)")
        }
        return lines.joined(separator: "\n")
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
