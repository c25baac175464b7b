#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the Swift runtime's backtracer from waiting for a key after a crash.
///
/// With stdin and stdout on a terminal, the backtracer (Swift 5.9 and later on Linux) defaults to
/// `interactive=tty`: it prints "Press space to interact, D to debug" and waits about 30 s before
/// the process may die. The runtime reads `SWIFT_BACKTRACE` once, before `main`, so the setting can
/// only be changed by starting the program again: `main` re-executes `/proc/self/exe` at once with
/// `interactive=no` added, keeping argv, the rest of the environment and the pid. The crash report
/// then goes to stderr (the console puts stderr back on the terminal first) and the process exits.
/// A `SWIFT_BACKTRACE` that already names `interactive` is the user's choice and is left alone.
public enum NonInteractiveBacktrace {
    static let variable = "SWIFT_BACKTRACE"

    /// The value `SWIFT_BACKTRACE` needs, or nil when the process may go on as it is: the backtracer
    /// would not be interactive (stdin or stdout is not a terminal) or the user chose `interactive`.
    public static func requiredSetting(current: String?, stdinIsTerminal: Bool, stdoutIsTerminal: Bool) -> String? {
        guard stdinIsTerminal && stdoutIsTerminal else { return nil }
        guard let current, !current.isEmpty else { return "interactive=no" }
        let keys = current.split(separator: ",").map { String($0.prefix { $0 != "=" }.filter { $0 != " " }) }
        if keys.contains("interactive") { return nil }
        return current + ",interactive=no"
    }

    /// Re-executes this program with `interactive=no` when `requiredSetting` asks for it. Call first
    /// thing in `main`. Returns (and the program goes on as before) when there is nothing to do or the
    /// re-execution fails. Linux only: elsewhere there is no `/proc/self/exe` to start again.
    public static func ensure() {
        #if os(Linux)
        let current = getenv(variable).map { String(cString: $0) }
        guard let setting = requiredSetting(current: current, stdinIsTerminal: isatty(0) == 1,
                                            stdoutIsTerminal: isatty(1) == 1) else { return }
        guard setenv(variable, setting, 1) == 0 else { return }
        // execv keeps the (now changed) environment; argv is the kernel's own copy, unchanged.
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
        #endif
    }
}
