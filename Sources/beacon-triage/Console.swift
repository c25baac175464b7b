import ArgumentParser
import BeaconEngine
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

    @Argument(help: ArgumentHelp("DeviceNetworkEvents files (CSV, JSON, JSON lines; .gz accepted).", valueName: "file"))
    var files: [String] = []

    @OptionGroup var query: QueryOptions

    @Flag(name: .customLong("no-color"), help: "Draw without colours (also when NO_COLOR is set and not empty).")
    var noColor = false

    @Option(help: ArgumentHelp("The triage file of marks, statuses and notes (TOML, shareable). Default: beside the first data file, <file>.triage.toml.", valueName: "file"))
    var triage: String?

    @Option(help: ArgumentHelp("Colour theme: dark, light, high-contrast, mono, a name in themes/, or a .toml path; t cycles the built-in ones.", valueName: "name|path"))
    var theme = "dark"

    mutating func run() throws {
        if let problem = TerminalGuard.checkCurrentProcess() {
            printError("beacon-triage: \(problem); for output in scripts and pipes use `beacon-triage analyze`")
            throw ExitCode(2)
        }
        let parameters = try query.parameters()
        let loaded = try InputFiles.load(files)
        var state = AppState(dataSetName: InputFiles.name(files), events: loaded.table, parameters: parameters)
        var store: TriageStore?
        let firstFile = try files.first ?? DemoData.defaultFile()
        let triagePath = triage ?? TriageStore.defaultPath(forDataFile: firstFile)
        do {
            let opened = try TriageStore.open(path: triagePath)
            state.book = TriageBook(decisions: opened.decisions)
            store = opened
        } catch {
            // Never overwrite what the analyst wrote: a broken file leaves the console read-only.
            state.readOnlyReason = "\(error)"
            printError("beacon-triage: \(error); the console opens read-only")
        }
        state.author = TriageAuthor.current
        state.rebuildList()
        let chosen = ThemeFile.resolve(theme, searchDirectories: [DemoData.repositoryFolder("themes")])
        for diagnostic in chosen.diagnostics { printError("beacon-triage: theme \(diagnostic)") }
        state.themes = [chosen.theme] + Theme.builtIns.filter { $0.name != chosen.theme.name }

        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(noColor: noColor)
        } catch {
            printError("beacon-triage: \(error); for output in scripts and pipes use `beacon-triage analyze`")
            throw ExitCode(2)
        }
        let glyphs: GlyphSet = terminal.isUTF8 ? .unicode : .ascii
        update(&state, .resize(width: terminal.size.width, height: terminal.size.height))
        terminal.flush(view(state, glyphs: glyphs), styling: state.theme)
        while !state.isQuitting && SignalHandling.pendingQuitSignal == nil {
            guard let event = terminal.nextEvent(timeoutMilliseconds: 250) else { continue }
            update(&state, event)
            if state.saveRequested, var writer = store {
                let result = Result { () throws(TriageStorageError) in try writer.save(state.book.decisions) }
                store = writer
                saved(&state, result: result)
            }
            if let request = state.exportRequest {
                let result = Result { () throws(TriageStorageError) in
                    try TriageExport.write(request.rows, format: request.format, context: request.context,
                                           to: request.path, overwrite: request.overwrite)
                }
                exported(&state, request: request, result: result)
            }
            terminal.flush(view(state, glyphs: glyphs), styling: state.theme)
        }
        terminal.stop()
        if let signal = SignalHandling.pendingQuitSignal, signal != SIGINT {
            SignalHandling.terminate(bySignal: signal)
        }
    }
}
