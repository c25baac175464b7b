import BeaconEngine
import Foundation
import KQL

/// Values written into KQL text. Strings come from the data and the triage file, so from an attacker:
/// each one becomes a double-quoted Kusto string literal that no value can end early, also where a
/// comment quotes it (a comment ends at a line break, which a literal never holds raw).
///
/// Kusto's lexer (`LexicalGrammar` of microsoft/Kusto-Query-Language; the string data type docs) ends a
/// `"..."` literal at an unescaped `"` and refuses a raw carriage return or line feed in it; a backslash
/// starts an escape (`\"`, `\\`, `\n`, `\r`, `\t`, `\uXXXX`, ...). So `"` and `\` are always escaped, and
/// so is every character that could end a line or a `//` comment, or hide text from the person reading the
/// query: C0 and C1 controls, DEL, U+2028/U+2029, the bidirectional overrides and isolates ("Trojan
/// Source"), and the zero-width and other invisible format characters. What remains between the quotes
/// is printable text the lexer takes as itself. The string data type docs list only `\"`, `\'`, `\\`,
/// `\t` and `\n`; `\uXXXX` (four hex digits, as in C#) is in the lexer's grammar (`LexicalGrammar.Escape`).
public enum KustoLiteral {
    /// `"..."`: `value` as a Kusto string literal that evaluates to exactly `value`.
    public static func string(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if needsEscape(scalar) {
                    text += unicodeEscape(scalar)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// Characters written as `\uXXXX` inside a literal: C0 and C1 controls, DEL (tab, CR and LF have
    /// their short escapes), U+2028/U+2029, and every character the table and the console escape
    /// (`isUnsafeForTerminal`): bidirectional controls and all invisible format characters (category Cf:
    /// U+200B–U+200F, U+2060–U+2064, U+FEFF, the tag characters, ...), so none hides in the query text.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x2028 || scalar.value == 0x2029 || isUnsafeForTerminal(scalar)
    }

    /// `\uXXXX` per UTF-16 code unit: four hex digits name one UTF-16 unit, as in C# (Kusto's query text is
    /// a .NET string), so a character beyond the Basic Multilingual Plane is written as its surrogate pair,
    /// `\uDB40\uDC01` for U+E0001. `\UXXXXXXXX` is in the grammar too, but Kusto's own language service
    /// decodes every hex escape to a single UTF-16 unit (`KustoFacts.DecodeHex`), which would cut it.
    static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        String(scalar).utf16.map { unit in
            let hex = String(unit, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }.joined()
    }

    /// A `long` literal: `15`, `-1`.
    public static func long(_ value: Int) -> String { String(value) }

    /// A `real` literal as short as round-trips: `50`, `12.5`, `1e-05`; `real(nan)`, `real(+inf)`,
    /// `real(-inf)` for the non-finite values (the forms the real data type docs give).
    public static func real(_ value: Double) -> String {
        if value.isNaN { return "real(nan)" }
        if value.isInfinite { return value > 0 ? "real(+inf)" : "real(-inf)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A timespan literal in the largest whole unit: `1d`, `36h`, `90m`, `1s`, `250ms`,
    /// `10microsecond`, `5tick` (the timespan literal forms of the KQL docs), negative with a leading `-`.
    public static func timespan(ticks: Int64) -> String {
        if ticks == 0 { return "0s" }
        let sign = ticks < 0 ? "-" : ""
        let magnitude = ticks.magnitude
        let second = UInt64(Instant.ticksPerSecond)
        let units: [(UInt64, String)] = [
            (86_400 * second, "d"), (3_600 * second, "h"), (60 * second, "m"), (second, "s"),
            (UInt64(Instant.ticksPerMillisecond), "ms"), (10, "microsecond"), (1, "tick"),
        ]
        let (size, suffix) = units.first { magnitude % $0.0 == 0 }!
        return "\(sign)\(magnitude / size)\(suffix)"
    }

    /// `datetime(2024-04-22T00:00:00.0000000Z)`, to the tick.
    public static func datetime(_ instant: Instant) -> String {
        "datetime(\(formatKustoDatetime(instant)))"
    }

    /// A triage file's time as a datetime literal, `datetime(2026-11-20T10:00:00.0000000Z)`: to the
    /// millisecond the file keeps, written like every other datetime of the query.
    static func datetime(_ date: Date) -> String {
        datetime(instant(date))
    }

    /// A date for a comment, to the millisecond the triage file keeps: `2026-11-20T10:00:00.000Z`.
    static func commentDate(_ date: Date) -> String {
        let text = formatKustoDatetime(instant(date))
        // Seven fractional digits, of which the last four are zero here: keep three.
        return String(text.dropLast(5)) + "Z"
    }

    /// `date` rounded to the millisecond, as an instant.
    private static func instant(_ date: Date) -> Instant {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return Instant(ticks: milliseconds * Instant.ticksPerMillisecond)
    }
}
