import KQL
import Testing

/// The shared display formats, with roundings worked by hand on values exact in binary.
@Suite struct DisplayTests {
    @Test func oneDecimalRoundsHalvesAwayFromZero() {
        #expect(formatOneDecimal(0.25) == "0.3")  // 2.5 → 3
        #expect(formatOneDecimal(-0.25) == "-0.3")
        #expect(formatOneDecimal(2.25) == "2.3")
        #expect(formatOneDecimal(0.75) == "0.8")
        #expect(formatOneDecimal(63.2) == "63.2")
    }

    @Test func oneDecimalDropsATrailingZero() {
        #expect(formatOneDecimal(50) == "50")
        #expect(formatOneDecimal(12.04) == "12")
        #expect(formatOneDecimal(99.96) == "100")
        #expect(formatOneDecimal(0.04) == "0")
        #expect(formatOneDecimal(-0.04) == "0")  // -0.0 is not printed as "-0"
        #expect(formatOneDecimal(123_456.78) == "123456.8")
    }

    @Test func oneDecimalSpellsOutTheSpecialValues() {
        #expect(formatOneDecimal(.nan) == "NaN")
        #expect(formatOneDecimal(.infinity) == "∞")
        #expect(formatOneDecimal(-.infinity) == "-∞")
        #expect(formatOneDecimal(1e15) == "1000000000000000.0")  // past the integer form: Swift's own
        #expect(formatOneDecimal(1e16) == "1e+16")
    }

    @Test func humanDurations() {
        #expect(formatHumanDuration(seconds: 0) == "0s")
        #expect(formatHumanDuration(seconds: 4.5) == "4.5s")
        #expect(formatHumanDuration(seconds: 9.96) == "10s")  // 99.6 tenths → 100
        #expect(formatHumanDuration(seconds: 45) == "45s")
        #expect(formatHumanDuration(seconds: 59.6) == "1m 00s")
        #expect(formatHumanDuration(seconds: 302) == "5m 02s")
        #expect(formatHumanDuration(seconds: 3900) == "1h 05m")  // 3600 + 5 × 60
        #expect(formatHumanDuration(seconds: 183_600) == "2d 03h")  // 2 × 86400 + 3 × 3600
        #expect(formatHumanDuration(seconds: -45) == "-45s")
        #expect(formatHumanDuration(seconds: .nan) == "–")
        #expect(formatHumanDuration(seconds: .infinity) == "∞")
    }

    @Test func terminalSafeEscapesControlsAndInvisibles() {
        #expect(terminalSafe("svchost.exe") == "svchost.exe")
        #expect(terminalSafe("a\u{1B}[31mb") == "a\\x1b[31mb")
        #expect(terminalSafe("\u{7F}\u{9B}") == "\\x7f\\x9b")
        #expect(terminalSafe("\u{202E}exe.txt") == "<U+202E>exe.txt")
        #expect(terminalSafe("a\u{200B}b") == "a<U+200B>b")
        #expect(terminalSafe("café") == "café")
    }
}
