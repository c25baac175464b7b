import CNCurses
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Signal handlers are C functions that cannot capture, so their state lives in globals: lock-free
// atomics (Sendable, safe to touch in a handler) and one buffer of saved actions written only while
// installing. Every global is touched once by the installers, so none is first initialised inside a
// handler.

/// The first quit signal received (one of `SignalHandling.quitSignals`), 0 while none.
private let pendingQuit = Atomic<Int32>(0)
/// True while curses owns the terminal: the crash handler then calls `endwin` first.
let cursesIsActive = Atomic<Bool>(false)
private let quitHandlersInstalled = Atomic<Bool>(false)
private let crashHandlersInstalled = Atomic<Bool>(false)
/// The actions that were in place before ours, indexed by signal number.
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    actions.initialize(repeating: sigaction(), count: 65)
    return actions
}()

private func quitHandler(_ signal: Int32) {
    _ = pendingQuit.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
}

private func crashHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _: UnsafeMutableRawPointer?) {
    if cursesIsActive.exchange(false, ordering: .relaxed) {
        endwin()
    }
    restoreCapturedStderr()
    // Put back the previous action (the Swift runtime's backtracer, or the default) and return: a
    // fault re-executes the faulting instruction and lands there with the right context. A signal that
    // does not come back by itself (abort, a trap that advanced the PC, one sent with kill) is raised
    // again; it is blocked inside this handler, so it arrives once we return.
    _ = sigaction(signal, previousActions + Int(signal), nil)
    let sentByProcess = info.map { $0.pointee.si_code <= 0 } ?? true
    if signal == SIGABRT || signal == SIGTRAP || sentByProcess {
        raise(signal)
    }
}

/// Quit signals as a flag the main loop polls, and crash handlers that give the terminal back before
/// the process dies.
public enum SignalHandling {
    /// Every catchable signal whose default action ends the process and that may reach a console: each
    /// one leaves the console through its normal path, so the terminal is always given back.
    public static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE]
    public static let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// The quit signals set a flag instead of killing the process, so the console quits through its
    /// normal path (and then dies of the signal with `terminate(bySignal:)`). Installed without SA_RESTART so a blocking `get_wch` returns at once.
    /// Install before `newterm` (ncurses then keeps its own handlers out). Idempotent.
    public static func installQuitHandlers() {
        guard !quitHandlersInstalled.exchange(true, ordering: .relaxed) else { return }
        pendingQuit.store(0, ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = quitHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for signal in quitSignals {
            _ = sigaction(signal, &action, previousActions + Int(signal))
        }
    }

    /// SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS and SIGFPE call `endwin` (when curses is up), put
    /// the captured stderr back, then chain to the previous handler (the Swift backtracer). Idempotent.
    public static func installCrashHandlers() {
        guard !crashHandlersInstalled.exchange(true, ordering: .relaxed) else { return }
        _ = cursesIsActive.load(ordering: .relaxed)
        prepareStderrReplay()
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = crashHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_SIGINFO | Int32(SA_ONSTACK)
        for signal in crashSignals {
            _ = sigaction(signal, &action, previousActions + Int(signal))
        }
    }

    /// The first quit signal received since the handlers were installed (or last cleared).
    public static var pendingQuitSignal: Int32? {
        let signal = pendingQuit.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    public static func clearPendingQuitSignal() {
        pendingQuit.store(0, ordering: .relaxed)
    }

    /// Records a quit as if `signal` had arrived (the backend uses SIGHUP when the terminal's input
    /// is gone without one).
    static func noteQuit(_ signal: Int32) {
        _ = pendingQuit.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    }

    /// After cleaning up, dies of `signal` with the default action, so the parent (a shell, tmux, a
    /// service manager) sees the conventional "killed by signal" status. SIGQUIT dumps no core: taken
    /// after the clean-up, it would show only this exit path, and it would write the loaded telemetry
    /// to disk (`kill -ABRT` gives the Swift backtracer's report of every thread instead).
    public static func terminate(bySignal signal: Int32) -> Never {
        if signal == SIGQUIT {
            var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
            #if os(Linux)
            let core = __rlimit_resource_t(RLIMIT_CORE.rawValue)
            #else
            let core = RLIMIT_CORE
            #endif
            _ = getrlimit(core, &noCore)
            noCore.rlim_cur = 0
            _ = setrlimit(core, &noCore)
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        _ = sigaction(signal, &action, nil)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, signal)
        _ = sigprocmask(SIG_UNBLOCK, &unblock, nil)
        raise(signal)
        exit(128 + signal)
    }
}
