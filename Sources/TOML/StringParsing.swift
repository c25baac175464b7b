/// The four kinds of string: basic `"…"` (escapes), multi-line basic `"""…"""` (escapes, newlines, a
/// backslash at a line's end joining lines), literal `'…'` and multi-line literal `'''…'''` (neither
/// escapes). The value is built as UTF-8 bytes; it may hold U+0000 through `\u0000`.
extension Scanner {
    /// At `"` (not `"""`).
    mutating func parseBasicString() throws(TOMLError) -> String {
        position += 1
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw error("the string has no closing `\"`") }
            switch byte {
            case ascii.quote:
                position += 1
                return String(decoding: out, as: UTF8.self)
            case ascii.backslash:
                try appendEscape(to: &out)
            case ascii.lineFeed, ascii.carriageReturn:
                throw error("the string has no closing `\"` on its line (a string over several lines is written in \"\"\")")
            default:
                if isForbiddenControl(byte) { throw error("\(describeControl(byte)) must be escaped in a string") }
                out.append(byte)
                position += 1
            }
        }
    }

    /// At `'` (not `'''`).
    mutating func parseLiteralString() throws(TOMLError) -> String {
        position += 1
        let start = position
        while true {
            guard let byte = current else { throw error("the string has no closing `'`") }
            switch byte {
            case ascii.apostrophe:
                position += 1
                return String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
            case ascii.lineFeed, ascii.carriageReturn:
                throw error("the string has no closing `'` on its line (a string over several lines is written in ''')")
            default:
                if isForbiddenControl(byte) { throw error("\(describeControl(byte)) is not allowed in a literal string") }
                position += 1
            }
        }
    }

    /// At `"""` or `'''`.
    mutating func parseMultiLineString(literal: Bool) throws(TOMLError) -> String {
        let delimiter = literal ? ascii.apostrophe : ascii.quote
        let opening = position
        position += 3
        // A newline right after the opening delimiter is not part of the string.
        _ = try skipNewline()
        var out: [UInt8] = []
        while true {
            guard let byte = current else {
                throw error("the string opened at line \(line(at: opening)) has no closing \(literal ? "'''" : "\"\"\"")")
            }
            switch byte {
            case delimiter:
                var run = 0
                while peek(run) == delimiter { run += 1 }
                if run < 3 {
                    out.append(contentsOf: repeatElement(delimiter, count: run))
                    position += run
                    continue
                }
                // Up to two quotes may end the content just before the closing three.
                guard run <= 5 else { throw error("too many quotes in a row: at most two may come before the closing three", at: position + 5) }
                out.append(contentsOf: repeatElement(delimiter, count: run - 3))
                position += run
                return String(decoding: out, as: UTF8.self)
            case ascii.backslash where !literal:
                if try !skipLineEndingBackslash() { try appendEscape(to: &out) }
            case ascii.lineFeed, ascii.carriageReturn:
                // CR LF is read as LF, as the spec allows and other readers do.
                _ = try skipNewline()
                out.append(ascii.lineFeed)
            default:
                if isForbiddenControl(byte) {
                    throw error("\(describeControl(byte)) \(literal ? "is not allowed in a literal string" : "must be escaped in a string")")
                }
                out.append(byte)
                position += 1
            }
        }
    }

    /// At a backslash in a multi-line basic string: when only whitespace follows it on its line, skips it,
    /// the newline and all whitespace and newlines after, and returns true.
    private mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var next = position + 1
        while next < bytes.count && (bytes[next] == ascii.space || bytes[next] == ascii.tab) { next += 1 }
        guard next < bytes.count, bytes[next] == ascii.lineFeed || bytes[next] == ascii.carriageReturn else { return false }
        position = next
        while true {
            skipWhitespace()
            if try !skipNewline() { return true }
        }
    }

    /// At `\`: appends the escaped character's UTF-8.
    private mutating func appendEscape(to out: inout [UInt8]) throws(TOMLError) {
        let start = position
        position += 1
        guard let letter = current else { throw error("the string ends in the middle of an escape") }
        position += 1
        switch letter {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(ascii.tab)
        case UInt8(ascii: "n"): out.append(ascii.lineFeed)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(ascii.carriageReturn)
        case ascii.quote: out.append(ascii.quote)
        case ascii.backslash: out.append(ascii.backslash)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = letter == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let byte = current, let digit = hexValue(byte) else {
                    throw error("\\\(Character(UnicodeScalar(letter))) must be followed by \(digits) hexadecimal digits", at: start)
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error("\\\(Character(UnicodeScalar(letter))) escape of \(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value", at: start)
            }
            out.append(contentsOf: Array(String(scalar).utf8))
        default:
            throw error("unknown escape sequence: a backslash followed by \(describeByte(at: position - 1)) (escapes: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", at: start)
        }
    }
}

func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
}
