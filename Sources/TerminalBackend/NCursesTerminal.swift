import CNCurses
import KQL
import TriageUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal while the console runs: ncurses set up for keys, mouse and colour, input decoded into
/// `InputEvent`s, `ScreenBuffer`s flushed, and the terminal given back on `stop()` (and by the crash
/// handlers). Use it from the main thread only; there is one per process.
public final class NCursesTerminal {
    /// The locale's character set is UTF-8; otherwise line and bar glyphs are drawn with the
    /// alternate character set and ASCII.
    public let isUTF8: Bool
    /// Colours in use: 256, 16, 8, or 0 when colour is off (NO_COLOR, `noColor`, or none available).
    public let colorCount: Int

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let defaultColorsAvailable: Bool
    private var pairs: ColorPairCache
    private var stopped = false
    private var currentTimeout: Int32 = .min
    private var quickFailures = 0
    private var wide: [wchar_t] = []

    /// Takes over the terminal. Throws `TerminalUnavailable` when stdin/stdout are not terminals,
    /// TERM is unset, `dumb` or unknown.
    public init(noColor: Bool) throws {
        if let problem = TerminalGuard.checkCurrentProcess() { throw problem }
        setlocale(LC_ALL, "")
        // Ours first: ncurses then leaves SIGINT/SIGTERM alone and the app quits through its own path.
        SignalHandling.installQuitHandlers()
        SignalHandling.installCrashHandlers()
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else { throw TerminalUnavailable.cannotOpenStreams }
        guard let screen = newterm(nil, output, input) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            throw TerminalUnavailable.unknownTerminal(term)
        }
        cursesIsActive.store(true, ordering: .relaxed)
        self.screen = screen
        window = cnc_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        set_escdelay(25)
        NCursesTerminal.letFlowControlKeysThrough()

