import ArgumentParser
import BeaconEngine
import KQL
import BeaconIngest
import Foundation
import HuntingQuery
import Triage

/// `beacon-triage kql`: the hunting query as KQL, for the data too big to leave Kusto. The same query
/// options as `analyze`, the triage file's false positives as exclusions; nothing is loaded or run here.
struct Kql: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kql",
        abstract: "Print the hunting query as KQL to run in Defender advanced hunting, Sentinel or Azure Data Explorer.",
        discussion: """
        With the default options the output is the published query, byte for byte. Thresholds, the window \
        (spans before now(), or datetime bounds for times and --now), --mode corrected and --keep-private \
        change the lines they concern, each after a comment saying why, and a header lists what differs.

        --mode corrected writes these corrections in KQL:
        \(QueryQuirk.allCases.map { "  " + $0.correction }.joined(separator: "\n"))

        False positives of the triage file (--triage FILE, or <first FILE>.triage.toml when FILE arguments \
        are given; the data itself is not read) become `where not(...)` filters right after the row \
        filters, one per mark with its author and reason in a comment; expired marks are left out, a mark \
        with an expiry holds only while `now() < datetime(<expiry>)`, so it stops applying in Kusto when it \
        expires, and a narrower mark with another status keeps its events. Every value is written as an \
        escaped Kusto string literal.

        --mode hunt renders hunt mode's detector instead (docs/kql-hunt.md): the false positives and the \
        known-benign catalogue lower the matching rows' BeaconScore and name them, rather than exclude them.

        --zero-spread, --variance-form and --domains-drop-empty describe how Kusto is assumed to compute; \
        the query leaves that to Kusto and they change nothing here.

        An existing --output file is kept unless --force is given. A FILE or a --triage file that does not \
        exist (a typo would silently drop every exclusion), a broken triage file or an output that cannot \
        be written stop with exit status 2. <first FILE>.triage.toml may be missing: no marks yet.
        """
    )

    @Argument(help: ArgumentHelp("DeviceNetworkEvents files whose triage file (<first file>.triage.toml) holds the marks; they must exist but are not read.", valueName: "file"))
    var files: [String] = []

    @OptionGroup var query: QueryOptions

    @Option(help: ArgumentHelp("defender (advanced hunting, Timestamp) or sentinel (Sentinel / Log Analytics, TimeGenerated).", valueName: "flavor"))
    var flavor: String = QueryFlavor.defender.rawValue

    @Option(help: ArgumentHelp("The triage decisions file, which must exist (default: <first file>.triage.toml, which may not exist yet; none without FILE).", valueName: "file"))
    var triage: String?

    @Option(help: ArgumentHelp("Write the query to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Replace the --output file if it exists.")
    var force = false

    /// Checked while parsing, so a mistake is reported with `kql`'s usage (`QueryOptions.validate`).
    func validate() throws {
        _ = try chosenFlavor()
    }

    func chosenFlavor() throws -> QueryFlavor {
        guard let chosen = QueryFlavor(rawValue: flavor) else {
            throw ValidationError("--flavor must be defender or sentinel, not '\(flavor)'")
        }
        return chosen
    }

    mutating func run() throws {
        let chosenFlavor = try chosenFlavor()
        let parameters = try query.parameters()
        try checkNamedFilesExist()
        if let output, !force, FileManager.default.fileExists(atPath: output) {
            printError("beacon-triage: \(TriageStorageError.exists(path: terminalSafe(output)))")
            throw ExitCode(2)
        }
        let triagePath = triage ?? files.first.map(TriageStore.defaultPath(forDataFile:))
        var decisions: [TriageDecision] = []
        if let triagePath {
            do {
                decisions = try TriageStore.open(path: triagePath).decisions
            } catch {
                printError("beacon-triage: \(terminalSafe(error.description))")
                throw ExitCode(2)
            }
        }

        let now = Date()
        let rendered = HuntingQuery(parameters: parameters, flavor: chosenFlavor, decisions: decisions,
                                    triageFile: triagePath, at: now)
        let text = rendered.render()
        if let output {
            do {
                try AtomicFile.write(text, to: output, overwrite: force)
            } catch {
                printError("beacon-triage: \(terminalSafe(error.description))")
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        printError(summary(rendered, decisions: decisions, triagePath: triagePath))
    }

    /// Stops with exit status 2 when a FILE or the --triage file does not exist: the data is not read, but
    /// a mistyped name would otherwise print a query without a single exclusion and exit 0. The default
    /// <first FILE>.triage.toml may be missing: no marks have been made on that data yet.
    func checkNamedFilesExist() throws {
        let missing = files.filter { !FileManager.default.fileExists(atPath: $0) }
        for file in missing { printError("beacon-triage: \(terminalSafe(file)): no such file") }
        if let triage, !FileManager.default.fileExists(atPath: triage) {
            printError("beacon-triage: --triage: no such file \(terminalSafe(triage))")
            throw ExitCode(2)
        }
        if !missing.isEmpty { throw ExitCode(2) }
    }

    /// One line for standard error: what was written and which marks it excludes.
    func summary(_ query: HuntingQuery, decisions: [TriageDecision], triagePath: String?) -> String {
        let target = output.map { "wrote the query to \(terminalSafe($0))" } ?? "printed the query"
        let setting = "\(query.flavor.rawValue), \(query.parameters.mode.rawValue) mode"
        guard let triagePath else { return "\(target) (\(setting)); no triage file, no exclusions" }
        let falsePositives = decisions.filter { $0.status == .falsePositive }.count
        if query.parameters.mode == .hunt {
            let catalogue = query.parameters.hunt.usesCatalogue ? "\(query.parameters.hunt.catalogue.count) catalogue entries" : "no catalogue"
            return "\(target) (\(setting)); \(catalogue) and \(falsePositives) false-positive mark\(falsePositives == 1 ? "" : "s") of \(decisions.count) decision\(decisions.count == 1 ? "" : "s") in \(terminalSafe(triagePath)) lower scores, nothing excluded"
        }
        let count = query.exclusions.count
        return "\(target) (\(setting)); \(count) exclusion\(count == 1 ? "" : "s") from \(falsePositives) false-positive mark\(falsePositives == 1 ? "" : "s") of \(decisions.count) decision\(decisions.count == 1 ? "" : "s") in \(terminalSafe(triagePath))"
    }
}
