import Foundation
import Testing
import TmuxTesting

/// Every catchable signal that ends the process gives the terminal back and ends with the conventional
/// status (128 + the signal's number), with the list shown and while a file loads; a crash ends at once
/// with its report on the normal screen. The console runs in a shell line that prints its status and
/// the tty's modes after it ends: seeing them at all means the alternate screen is gone.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct SignalsInTmuxTests {
    /// Linux's numbers, written out (not taken from the headers the program uses): 128 + n is the status.
    static let signals: [(name: String, number: Int32)] = [
        ("USR1", 10), ("USR2", 12), ("ALRM", 14), ("PIPE", 13), ("QUIT", 3), ("TERM", 15), ("HUP", 1), ("INT", 2),
    ]

    /// A day large enough that loading it lasts a few seconds in a debug build, made once.
    static let largeDay: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("beacon-triage-signals-\(getpid()).csv").path
        let made = try? runProcess(ConsoleInTmuxTests.binary,
                                   ["generate", "--devices", "400", "--events", "300000", "--seed", "17", "--out", path])
        precondition(made?.status == 0, "generate failed: \(made?.errors ?? "")")
        return path
    }()

    /// The console with `arguments` and a unique triage file, so its pid can be found by that argument.
    private func startConsole(_ arguments: [String], scratch: ScratchFolder,
                              unsetEnvironment: [String] = [], environment: [String: String] = [:]) throws -> (TmuxHarness, String) {
        let marker = scratch.path("signals-\(UUID().uuidString.prefix(8)).triage.toml")
        let line = #""$0" "$@"; echo "exit=$?"; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '; echo; echo shell-done; read wait"#
        let pane = try TmuxHarness(["/bin/sh", "-c", line, ConsoleInTmuxTests.binary, "--triage", marker] + arguments,
                                   width: 120, height: 40, environment: environment, unsetEnvironment: unsetEnvironment)
        return (pane, marker)
    }

    /// The console's pid: the process whose command line holds `marker` and is not the shell.
    private func consolePID(marker: String) throws -> pid_t {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            for entry in entries {
                guard let pid = pid_t(entry),
                      let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
                let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                if words.contains(marker) && words.first?.hasSuffix("beacon-triage") == true { return pid }
            }
            usleep(50_000)
        }
        throw ReferenceFailure(message: "no process with \(marker) in its command line")
    }

    /// After the console ended: the shell printed `exit=expected`, the tty is cooked (icanon, echo), and
    /// the pane is off the alternate screen, without mouse reporting or keypad mode, with its cursor shown
    /// (read while the shell still waits: a dead pane's cursor flag says nothing).
    private func expectRestored(_ pane: TmuxHarness, status expected: Int32, _ comment: Comment) throws {
        let screen = try pane.waitFor("shell-done", timeout: .seconds(20), history: true)
        #expect(screen.contains("exit=\(expected)\n"), comment)
        #expect(screen.contains("icanon echo"), comment)
        #expect(try pane.paneFlags() == .restored, comment)
        #expect(try pane.format("#{cursor_flag}") == "1", comment)
    }

    @Test(arguments: signals)
    func aSignalWithTheListShownRestoresTheTerminal(signal: (name: String, number: Int32)) throws {
        let scratch = try ScratchFolder()
        let (pane, marker) = try startConsole([], scratch: scratch)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))
        #expect(try pane.paneFlags().alternateScreen)
        #expect(kill(try consolePID(marker: marker), signal.number) == 0)
        try expectRestored(pane, status: 128 + signal.number, "SIG\(signal.name) with the list shown")
    }

    @Test(arguments: signals)
    func aSignalWhileLoadingRestoresTheTerminal(signal: (name: String, number: Int32)) throws {
        let scratch = try ScratchFolder()
        let (pane, marker) = try startConsole([Self.largeDay], scratch: scratch)
        try pane.waitUntil("the loading screen is shown", timeout: .seconds(30)) {
            $0.contains("q quits") && $0.contains("beacon-triage-signals")
        }
        #expect(kill(try consolePID(marker: marker), signal.number) == 0)
        try expectRestored(pane, status: 128 + signal.number, "SIG\(signal.name) while loading")
        #expect(!(try pane.capture(history: true)).contains("Beacons "), "the signal came before the list")
    }

    @Test func ctrlCIsTheQuitKeyAndEndsWithStatusZero() throws {
        let scratch = try ScratchFolder()
        let (pane, _) = try startConsole([], scratch: scratch)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))
        try pane.sendKeys("C-c")
        try expectRestored(pane, status: 0, "Ctrl-C")
    }

    /// Without the harness's SWIFT_BACKTRACE=interactive=no, as a user runs it: the backtracer would ask
    /// "Press space to interact" and wait about 30 s. No key is pressed here.
    @Test func aCrashEndsAtOnceWithItsReportOnTheNormalScreen() throws {
        let scratch = try ScratchFolder()
        let (pane, _) = try startConsole([], scratch: scratch, unsetEnvironment: ["SWIFT_BACKTRACE"],
                                         environment: ["BEACON_TRIAGE_TEST_CRASH": "1"])
        let screen = try pane.waitFor("shell-done", timeout: .seconds(20), history: true)
        // fatalError traps: SIGILL (4) on x86-64, SIGTRAP (5) on arm64.
        #expect(screen.contains("exit=132\n") || screen.contains("exit=133\n"))
        #expect(screen.contains("Fatal error: BEACON_TRIAGE_TEST_CRASH is set"))
        #expect(screen.contains("Crash") || screen.contains("crash"))
        #expect(!screen.contains("Press space to interact"))
        #expect(screen.contains("icanon echo"))
        #expect(try pane.paneFlags() == .restored)
    }
}
