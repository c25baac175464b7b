import Foundation
import Testing
import TmuxTesting
import TriageUI
@testable import TerminalBackend

// The real ncurses backend in a real terminal, without the app: the test binary starts itself in a
// tmux pane with TERMINAL_BACKEND_PROBE set, and there the entry point below runs a small program
// that draws a buffer (text, box glyphs, a CJK name, a hostile string), reports every event on its
// last line, and quits on q or a signal.

private let probeVariable = "TERMINAL_BACKEND_PROBE"

@Suite("backend probe entry point")
struct BackendProbeEntry {
    /// Does nothing in a normal test run. In the pane it runs the probe and exits the process.
    @Test("backend probe (runs only inside the tmux tests)")
    @MainActor
    func probeEntryPoint() {
        guard ProcessInfo.processInfo.environment[probeVariable] != nil else { return }
        BackendProbe.run()
    }
}

@MainActor
enum BackendProbe {
    static func run() -> Never {
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(noColor: false)
        } catch {
            print("probe: \(error)")
            exit(3)
        }
        var last = "none"
        func draw() {
            let size = terminal.size
            var buffer = ScreenBuffer(width: size.width, height: size.height)
            buffer.write("Probe colors=\(terminal.colorCount) utf8=\(terminal.isUTF8 ? "yes" : "no") size=\(size.width)x\(size.height)",
                         x: 0, y: 0, role: .title)
            let box = Rect(x: 0, y: 1, width: min(size.width, 60), height: min(max(size.height - 2, 0), 7))
            if box.width >= 2 && box.height >= 2 {
                buffer.fill(Rect(x: box.x + 1, y: box.y, width: box.width - 2, height: 1), glyph: "─", role: .border)
                buffer.fill(Rect(x: box.x + 1, y: box.maxY - 1, width: box.width - 2, height: 1), glyph: "─", role: .border)
                buffer.fill(Rect(x: box.x, y: box.y + 1, width: 1, height: box.height - 2), glyph: "│", role: .border)
                buffer.fill(Rect(x: box.maxX - 1, y: box.y + 1, width: 1, height: box.height - 2), glyph: "│", role: .border)
                buffer[box.x, box.y] = Cell("┌", role: .border)
                buffer[box.maxX - 1, box.y] = Cell("┐", role: .border)
                buffer[box.x, box.maxY - 1] = Cell("└", role: .border)
                buffer[box.maxX - 1, box.maxY - 1] = Cell("┘", role: .border)
                let lines: [(String, Role)] = [
                    ("device 東京サーバー01 end", .normal),
                    ("proc evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}exe.txt", .rowMarked),
                    ("bars ▁▂▃▄▅▆▇█ end", .histogramBar),
                    ("selected", .rowSelected),
                    ("outlier", .histogramOutlier),
                ]
                for (index, (text, role)) in lines.enumerated() where index < box.height - 2 {
                    buffer.write(text, x: box.x + 2, y: box.y + 1 + index, maxWidth: box.width - 4, role: role)
                }
            }
            if size.height >= 2 { buffer.write("last: \(last)", x: 0, y: size.height - 1, role: .status) }
            terminal.flush(buffer, styling: Theme.dark)
        }
        draw()
        while SignalHandling.pendingQuitSignal == nil {
            guard let event = terminal.nextEvent(timeoutMilliseconds: 100) else { continue }
            switch event {
            case .key(.character("q")):
                terminal.stop()
                print("probe exited cleanly on q")
                exit(0)
            case .key(.character("e")):
                _ = "probe wrote this to stderr\n".withCString { write(2, $0, strlen($0)) }
                last = "wrote to stderr"
            case .key(.character("c")):
                let empty: [Int] = []
                last = "\(empty[empty.count])"  // a Swift trap, for the crash handler
            case .key(let key): last = "key \(key)"
            case .mouse(let mouse): last = "mouse \(mouse.kind) \(mouse.x),\(mouse.y)"
            case .resize(let width, let height): last = "resize \(width)x\(height)"
            }
            draw()
        }
        let signal = SignalHandling.pendingQuitSignal ?? 0
        terminal.stop()
        print("probe exited cleanly on signal \(signal)")
        exit(0)
    }
}

