/// A check of TOML text for what TOMLKit's parser (toml++) cannot survive: it asserts, aborting the whole
/// process, on a table header whose first key starts with neither a bare-key character nor a quote
/// (`[&decision]]`, `[[ =x]]`), where it should report a syntax error. The triage file and theme files are
/// written by hand, so such a typo must be a message, not a crash (found by the `triage-toml` and `theme`
/// fuzz targets).
public enum TOMLPrecheck {
    /// The 1-based line of the first table header toml++ would abort on, or nil when there is none.
    public static func unsafeTableHeaderLine(in text: String) -> Int? {
        let bytes = Array(text.utf8)
        var scanner = Scanner(bytes: bytes)
        return scanner.firstUnsafeHeader()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        /// Only blanks seen on this line so far, outside strings: a `[` here starts a table header.
        var atLineStart = true
        /// Open `[` and `{` of values (arrays, inline tables), where a `[` at a line's start is a value.
        var valueDepth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func firstUnsafeHeader() -> Int? {
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x0A:
                    newLine()
                    index += 1
                case 0x20, 0x09, 0x0D:
                    index += 1
                case 0x5B /* [ */ where atLineStart && valueDepth == 0:
                    var next = index + 1
                    if next < bytes.count && bytes[next] == 0x5B { next += 1 }
                    while next < bytes.count && (bytes[next] == 0x20 || bytes[next] == 0x09) { next += 1 }
                    guard next < bytes.count, Self.startsAKey(bytes[next]) else { return line }
                    // The header's own brackets are not values: the rest of the line is its keys (or a comment).
                    while index < bytes.count && bytes[index] != 0x0A { index += 1 }
                default:
                    atLineStart = false
                    consumeToken(byte)
                }
            }
            return nil
        }

        private static func startsAKey(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte == 0x2D || byte == 0x22 || byte == 0x27
        }

        private mutating func newLine() {
            line += 1
            atLineStart = true
        }

        private func starts(with marker: [UInt8]) -> Bool {
            index + marker.count <= bytes.count && bytes[index..<(index + marker.count)].elementsEqual(marker)
        }

        private mutating func consumeToken(_ byte: UInt8) {
            switch byte {
            case 0x23 /* # */:
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
            case 0x22 /* " */ where starts(with: [0x22, 0x22, 0x22]):
                skipMultiLine(closing: [0x22, 0x22, 0x22], escapes: true)
            case 0x27 /* ' */ where starts(with: [0x27, 0x27, 0x27]):
                skipMultiLine(closing: [0x27, 0x27, 0x27], escapes: false)
            case 0x22, 0x27:
                // A one-line string ends at its quote or, unterminated, at the line's end.
                index += 1
                while index < bytes.count && bytes[index] != byte && bytes[index] != 0x0A {
                    index += byte == 0x22 && bytes[index] == 0x5C && index + 1 < bytes.count && bytes[index + 1] != 0x0A ? 2 : 1
                }
                if index < bytes.count && bytes[index] == byte { index += 1 }
            case 0x5B, 0x7B:
                valueDepth += 1
                index += 1
            case 0x5D, 0x7D:
                valueDepth = max(valueDepth - 1, 0)
                index += 1
            default:
                index += 1
            }
        }

        private mutating func skipMultiLine(closing: [UInt8], escapes: Bool) {
            index += closing.count
            while index < bytes.count {
                if starts(with: closing) {
                    index += closing.count
                    return
                }
                if escapes && bytes[index] == 0x5C && index + 1 < bytes.count {
                    if bytes[index + 1] == 0x0A { line += 1 }
                    index += 2
                    continue
                }
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
        }
    }
}
