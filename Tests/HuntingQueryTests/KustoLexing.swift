import Foundation

/// Kusto's double-quoted string literal read as its lexer reads it, written from the lexical grammar of
/// microsoft/Kusto-Query-Language (`LexicalGrammar.DoubleQuoteStringLiteral`) and not from the renderer:
/// after `"`, any character but `\`, `"`, CR and LF stands for itself; `\` must start one of the escapes
/// `\' \" \\ \a \b \f \n \r \t \v \uXXXX \UXXXXXXXX \xHH` or an octal one (`\uXXXX` is a UTF-16 unit,
/// so a surrogate pair of them makes one character beyond the BMP); the next bare `"` ends it.
enum KustoLexing {
    /// The literal starting at `start` (which must be `"`): its value and the index after it; nil when the
    /// lexer would not find a well-formed literal there (an unterminated one, a raw line break, a bad escape).
    static func stringLiteral(_ s: [Unicode.Scalar], at start: Int) -> (value: String, end: Int)? {
        guard start < s.count, s[start] == "\"" else { return nil }
        var value = String.UnicodeScalarView()
        var i = start + 1
        while i < s.count {
            let c = s[i]
            switch c {
            case "\"":
                return (String(value), i + 1)
            case "\r", "\n":
                return nil
            case "\\":
                guard let (scalar, next) = escape(s, at: i + 1) else { return nil }
                value.append(scalar)
                i = next
            default:
                value.append(c)
                i += 1
            }
        }
        return nil
    }

    private static func escape(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < s.count else { return nil }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "'": "'", "\"": "\"", "\\": "\\", "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r",
            "t": "\t", "v": "\u{0B}",
        ]
        if let scalar = simple[s[i]] { return (scalar, i + 1) }
        let hexDigits: Int? = switch s[i] {
        case "u": 4
        case "U": 8
        case "x": 2
        default: nil
        }
        if let count = hexDigits {
            guard let value = hexValue(s, from: i + 1, count: count) else { return nil }
            // `\uXXXX` is one UTF-16 unit, as in C#: a high surrogate needs the `\uXXXX` low one after it.
            if count == 4, (0xD800...0xDBFF).contains(value) {
                guard i + 6 < s.count, s[i + 5] == "\\", s[i + 6] == "u",
                      let low = hexValue(s, from: i + 7, count: 4), (0xDC00...0xDFFF).contains(low),
                      let scalar = Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)) else { return nil }
                return (scalar, i + 11)
            }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, i + 1 + count)
        }
        return nil  // octal escapes exist but the renderer never writes a backslash before a digit
    }

    private static func hexValue(_ s: [Unicode.Scalar], from start: Int, count: Int) -> UInt32? {
        guard start + count <= s.count else { return nil }
        let digits = String(String.UnicodeScalarView(s[start..<(start + count)]))
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        return UInt32(digits, radix: 16)
    }

    /// `line` with every double-quoted literal replaced by `""`, and the literals' values in order; nil
    /// when a literal is malformed. Text inside a `//` comment is left alone.
    static func skeleton(_ line: String) -> (text: String, literals: [String])? {
        let s = Array(line.unicodeScalars)
        var text = String.UnicodeScalarView()
        var literals: [String] = []
        var i = 0
        while i < s.count {
            if s[i] == "/", i + 1 < s.count, s[i + 1] == "/" {
                text.append(contentsOf: s[i...])
                break
            }
            if s[i] == "\"" {
                guard let (value, end) = stringLiteral(s, at: i) else { return nil }
                literals.append(value)
                text.append(contentsOf: "\"\"".unicodeScalars)
                i = end
            } else {
                text.append(s[i])
                i += 1
            }
        }
        return (String(text), literals)
    }
}
