#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the interactive console cannot start. The app prints `description` and points to
/// `beacon-triage analyze`, which needs no terminal.
public enum TerminalUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    case inputNotATerminal
    case outputNotATerminal
    case termNotSet
    case dumbTerminal
    /// terminfo knows no such terminal (or it cannot address the cursor).
    case unknownTerminal(String)
    /// The standard streams could not be opened for ncurses.
    case cannotOpenStreams

    public var description: String {
        switch self {
        case .inputNotATerminal:
            return "standard input is not a terminal, so the interactive console cannot read keys"
        case .outputNotATerminal:
            return "standard output is not a terminal, so the interactive console cannot draw"
        case .termNotSet:
            return "TERM is not set, so the terminal type is unknown"
        case .dumbTerminal:
            return "TERM is 'dumb': this terminal cannot move the cursor"
        case .unknownTerminal(let name):
            return "the terminal type '\(name)' is unknown to terminfo or cannot address the cursor"
        case .cannotOpenStreams:
            return "the terminal's input and output streams could not be opened"
        }
    }
}

/// The preconditions for interactive mode. Without them ncurses would spin on a closed input, draw
/// escape sequences into a pipe, or exit by itself with "Error opening terminal".
public enum TerminalGuard {
    /// The decision itself, free of the process, for tests.
    public static func check(inputIsTerminal: Bool, outputIsTerminal: Bool, term: String?) -> TerminalUnavailable? {
        if !inputIsTerminal { return .inputNotATerminal }
        if !outputIsTerminal { return .outputNotATerminal }
        guard let term, !term.isEmpty else { return .termNotSet }
        if term == "dumb" { return .dumbTerminal }
        return nil
    }

    /// `nil` when this process may start the console: fd 0 and fd 1 are terminals and TERM is usable.
    public static func checkCurrentProcess() -> TerminalUnavailable? {
        let term = getenv("TERM").map { String(cString: $0) }
        return check(inputIsTerminal: isatty(0) == 1, outputIsTerminal: isatty(1) == 1, term: term)
    }
}
