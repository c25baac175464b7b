import ArgumentParser
import BeaconEngine
import BeaconIngest
import Foundation
import TerminalBackend
import Triage
import TriageApp
import TriageUI
#if canImport(Glibc)
import Glibc
#endif

struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the triage console (the default command).",
        discussion: """
        Without FILE arguments, opens the shipped demo day. Keys: press ? in the console; they are also \
        listed in README.md. Needs a terminal (stdin and stdout a TTY, TERM set and not dumb); use \
        `beacon-triage analyze` in scripts and pipes.
        """
    )

    @Argument(help: InputOptions.filesHelp)
    var files: [String] = []

    @OptionGroup var input: InputOptions

    @OptionGroup var query: QueryOptions

    @Flag(name: .customLong("no-color"), help: "Draw without colours (also when NO_COLOR is set and not empty).")
    var noColor = false

    @Option(help: ArgumentHelp("The triage file of marks, statuses and notes (TOML, shareable). Default: beside the first data file, <file>.triage.toml.", valueName: "file"))
    var triage: String?

    @Option(help: ArgumentHelp("Colour theme: dark, light, high-contrast, mono, a name in themes/, or a .toml path; t cycles the built-in ones.", valueName: "name|path"))
    var theme = "dark"

    /// For the tmux tests only (docs/ROBUSTNESS.md): set, the console traps once the terminal is taken
    /// over, to show that a crash gives the terminal back and exits without waiting for a key.
    static let testCrashVariable = "BEACON_TRIAGE_TEST_CRASH"

    /// Checked while parsing, so a missing demo file is reported with the console's usage, not the root's.
    func validate() throws {
        if files.isEmpty { _ = try DemoData.defaultFile() }
    }

    mutating func run() throws {
        if let problem = TerminalGuard.checkCurrentProcess() {
            printError("beacon-triage: \(problem); for output in scripts and pipes use `beacon-triage analyze`")
            throw ExitCode(2)
        }
        var parameters = try query.parameters()
        var warnings: [String] = []
        if let catalogueWarning = Self.loadCatalogue(into: &parameters, path: query.catalogue) { warnings.append(catalogueWarning) }
        // Before the terminal is taken over, so the refusal is read on a normal screen.
        let paths = files.isEmpty ? [try DemoData.defaultFile()] : files
        let estimate = LoadEstimate(paths: paths)
        try InputFiles.checkMemory(paths, estimate)
        let handOver = KustoHandOver.advice(events: estimate.events, estimated: true)
        if let handOver { warnings.append(handOver) }
        let provider = try input.windowsProvider()
        let triagePath = try triage ?? TriageStore.defaultPath(forDataFile: files.first ?? DemoData.defaultFile())
        var store: TriageStore?
        var readOnlyReason: String?
        do {
            store = try TriageStore.open(path: triagePath)
        } catch {
            // Never overwrite what the analyst wrote: a broken file leaves the console read-only.
            readOnlyReason = "\(error)"
            warnings.append("\(error); the console is read-only")
            printError("beacon-triage: \(error); the console opens read-only")
        }
        let chosen = ThemeFile.resolve(theme, searchDirectories: [DemoData.repositoryFolder("themes")])
        for diagnostic in chosen.diagnostics {
            warnings.append("theme \(diagnostic)")
            printError("beacon-triage: theme \(diagnostic)")
        }
        let environment = ConsoleEnvironment(
            author: TriageAuthor.current, triagePath: triagePath, readOnlyReason: readOnlyReason,
            themes: [chosen.theme] + Theme.builtIns.filter { $0.name != chosen.theme.name },
            preparesInBackground: true, warnings: warnings)

        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(noColor: noColor)
        } catch {
            printError("beacon-triage: \(error); for output in scripts and pipes use `beacon-triage analyze`")
            throw ExitCode(2)
        }
        if ProcessInfo.processInfo.environment[Self.testCrashVariable] != nil {
            fatalError("\(Self.testCrashVariable) is set: crashing on purpose with the console shown")
        }
        // The connections view re-reads a beacon's rows from these files (why: `BeaconConnections`).
        let inputPaths = files.isEmpty ? [try DemoData.defaultFile()] : files
        let performer = LiveEffects(store: store, connectionDetails: { key in
            ConnectionDetailReader.read(paths: inputPaths, key: key)
        })
        let runtime = ConsoleRuntime(terminal: terminal, performer: performer, clock: { Date() },
                                     glyphs: terminal.isUTF8 ? .unicode : .ascii,
                                     shouldStop: { SignalHandling.pendingQuitSignal != nil })
        let load = BackgroundLoad(files: files, provider: provider, parameters: parameters,
                                  book: TriageBook(decisions: store?.decisions ?? []), environment: environment,
                                  estimate: estimate, handOver: handOver)
        let outcome: LoadOutcome
        do {
            outcome = try runtime.waitForLoad(load, dataSet: InputFiles.name(files), theme: chosen.theme)
        } catch {
            // A load that failed gives the terminal back first, so its message is read on a normal screen.
            terminal.stop()
            throw error
        }
        if case .loaded(var state, let typedAhead) = outcome {
            runtime.run(&state, typedAhead: typedAhead)
        }
        terminal.stop()
        if let error = performer.lastSaveError {
            printError("beacon-triage: could not save marks: \(error)")
        }
        if let signal = SignalHandling.pendingQuitSignal {
            SignalHandling.terminate(bySignal: signal)
        }
    }

    /// Fills hunt mode's catalogue (`--catalogue`, else the shipped one) unless the options already did or
    /// turned it off, so that `M` can reach hunt mode from any mode with it. A file that does not load is
    /// a warning for the status line, not a refusal: the console is still useful without it, and the
    /// scores say that no catalogue entry matched.
    static func loadCatalogue(into parameters: inout QueryParameters, path: String?) -> String? {
        guard parameters.hunt.catalogue.isEmpty, parameters.hunt.usesCatalogue else { return nil }
        do {
            parameters.hunt.catalogue = try KnownBenignCatalogue.load(path: QueryOptions.cataloguePath(path))
            return nil
        } catch {
            return "catalogue not loaded, hunt scores without it: \(error)"
        }
    }
}
