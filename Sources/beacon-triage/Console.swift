import ArgumentParser
import BeaconEngine
import TerminalBackend
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
            terminal.flush(view(state, glyphs: glyphs), styling: state.theme)
        }
        terminal.stop()
        if let signal = SignalHandling.pendingQuitSignal, signal != SIGINT {
            SignalHandling.terminate(bySignal: signal)
        }
    }
}
