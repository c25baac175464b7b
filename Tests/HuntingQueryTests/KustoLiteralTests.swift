import BeaconEngine
import Testing
@testable import HuntingQuery

@Suite struct KustoLiteralTests {
    @Test func hostileStringsAreEscapedAsKustoRequires() {
        // Expected texts written by hand from the string data type docs: \" and \\ inside "...", line
        // breaks as \n and \r, other controls as \uXXXX.
        #expect(KustoLiteral.string(#"" or 1==1 //"#) == #""\" or 1==1 //""#)
        #expect(KustoLiteral.string(#"C:\Windows\evil.exe"#) == #""C:\\Windows\\evil.exe""#)
        #expect(KustoLiteral.string(#"\e"#) == #""\\e""#)
        #expect(KustoLiteral.string("a\nb\r\tc") == #""a\nb\r\tc""#)
        #expect(KustoLiteral.string("\u{1B}[31m") == #""\u001B[31m""#)
        #expect(KustoLiteral.string("x\u{2028}y\u{85}z") == #""x\u2028y\u0085z""#)
        #expect(KustoLiteral.string("admin\u{202E}exe.txt") == #""admin\u202Eexe.txt""#)
        #expect(KustoLiteral.string(#"\""#) == #""\\\"""#)
        #expect(KustoLiteral.string("") == #""""#)
        #expect(KustoLiteral.string("bücher-ß.example") == #""bücher-ß.example""#)
    }

    /// Issue 17 item 8: zero-width and other invisible format characters (category Cf) were left raw.
    @Test func invisibleFormatCharactersAreEscapedAndMeanTheSameString() {
        // Expected texts by hand: ZERO WIDTH SPACE, ZERO WIDTH JOINER, WORD JOINER, INVISIBLE TIMES, and
        // TAG LATIN CAPITAL LETTER A (U+E0041 = surrogates D800 + 0x340, DC00 + 0x41).
        #expect(KustoLiteral.string("a\u{200B}b\u{200D}c\u{2060}d") == #""a\u200Bb\u200Dc\u2060d""#)
        #expect(KustoLiteral.string("x\u{2062}y\u{AD}z") == #""x\u2062y\u00ADz""#)
        #expect(KustoLiteral.string("tag\u{E0041}") == #""tag\uDB40\uDC41""#)
        for value in ["a\u{200B}b\u{200D}c\u{2060}d", "tag\u{E0041}\u{E007F}", "\u{FEFF}\u{200E}\u{1D173}", "👨\u{200D}👩"] {
            let literal = KustoLiteral.string(value)
            #expect(KustoLexing.stringLiteral(Array(literal.unicodeScalars), at: 0)?.value == value)
            #expect(literal.unicodeScalars.allSatisfy { $0.properties.generalCategory != .format })
        }
    }

    /// Strings an attacker would put in a device or process name, plus a seeded random mix of the
    /// characters that matter: whatever the value, Kusto's lexer reads exactly one literal spanning the
    /// whole text, equal to the value, on one line.
    @Test func noValueCanEndItsLiteralEarly() {
        var values = [
            #"" or 1==1 //"#, #"\"#, #"\\"#, #"\""#, "\"", "\"\"", #"\e"#, "\\\n", "a\"\n| where true //",
            "'; drop", "@\"verbatim\"\"", "\u{0}", "\r\n", "\u{2029}", "end\\", "\\u0022", "\\x22", "%22",
            "😈\"😈", "\u{202E}\"", "```",
        ]
        let alphabet: [Unicode.Scalar] = ["\"", "\\", "'", "@", "/", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}",
                                          "\u{85}", "\u{2028}", "\u{202E}", "\u{FEFF}", "u", "x", "0", "a", " ",
                                          "|", "é", "😈"]
        var random = SplitMix64(seed: 20_261_120)
        for _ in 0..<2_000 {
            let length = Int(random.next() % 24)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            values.append(String(scalars))
        }
        for value in values {
            let literal = KustoLiteral.string(value)
            let scalars = Array(literal.unicodeScalars)
            let read = KustoLexing.stringLiteral(scalars, at: 0)
            #expect(read?.value == value, "\(value.debugDescription) → \(literal)")
            #expect(read?.end == scalars.count, "\(value.debugDescription) → \(literal)")
            #expect(!literal.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" })
        }
    }

    @Test func numbersAndSpansAreKQLLiterals() {
        #expect(KustoLiteral.real(50) == "50")
        #expect(KustoLiteral.real(12.5) == "12.5")
        #expect(KustoLiteral.real(0.1) == "0.1")
        #expect(KustoLiteral.real(-3) == "-3")
        #expect(KustoLiteral.real(.nan) == "real(nan)")
        #expect(KustoLiteral.real(.infinity) == "real(+inf)")
        #expect(KustoLiteral.real(-.infinity) == "real(-inf)")
        let second = Instant.ticksPerSecond
        #expect(KustoLiteral.timespan(ticks: 86_400 * second) == "1d")
        #expect(KustoLiteral.timespan(ticks: 36 * 3_600 * second) == "36h")
        #expect(KustoLiteral.timespan(ticks: 90 * 60 * second) == "90m")
        #expect(KustoLiteral.timespan(ticks: second) == "1s")
        #expect(KustoLiteral.timespan(ticks: 5_000_000) == "500ms")
        #expect(KustoLiteral.timespan(ticks: 150) == "15microsecond")
        #expect(KustoLiteral.timespan(ticks: 7) == "7tick")
        #expect(KustoLiteral.timespan(ticks: -86_400 * second) == "-1d")
        #expect(KustoLiteral.timespan(ticks: 0) == "0s")
        // 2024-04-22T00:00:00Z is 1713744000 s after the epoch (date -u -d 2024-04-22 +%s).
        #expect(KustoLiteral.datetime(Instant(ticks: 1_713_744_000 * second)) == "datetime(2024-04-22T00:00:00.0000000Z)")
    }
}

/// A small seeded generator (SplitMix64, Steele et al.), so the random cases are the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
