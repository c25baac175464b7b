import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program running in a real terminal, for end-to-end tests: a private tmux server (its own socket
/// in a temporary folder, never the user's tmux) with one pane of a fixed size, keys sent as a person
/// would type them, and the screen read back with `capture-pane`. Every wait polls with a deadline;
/// nothing sleeps a fixed time.
///
/// The pane runs with `LANG=C.UTF-8`, `SWIFT_BACKTRACE=interactive=no` (a crash ends at once instead
/// of waiting for a key) and `remain-on-exit`, so the screen and the flags can be read after the
/// program ended. The exit status is written to a file by a wrapper script, since tmux's
/// `#{pane_dead_status}` is not always filled in. The server is killed and the folder removed on
/// deinit. Use one harness per test, from one thread.
///
/// Foundation only: it can live in a test target or in a small library target shared by several
/// (its API is public for that).
public final class TmuxHarness {
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Terminal modes read from tmux, the reliable "terminal restored?" signals.
    public struct PaneFlags: Equatable, Sendable, CustomStringConvertible {
        public var alternateScreen: Bool
        public var mouseReporting: Bool
        public var keypadCursor: Bool

        public init(alternateScreen: Bool, mouseReporting: Bool, keypadCursor: Bool) {
            self.alternateScreen = alternateScreen
            self.mouseReporting = mouseReporting
            self.keypadCursor = keypadCursor
        }

        public static let restored = PaneFlags(alternateScreen: false, mouseReporting: false, keypadCursor: false)

        public var description: String {
            "alternate_on=\(alternateScreen ? 1 : 0) mouse_any_flag=\(mouseReporting ? 1 : 0) keypad_cursor_flag=\(keypadCursor ? 1 : 0)"
        }
    }

    /// The tmux executable on PATH, or nil (tests then skip with `.enabled(if: TmuxHarness.isAvailable)`).
    public static let tmuxPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    public static var isAvailable: Bool { tmuxPath != nil }

    public let width: Int
    public let height: Int
    private let tmux: String
    private let folder: URL
    private var socket: String { folder.appendingPathComponent("socket").path }
    private var config: String { folder.appendingPathComponent("tmux.conf").path }
    private var statusFile: String { folder.appendingPathComponent("status").path }
    private var pidFile: String { folder.appendingPathComponent("pid").path }
    private var errorFile: String { folder.appendingPathComponent("tmux-errors").path }
    private var serverStarted = false

    /// Starts `arguments` (an executable and its arguments, not shell text; use
    /// `["/bin/sh", "-c", script]` for that) in a `width`×`height` pane whose TERM is `terminal`
    /// (tmux-256color: 256 colours and X10 mouse; xterm-256color: SGR mouse; screen: 8 colours).
    /// `environment` adds to or overrides the pane's variables; `unsetEnvironment` removes some.
    public init(
        _ arguments: [String], width: Int = 80, height: Int = 24, terminal: String = "tmux-256color",
        environment: [String: String] = [:], unsetEnvironment: [String] = [],
        workingDirectory: String? = nil
    ) throws {
        guard let tmux = TmuxHarness.tmuxPath else { throw Failure(message: "tmux is not installed") }
        guard !arguments.isEmpty else { throw Failure(message: "no command given") }
        self.tmux = tmux
        self.width = width
        self.height = height
        // A short path: Unix socket paths are limited to about 100 bytes.
        let base = URL(fileURLWithPath: "/tmp")
        folder = base.appendingPathComponent("tmux-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        let settings = [
            "set -g default-terminal \"\(terminal)\"",
            "set -g remain-on-exit on",
            "set -g status off",
            "set -g escape-time 0",
            "set -g history-limit 5000",
        ]
        try (settings.joined(separator: "\n") + "\n").write(toFile: config, atomically: true, encoding: .utf8)

        // run.sh records the command's pid (exec keeps it) and, once it ends, its status, atomically.
        var script = "#!/bin/sh\n"
        if let workingDirectory { script += "cd \(TmuxHarness.shellQuoted(workingDirectory)) || exit 126\n" }
        script += "export LANG=C.UTF-8 LC_ALL=C.UTF-8 SWIFT_BACKTRACE=interactive=no\n"
        for name in unsetEnvironment { script += "unset \(name)\n" }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            script += "export \(name)=\(TmuxHarness.shellQuoted(value))\n"
        }
        let command = arguments.map(TmuxHarness.shellQuoted).joined(separator: " ")
        script += "/bin/sh -c 'echo $$ > \"$0\"; exec \"$@\"' \(TmuxHarness.shellQuoted(pidFile)) \(command)\n"
        script += "echo $? > \(TmuxHarness.shellQuoted(statusFile + ".tmp")) && mv \(TmuxHarness.shellQuoted(statusFile + ".tmp")) \(TmuxHarness.shellQuoted(statusFile))\n"
        let runner = folder.appendingPathComponent("run.sh").path
        try script.write(toFile: runner, atomically: true, encoding: .utf8)

        try run(["new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height), "/bin/sh \(TmuxHarness.shellQuoted(runner))"])
        serverStarted = true
    }

    deinit {
        if serverStarted { _ = try? run(["kill-server"]) }
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: - Input

    /// Sends keys by tmux name, each one a key press: "q", "Down", "NPage", "Enter", "Escape", "Tab",
    /// "BTab", "C-c", "F5", "Space"… After "Escape", wait for its effect before the next key, or the
    /// two arrive within ESCDELAY and read as Alt+key.
    public func sendKeys(_ keys: String...) throws {
        try run(["send-keys", "-t", "e2e"] + keys)
    }

    /// Types `text` literally (no key-name lookup), for example a search term or a path.
    public func type(_ text: String) throws {
        try run(["send-keys", "-t", "e2e", "-l", text])
    }

    /// Writes raw bytes to the pane's input, for example a mouse report.
    public func sendBytes(_ bytes: [UInt8]) throws {
        try run(["send-keys", "-t", "e2e", "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// A left-button press (or release) at column `x`, row `y` (0-based), in the X10 encoding that
    /// tmux-256color's terminfo announces (`kmous=\E[M`).
    public func click(x: Int, y: Int, release: Bool = false) throws {
        try sendBytes([0x1B, 0x5B, 0x4D, UInt8(32 + (release ? 3 : 0)), UInt8(33 + x), UInt8(33 + y)])
    }

    /// A wheel step at column `x`, row `y` (X10 encoding).
    public func wheel(up: Bool, x: Int, y: Int) throws {
        try sendBytes([0x1B, 0x5B, 0x4D, UInt8(32 + (up ? 64 : 65)), UInt8(33 + x), UInt8(33 + y)])
    }

    /// Resizes the pane; the program gets SIGWINCH.
    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "e2e", "-x", String(width), "-y", String(height)])
    }

    /// Sends `signal` to the command (its own pid, not the wrapper's).
    public func signal(_ signal: Int32) throws {
        guard let pid = commandPID else { throw Failure(message: "the command's pid is not known yet") }
        guard kill(pid, signal) == 0 else { throw Failure(message: "kill(\(pid), \(signal)) failed: errno \(errno)") }
    }

    // MARK: - Output

    /// The screen as text, trailing blanks trimmed as tmux does. `history` includes what scrolled
    /// off (after exit, tmux's "Pane is dead" line pushes the first line there); `escapes` keeps SGR
    /// sequences for colour assertions.
    public func capture(history: Bool = false, escapes: Bool = false) throws -> String {
        var arguments = ["capture-pane", "-p", "-t", "e2e"]
        if history { arguments += ["-S", "-"] }
        if escapes { arguments.append("-e") }
        return try run(arguments)
    }

    /// Polls the screen until it contains `text`; returns that screen, or throws with the last one.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(10), history: Bool = false) throws -> String {
        try waitUntil("the screen shows \"\(text)\"", timeout: timeout, history: history) { $0.contains(text) }
    }

    /// Polls the screen until `condition` holds; returns that screen, or throws with the last one.
    @discardableResult
    public func waitUntil(
        _ what: String, timeout: Duration = .seconds(10), history: Bool = false, escapes: Bool = false,
        _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let screen = try capture(history: history, escapes: escapes)
            if condition(screen) { return screen }
            if ContinuousClock.now >= deadline {
                throw Failure(message: "timed out after \(timeout) waiting until \(what); the screen:\n\(screen)")
            }
            usleep(50_000)
        }
    }

    /// Waits for the command to end and returns its exit status (128+N when killed by signal N).
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            if ContinuousClock.now >= deadline {
                let screen = (try? capture(history: true)) ?? ""
                throw Failure(message: "the command did not end within \(timeout); the screen:\n\(screen)")
            }
            usleep(50_000)
        }
    }

    /// True once the command has ended.
    public var hasExited: Bool { FileManager.default.fileExists(atPath: statusFile) }

    /// The command's pid, once its wrapper has started it.
    public var commandPID: pid_t? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A tmux format for the pane, e.g. "#{pane_width}x#{pane_height}".
    public func format(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", "e2e", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pane's terminal modes: after a clean exit all are off.
    public func paneFlags() throws -> PaneFlags {
        let values = try format("#{alternate_on} #{mouse_any_flag} #{keypad_cursor_flag}").split(separator: " ")
        guard values.count == 3 else { throw Failure(message: "unexpected pane flags: \(values)") }
        return PaneFlags(alternateScreen: values[0] == "1", mouseReporting: values[1] == "1", keypadCursor: values[2] == "1")
    }

    // MARK: - tmux

    /// Runs one tmux command against the private server; its standard output, or a Failure.
    ///
    /// Spawned with posix_spawn and an empty signal mask rather than Foundation's Process: a test runs
    /// on a worker thread that blocks most signals, a child inherits that mask, and a tmux server
    /// started with SIGCHLD blocked never reaps its panes (and Process then never saw its own tmux
    /// client end). The status comes from a blocking waitpid, which needs no SIGCHLD at all.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")  // works from inside a user's tmux too
        let argv = [tmux, "-u", "-S", socket, "-f", config] + arguments
        let (status, output) = try TmuxHarness.spawn(
            argv, environment: environment.map { "\($0.key)=\($0.value)" }, errorFile: errorFile)
        guard status == 0 else {
            let message = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
            throw Failure(message: "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(message)")
        }
        return output
    }

    /// Runs `argv` to completion with stdin from /dev/null, stderr into `errorFile`, default signal
    /// dispositions and an empty signal mask; returns its exit status (128+N for signal N) and stdout.
    private static func spawn(_ argv: [String], environment: [String], errorFile: String) throws -> (Int32, String) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw Failure(message: "pipe failed: errno \(errno)") }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        // Close-on-exec, so a child spawned by a parallel test does not keep this write end open
        // (tmux servers close inherited descriptors anyway; this covers the short-lived clients).
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw Failure(message: "could not start \(argv[0]): error \(spawned)")
        }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                output.append(contentsOf: chunk[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(readEnd)

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(message: "waitpid failed: errno \(errno)") }
        }
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, String(decoding: output, as: UTF8.self))
    }

    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