        isUTF8 = NCursesTerminal.localeIsUTF8()
        let noColorRequested = noColor || NCursesTerminal.environmentAsksForNoColor()
        if !noColorRequested && has_colors() {
            start_color()
            defaultColorsAvailable = use_default_colors() == OK
            colorCount = ColorMapping.paletteSize(forTerminalColors: Int(cnc_colors()))
        } else {
            defaultColorsAvailable = false
            colorCount = 0
        }
        pairs = ColorPairCache(limit: colorCount == 0 ? 0 : cnc_color_pairs()) { pair, foreground, background in
            init_extended_pair(pair, foreground, background) == OK
        }
        mousemask(KeyDecoding.mouseMask, nil)
        mouseinterval(0)
        captureStderr()
    }

    deinit {
        stop()
    }

    /// The terminal's size in columns and rows.
    public var size: (width: Int, height: Int) {
        guard !stopped else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Waits up to `timeoutMilliseconds` (negative: forever) for input. Nil on timeout, on a signal
    /// (check `SignalHandling.pendingQuitSignal`), and for keys the console does not use. When the
    /// terminal's input is gone (a closed SSH session without SIGHUP), it records SIGHUP as the
    /// pending quit signal instead of spinning.
    public func nextEvent(timeoutMilliseconds: Int32) -> InputEvent? {
        guard !stopped else { return nil }
        if timeoutMilliseconds != currentTimeout {
            wtimeout(window, timeoutMilliseconds)
            currentTimeout = timeoutMilliseconds
        }
        let started = NCursesTerminal.monotonicMilliseconds()
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        if status == ERR {
            noteFailedRead(startedAt: started, timeout: timeoutMilliseconds)
            return nil
        }
        quickFailures = 0
        if status == KEY_CODE_YES {
            switch Int32(value) {
            case KEY_RESIZE:
                return .resize(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK else { return nil }
                return KeyDecoding.mouse(state: event.bstate, x: event.x, y: event.y).map { .mouse($0) }
            default:
                return KeyDecoding.key(code: Int32(value)).map { .key($0) }
            }
        }
        return KeyDecoding.key(character: UInt32(value)).map { .key($0) }
    }

    /// Draws `buffer` (clipped to the terminal; the rest cleared) in the styles `styling` gives each
    /// role, then updates the terminal. ncurses diffs against what is on screen, so an unchanged
    /// frame sends nothing.
    public func flush(_ buffer: ScreenBuffer, styling: RoleStyling) {
        guard !stopped else { return }
        let screenWidth = Int(getmaxx(window)), screenHeight = Int(getmaxy(window))
        let columns = min(buffer.width, screenWidth), rows = min(buffer.height, screenHeight)
        var styles = StyleResolver(styling: styling, colors: colorCount, defaultColors: defaultColorsAvailable)
        buffer.cells.withUnsafeBufferPointer { cells in
            for y in 0..<rows {
                let row = UnsafeBufferPointer(rebasing: cells[(y * buffer.width)..<(y * buffer.width + columns)])
                if isUTF8 {
                    drawWide(row: row, y: Int32(y), styles: &styles)
                } else {
                    drawFallback(row: row, y: Int32(y), styles: &styles)
                }
                if columns < screenWidth {
                    wattr_set(window, cnc_a_normal(), 0, nil)
                    wmove(window, Int32(y), Int32(columns))
                    wclrtoeol(window)
                }
            }
        }
        if rows < screenHeight {
            wattr_set(window, cnc_a_normal(), 0, nil)
            wmove(window, Int32(rows), 0)
            wclrtobot(window)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Gives the terminal back (normal screen, cursor, cooked mode, mouse off) and writes out what was
    /// sent to stderr meanwhile. Idempotent; later calls to the other methods do nothing.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if cursesIsActive.exchange(false, ordering: .relaxed) {
            endwin()
        }
        restoreCapturedStderr()
    }

    // MARK: - Drawing

    /// Runs of one role written with `waddnwstr`. A run also ends after a double-width glyph or a
    /// glyph of several scalars, so the next one starts with an explicit move: a terminal whose width
    /// table disagrees with ours then shifts at most one glyph, never the rest of the row.
    private func drawWide(row: UnsafeBufferPointer<Cell>, y: Int32, styles: inout StyleResolver) {
        var runStart = 0
        var runRole: Role? = nil
        var breakRun = false
        wide.removeAll(keepingCapacity: true)
        func emit() {
            guard !wide.isEmpty, let role = runRole else { return }
            let style = styles.resolve(role, pairs: &pairs)
            var pair = style.pair
            wattr_set(window, style.attributes, Int16(truncatingIfNeeded: pair), &pair)
            wmove(window, y, Int32(runStart))
            // Writing the bottom-right cell returns ERR (the cursor cannot advance) but draws it.
            _ = wide.withUnsafeBufferPointer { waddnwstr(window, $0.baseAddress, Int32($0.count)) }
            wide.removeAll(keepingCapacity: true)
        }
        var x = 0
        while x < row.count {
            let cell = row[x]
            if cell.role != runRole || breakRun {
                emit()
                runStart = x
                runRole = cell.role
                breakRun = false
            }
            if cell.isContinuation {
                // Not after a wide glyph (that case is skipped below): draw a blank so nothing stale stays.
                wide.append(0x20)
                x += 1
                continue
            }
            let glyph = cell.glyph
            let scalars = glyph.unicodeScalars
            let first = scalars.first?.value ?? 0x20
            if first >= 0x20 && first < 0x7F && scalars.count == 1 {
                wide.append(wchar_t(first))
                x += 1
                continue
            }
            var width = displayWidth(glyph)
            if width == 2 && !(x + 1 < row.count && row[x + 1].isContinuation) {
                // A wide glyph with no room (last column, or its right half overwritten).
                wide.append(wchar_t(UInt8(ascii: "?")))
                x += 1
                continue
            }
            if width == 0 || first < 0x20 || (first >= 0x7F && first <= 0x9F) {
                // Nothing visible alone, or a control character that must never reach the terminal.
                wide.append(width == 0 ? 0x20 : wchar_t(UInt8(ascii: "?")))
                width = 1
            } else {
                for scalar in scalars { wide.append(wchar_t(bitPattern: scalar.value)) }
                if width == 2 || scalars.count > 1 { breakRun = true }
            }
            x += width
        }
        emit()
    }

    /// Without UTF-8: one `waddch` per cell, lines from the alternate character set, the rest ASCII.
    private func drawFallback(row: UnsafeBufferPointer<Cell>, y: Int32, styles: inout StyleResolver) {
        wmove(window, y, 0)
        var currentRole: Role? = nil
        var afterWide = false
        for cell in row {
            if cell.role != currentRole {
                let style = styles.resolve(cell.role, pairs: &pairs)
                var pair = style.pair
                wattr_set(window, style.attributes, Int16(truncatingIfNeeded: pair), &pair)
                currentRole = cell.role
            }
            let glyph: FallbackGlyph
            if cell.isContinuation {
                glyph = .ascii(afterWide ? UInt8(ascii: "?") : 0x20)
                afterWide = false
            } else {
                afterWide = displayWidth(cell.glyph) == 2
                glyph = FallbackGlyph.forGlyph(cell.glyph)
            }
            switch glyph {
            case .ascii(let byte): waddch(window, chtype(byte))
            case .acs(let letter): waddch(window, cnc_acs(CChar(bitPattern: letter)))
            }
        }
    }

    // MARK: - Setup helpers

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// no-color.org: NO_COLOR set to a non-empty value disables colour.
    private static func environmentAsksForNoColor() -> Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    /// `cbreak` keeps XON/XOFF flow control, which would swallow Ctrl-S and Ctrl-Q; turn it off and
    /// make that the program mode ncurses restores after a suspend. `endwin` restores the shell's.
    /// Ctrl-C is read as a key too (the quit key, status 0), so that SIGINT means a signal sent from
    /// outside, which ends the process with the conventional 130; Ctrl-Z and Ctrl-\ still signal.
    private static func letFlowControlKeysThrough() {
        var settings = termios()
        guard tcgetattr(0, &settings) == 0 else { return }
        settings.c_iflag &= ~tcflag_t(IXON)
        withUnsafeMutableBytes(of: &settings.c_cc) { $0[Int(VINTR)] = disabledControlCharacter }
        if tcsetattr(0, TCSANOW, &settings) == 0 { def_prog_mode() }
    }

    /// _POSIX_VDISABLE, which Swift does not import: no typed byte matches it.
    #if os(Linux)
    private static let disabledControlCharacter: UInt8 = 0
    #else
    private static let disabledControlCharacter: UInt8 = 0xFF
    #endif

    private static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// A read that failed long before its timeout, with no signal to explain it, means the input is
    /// closed or broken; several in a row, or a hang-up reported by poll, end the session.
    private func noteFailedRead(startedAt started: Int64, timeout: Int32) {
        guard SignalHandling.pendingQuitSignal == nil else { return }
        let elapsed = NCursesTerminal.monotonicMilliseconds() - started
        if timeout >= 0 && elapsed >= Int64(timeout) / 2 {
            quickFailures = 0
            return
        }
        quickFailures += 1
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        let hungUp = poll(&descriptor, 1, 0) >= 0
            && descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
        if hungUp || quickFailures >= 50 {
            SignalHandling.noteQuit(SIGHUP)
        }
    }
}

/// Role → attributes and colour pair, asked of the styling once per role and frame.
struct StyleResolver {
    struct Resolved {
        var attributes: attr_t
        var pair: Int32
    }

    let styling: RoleStyling
    let colors: Int
    let defaultColors: Bool
    private var resolved: [Role: Resolved] = [:]

    init(styling: RoleStyling, colors: Int, defaultColors: Bool) {
        self.styling = styling
        self.colors = colors
        self.defaultColors = defaultColors
    }

    mutating func resolve(_ role: Role, pairs: inout ColorPairCache) -> Resolved {
        if let known = resolved[role] { return known }
        let style = styling.terminalStyle(for: role, colors: colors)
        var attributes = cnc_a_normal()
        if style.bold { attributes |= cnc_a_bold() }
        if style.dim { attributes |= cnc_a_dim() }
        if style.reverse { attributes |= cnc_a_reverse() }
        if style.underline { attributes |= cnc_a_underline() }
        if style.italic { attributes |= cnc_a_italic() }
        var pair: Int32 = 0
        if colors > 0 {
            var foreground = ColorMapping.fit(style.foreground, palette: colors)
            var background = ColorMapping.fit(style.background, palette: colors)
            if !defaultColors {
                // Without use_default_colors, -1 is not a colour: use the classic white on black.
                if foreground < 0 { foreground = 7 }
                if background < 0 { background = 0 }
                if foreground == 7 && background == 0 { foreground = -1; background = -1 }
            }
            pair = pairs.pair(foreground: foreground, background: background)
        }
        let result = Resolved(attributes: attributes, pair: pair)
        resolved[role] = result
        return result
    }
}
