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

    mutating func run() throws {
        if let problem = TerminalGuard.checkCurrentProcess() {
            printError("beacon-triage: \(problem); for output in scripts and pipes use `beacon-triage analyze`")
            throw ExitCode(2)
        }
        var parameters = try query.parameters()
        let catalogueWarning = Self.loadCatalogue(into: &parameters, path: query.catalogue)
        // Before the terminal is taken over, so the refusal is read on a normal screen.
        try InputFiles.checkMemory(files.isEmpty ? [try DemoData.defaultFile()] : files)
        let provider = try input.windowsProvider()
        var store: TriageStore?
        var book = TriageBook()
        var readOnlyReason: String?
        let firstFile = try files.first ?? DemoData.defaultFile()
        let triagePath = triage ?? TriageStore.defaultPath(forDataFile: firstFile)
        do {
            let opened = try TriageStore.open(path: triagePath)
            book = TriageBook(decisions: opened.decisions)
            store = opened
        } catch {
            // Never overwrite what the analyst wrote: a broken file leaves the console read-only.
            readOnlyReason = "\(error)"
            printError("beacon-triage: \(error); the console opens read-only")
        }
        let chosen = ThemeFile.resolve(theme, searchDirectories: [DemoData.repositoryFolder("themes")])
        for diagnostic in chosen.diagnostics { printError("beacon-triage: theme \(diagnostic)") }

        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(noColor: noColor)
        } catch {
            printError("beacon-triage: \(error); for output in scripts and pipes use `beacon-triage analyze`")
            throw ExitCode(2)
        }
        let glyphs: GlyphSet = terminal.isUTF8 ? .unicode : .ascii
        guard var state = try waitForData(BackgroundLoad(files: files, provider: provider, parameters: parameters), terminal: terminal,
                                          theme: chosen.theme, glyphs: glyphs) else { return }
        state.book = book
        state.readOnlyReason = readOnlyReason
        state.author = TriageAuthor.current
        state.triagePath = triagePath
        // The marks just read count as catalogue entries in hunt mode.
        state.syncFalsePositives()
        state.rebuildList()
        if let catalogueWarning { state.message = catalogueWarning }
        state.themes = [chosen.theme] + Theme.builtIns.filter { $0.name != chosen.theme.name }
        state.preparesInBackground = true
        // At most one preparation runs; while it does, slider moves only update the parameters, and the
        // result is adopted if it still fits them, else the latest parameters are prepared next.
        var preparation: BackgroundPreparation?

        update(&state, .resize(width: terminal.size.width, height: terminal.size.height))
        terminal.flush(view(state, glyphs: glyphs), styling: state.theme)
        while !state.isQuitting && SignalHandling.pendingQuitSignal == nil {
            let event = terminal.nextEvent(timeoutMilliseconds: preparation == nil ? 250 : 15)
            if let finished = preparation?.result {
                preparation = nil
                state.adopt(finished)
            }
            if let event { update(&state, event) }
            if preparation == nil, let wanted = state.pendingPreparation {
                preparation = BackgroundPreparation(events: state.events, parameters: wanted)
            }
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
            if let request = state.queryRequest {
                let result = Result { () throws(TriageStorageError) in
                    try AtomicFile.write(request.text, to: request.path, overwrite: request.overwrite)
                }
                wroteQuery(&state, request: request, result: result)
            }
            terminal.flush(view(state, glyphs: glyphs), styling: state.theme)
        }
        terminal.stop()
        if let signal = SignalHandling.pendingQuitSignal, signal != SIGINT {
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

    /// Draws the loading screen until the data is ready; nil when the analyst quit meanwhile. A load that
    /// failed gives the terminal back first, so its message is read on a normal screen.
    func waitForData(_ load: BackgroundLoad, terminal: NCursesTerminal, theme: Theme, glyphs: GlyphSet) throws -> AppState? {
        var size = terminal.size
        while true {
            if SignalHandling.pendingQuitSignal != nil {
                terminal.stop()
                return nil
            }
            switch load.result {
            case .success(let state)?:
                return state
            case .failure(let error)?:
                terminal.stop()
                throw error
            case nil:
                terminal.flush(loadingView(dataSet: InputFiles.name(files), status: load.status,
                                           size: size, glyphs: glyphs), styling: theme)
                switch terminal.nextEvent(timeoutMilliseconds: 100) {
                case .resize(let width, let height)?: size = (width, height)
                case .key(.character("q"))?, .key(.control("c"))?:
                    terminal.stop()
                    return nil
                default: break
                }
            }
        }
    }
}