@Suite("ncurses backend under tmux", .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct BackendInTmuxTests {
    private static var testBinary: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }

    private func startProbe(
        terminal: String = "tmux-256color", environment: [String: String] = [:], width: Int = 80, height: Int = 24
    ) throws -> TmuxHarness {
        var variables = environment
        variables[probeVariable] = "1"
        return try TmuxHarness(
            [BackendInTmuxTests.testBinary, "--testing-library", "swift-testing", "--filter", "probeEntryPoint"],
            width: width, height: height, terminal: terminal, environment: variables, unsetEnvironment: ["NO_COLOR"])
    }

    @Test("draws, decodes keys, mouse and resizes, and restores the terminal on q")
    func drawsAndDecodes() throws {
        let pane = try startProbe()
        // The whole frame, not the header alone: tmux may capture the probe half drawn.
        let screen = try pane.waitUntil("the probe has drawn its bars") {
            $0.contains("Probe colors=256 utf8=yes size=80x24") && $0.contains("▇█ end")
        }
        #expect(screen.contains("┌───"))
        #expect(screen.contains("device 東京サーバー01 end"))
        #expect(screen.contains(#"proc evil\x1b]0;pwned\x07\x1b[2J<U+202E>exe.txt"#))
        #expect(screen.contains("bars ▁▂▃▄▅▆▇█ end"))
        #expect(try pane.paneFlags() == TmuxHarness.PaneFlags(alternateScreen: true, mouseReporting: true, keypadCursor: true))

        let keys: [(String, String)] = [
            ("Down", "key down"), ("NPage", "key pageDown"), ("Home", "key home"), ("BTab", "key backTab"),
            ("F5", "key function(5)"), ("C-d", #"key control("d")"#), ("Enter", "key enter"), ("Escape", "key escape"),
            ("j", #"key character("j")"#),
        ]
        for (key, shown) in keys {
            try pane.sendKeys(key)
            try pane.waitFor("last: \(shown)")
        }
        try pane.click(x: 5, y: 3)
        try pane.waitFor("last: mouse press 5,3")
        try pane.click(x: 5, y: 3, release: true)
        try pane.waitFor("last: mouse release 5,3")
        try pane.wheel(up: false, x: 9, y: 4)
        try pane.waitFor("last: mouse wheelDown 9,4")

        try pane.resize(width: 40, height: 10)
        try pane.waitFor("last: resize 40x10")
        for (width, height) in [(1, 1), (2, 1), (1, 2), (5, 3), (120, 40), (3, 2)] {
            try pane.resize(width: width, height: height)
        }
        try pane.resize(width: 100, height: 30)
        try pane.waitFor("size=100x30")

        try pane.sendKeys("e")
        try pane.waitFor("last: wrote to stderr")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
        let after = try pane.capture(history: true)
        #expect(after.contains("probe wrote this to stderr"))
        #expect(after.contains("probe exited cleanly on q"))
        #expect(try pane.paneFlags() == .restored)
    }

    @Test("SIGTERM, SIGHUP and SIGINT quit through the normal path", arguments: [SIGTERM, SIGHUP, SIGINT])
    func quitSignals(signal: Int32) throws {
        let pane = try startProbe()
        try pane.waitFor("Probe colors=")
        try pane.signal(signal)
        #expect(try pane.waitForExit() == 0)
        #expect(try pane.capture(history: true).contains("probe exited cleanly on signal \(signal)"))
        #expect(try pane.paneFlags() == .restored)
    }

    @Test("a crash gives the terminal back and shows the fatal error")
    func crash() throws {
        let pane = try startProbe()
        try pane.waitFor("Probe colors=")
        try pane.sendKeys("c")
        let status = try pane.waitForExit()
        #expect(status == 128 + SIGILL || status == 128 + SIGTRAP)
        #expect(try pane.capture(history: true).contains("Fatal error: Index out of range"))
        #expect(try pane.paneFlags() == .restored)
    }

    @Test("8 colours under TERM=screen, none with NO_COLOR")
    func colourDepths() throws {
        let full = try startProbe()
        let rich = try full.waitUntil("the probe has drawn", escapes: true) { $0.contains("Probe colors=256 ") }
        #expect(rich.contains("\u{1B}[38;5;222m"))  // the dark theme's marked row, as a 256-colour SGR
        try full.sendKeys("q")
        #expect(try full.waitForExit() == 0)

        let screen = try startProbe(terminal: "screen")
        let eight = try screen.waitUntil("the probe has drawn", escapes: true) { $0.contains("Probe colors=8 ") }
        #expect(!eight.contains("38;5;"))
        #expect(eight.contains("\u{1B}[31m"))  // the outlier role, 203, degraded to red
        try screen.sendKeys("q")
        #expect(try screen.waitForExit() == 0)

        let mono = try startProbe(environment: ["NO_COLOR": "1"])
        let shown = try mono.waitUntil("the probe has drawn", escapes: true) { $0.contains("Probe colors=0 ") }
        let colourCodes = (30...37).map { "\u{1B}[\($0)m" } + (40...47).map { "\u{1B}[\($0)m" } + ["38;5;", "48;5;"]
        #expect(!colourCodes.contains { shown.contains($0) })
        #expect(shown.contains("\u{1B}[7m"))  // the selected row still stands out
        try mono.sendKeys("q")
        #expect(try mono.waitForExit() == 0)
    }

    @Test("without a UTF-8 locale lines use the alternate character set and bars ASCII")
    func asciiFallback() throws {
        let pane = try startProbe(environment: ["LANG": "C", "LC_ALL": "C"])
        // Waits for the whole frame: tmux may capture the probe half drawn, the header before the bars.
        let screen = try pane.waitUntil("the probe has drawn its ASCII bars") { $0.contains("utf8=no") && $0.contains("end") }
        #expect(screen.contains("bars ..::==## end"))
        #expect(screen.contains("lqqq"))  // ACS letters, drawn as lines by the terminal
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
        #expect(try pane.paneFlags() == .restored)
    }
}
