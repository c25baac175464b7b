import Testing
@testable import TerminalBackend

/// The SWIFT_BACKTRACE value the program starts again with, worked out from the backtracer's rule:
/// interactive only when stdin and stdout are both terminals, unless the variable says otherwise.
@Suite("non-interactive backtrace")
struct NonInteractiveBacktraceTests {
    @Test("on a terminal without the variable, interactive=no is set")
    func unsetOnATerminal() {
        #expect(NonInteractiveBacktrace.requiredSetting(current: nil, stdinIsTerminal: true, stdoutIsTerminal: true)
                == "interactive=no")
        #expect(NonInteractiveBacktrace.requiredSetting(current: "", stdinIsTerminal: true, stdoutIsTerminal: true)
                == "interactive=no")
    }

    @Test("the user's other settings are kept")
    func otherSettingsKept() {
        #expect(NonInteractiveBacktrace.requiredSetting(current: "color=no,limit=10", stdinIsTerminal: true,
                                                        stdoutIsTerminal: true) == "color=no,limit=10,interactive=no")
    }

    @Test("a chosen interactive setting is left alone, so the program starts again at most once")
    func chosenSettingLeftAlone() {
        for current in ["interactive=no", "interactive=yes", "color=no, interactive = tty"] {
            #expect(NonInteractiveBacktrace.requiredSetting(current: current, stdinIsTerminal: true,
                                                            stdoutIsTerminal: true) == nil)
        }
    }

    @Test("without a terminal on both ends the backtracer is not interactive: nothing to do")
    func notATerminal() {
        #expect(NonInteractiveBacktrace.requiredSetting(current: nil, stdinIsTerminal: false, stdoutIsTerminal: true) == nil)
        #expect(NonInteractiveBacktrace.requiredSetting(current: nil, stdinIsTerminal: true, stdoutIsTerminal: false) == nil)
    }
}
