/// The cursor over a document's UTF-8 bytes that every part of the parser moves: whitespace, newlines,
/// comments, and errors placed at a byte offset. The bytes are valid UTF-8 (checked on the way in), so
/// only ASCII needs looking at byte by byte; anything from 0x80 up is part of a scalar the grammar allows
/// wherever it allows non-ASCII.
struct Scanner {
    let bytes: [UInt8]
    var position = 0
    /// Byte offset of the first byte of every line, for turning an offset into `line:column`.
    private let lineStarts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == ascii.lineFeed { starts.append(offset + 1) }
        lineStarts = starts
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let start = text.utf8Start
        for index in 0..<count where bytes[position + index] != start[index] { return false }
        return true
    }

    // MARK: Places

    /// The 1-based line of a byte offset.
    func line(at offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The 1-based column of a byte offset, in Unicode scalars (continuation bytes do not count).
    func column(at offset: Int) -> Int {
        let start = lineStarts[line(at: offset) - 1]
        var column = 1
        for index in start..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    func error(_ message: String, at offset: Int? = nil) -> TOMLError {
        let place = offset ?? position
        return TOMLError(line: line(at: place), column: column(at: place), message: message)
    }

    // MARK: Blanks

    mutating func skipWhitespace() {
        while let byte = current, byte == ascii.space || byte == ascii.tab { position += 1 }
    }

    /// At `#`: moves to the end of the comment (before its newline). A comment may hold tabs and any
    /// printable character, but no other control character.
    mutating func skipComment() throws(TOMLError) {
        position += 1
        while let byte = current, byte != ascii.lineFeed {
            if byte == ascii.carriageReturn && peek(1) == ascii.lineFeed { return }
            if isForbiddenControl(byte) {
                throw error("\(describeControl(byte)) is not allowed in a comment")
            }
            position += 1
        }
    }

    /// Consumes a newline (LF or CR LF) and returns true, or returns false when there is none here.
    mutating func skipNewline() throws(TOMLError) -> Bool {
        if current == ascii.lineFeed {
            position += 1
            return true
        }
        if current == ascii.carriageReturn {
            guard peek(1) == ascii.lineFeed else { throw error("a carriage return must be followed by a line feed") }
            position += 2
            return true
        }
        return false
    }

    /// Whitespace, comments and newlines, as between the values of an array.
    mutating func skipBlankLines() throws(TOMLError) {
        while true {
            skipWhitespace()
            if current == ascii.hash {
                try skipComment()
            } else if try !skipNewline() {
                return
            }
        }
    }

    /// What must follow a key/value pair or a table header: blanks, maybe a comment, then a newline or the
    /// end of the text.
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        skipWhitespace()
        if current == ascii.hash { try skipComment() }
        guard current != nil else { return }
        guard try skipNewline() else { throw error("expected the end of the line after \(what), found \(describeByte(at: position))") }
    }

    /// A short description of what is at an offset, safe to print: `a newline`, `"x"`, `U+00E9`.
    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the text" }
        let byte = bytes[offset]
        switch byte {
        case ascii.lineFeed, ascii.carriageReturn: return "a newline"
        case ascii.space, ascii.tab: return "whitespace"
        case 0x21...0x7E: return "`" + String(UnicodeScalar(byte)) + "`"
        case 0x00...0x1F, 0x7F: return describeControl(byte)
        default:
            var end = offset + 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            let scalar = String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first.map(\.value) ?? 0xFFFD
            let hex = String(scalar, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}

/// Control characters TOML allows nowhere raw except as newlines: everything below 0x20 but the tab,
/// and DEL. Line feeds are handled by the callers before they ask.
func isForbiddenControl(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != ascii.tab) || byte == 0x7F
}

func describeControl(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return "the control character U+" + String(repeating: "0", count: 4 - hex.count) + hex
}

func isBareKeyByte(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || isDigit(byte) || byte == ascii.underscore
        || byte == ascii.minus
}

func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

/// The ASCII bytes the grammar is written in.
enum ascii {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let apostrophe: UInt8 = 0x27
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let equals: UInt8 = 0x3D
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
}
