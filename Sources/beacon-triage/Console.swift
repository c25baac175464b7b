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
        let parameters = try query.parameters()
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
        state.rebuildList()
        state.themes = [chosen.theme] + Theme.builtIns.filter { $0.name != chosen.theme.name }

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
                terminal.flush(loadingView(dataSet: InputFiles.name(files), elapsedSeconds: load.elapsedSeconds,
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

/// Loads the files and prepares the first analysis on another thread, so the console draws and takes
/// keys while a large export loads.
final class BackgroundLoad: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<AppState, any Error>?
    private let started = Date()

    init(files: [String], provider: WindowsEventProvider, parameters: QueryParameters) {
        let name = InputFiles.name(files)
        Thread.detachNewThread { [self] in
            let result = Result { () throws -> AppState in
                let loaded = try InputFiles.load(files, provider: provider)
                return AppState(dataSetName: name, events: loaded.table, parameters: parameters)
            }
            lock.withLock { outcome = result }
        }
    }

    var result: Result<AppState, any Error>? { lock.withLock { outcome } }
    var elapsedSeconds: Double { Date().timeIntervalSince(started) }
}
