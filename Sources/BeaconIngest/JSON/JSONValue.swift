/// A JSON value whose numbers keep their text: Zeek's `ts` (`1588317685.417361`) has more digits than a
/// Double holds at 100 ns, so epoch times are converted from the text, exactly.
enum JSONValue: Sendable, Equatable {
    case string(String)
    /// The number as written (already checked against JSON's number grammar).
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object; nil for a missing member or a value that is not an object.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// A scalar as text: strings as they are, numbers as written, booleans as `true`/`false`; nil for null,
    /// arrays and objects.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}

/// Parses one JSON text (a line of a JSON-lines file, an element, a whole document) into a `JSONValue`.
/// Strict JSON (RFC 8259), except that surrounding whitespace is allowed; nesting deeper than
/// `maximumDepth` is refused so hostile input cannot exhaust the stack.
///
/// The project's only JSON parser. It replaced Foundation's JSONSerialization for the Defender shapes
/// because it is the faster: the 217,345 events of `beacon-triage generate --events 200000` parse in
/// 0.86 s against 1.86 s as JSON lines, 1.14 s against 2.71 s as one array (release build, medians of 3),
/// and `beacon-triage analyze` of the JSON lines takes 1.50 s instead of 3.17 s. Its numbers also keep
/// their text, which Zeek's times need.
struct JSONTextParser {
    struct Failure: Error, Equatable {
        /// Byte offset of the problem within the parsed text.
        var offset: Int
        var reason: String

        /// The issue a reader reports for a line or element that does not parse.
        var message: String { "invalid JSON: \(reason) (byte \(offset + 1))" }
    }

    static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var scratch: [UInt8] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        var parser = JSONTextParser(bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    /// An object whose members are kept only when `keep` holds their name; the others are stepped over
    /// without decoding (a Windows event record has forty members, of which the mappings read a dozen).
    /// Nested values of kept members are parsed whole.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, keepingMembers keep: Set<String>) throws(Failure) -> JSONValue {
        var parser = JSONTextParser(bytes)
        parser.skipWhitespace()
        guard parser.position < bytes.count, bytes[parser.position] == 0x7B else { return try parse(bytes) }
        let value = try parser.object(depth: 1, keeping: keep)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    static func parse(_ text: String) throws(Failure) -> JSONValue {
        var copy = text
        let result = copy.withUTF8 { buffer in Result { () throws(Failure) -> JSONValue in try parse(buffer) } }
        return try result.get()
    }

    private func failure(_ reason: String) -> Failure { Failure(offset: position, reason: reason) }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            position += 1
        }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard position < bytes.count else { throw failure("unexpected end of the JSON text") }
        switch bytes[position] {
        case 0x7B /* { */:
            guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
            return try object(depth: depth + 1)
        case 0x5B /* [ */:
            guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
            return try array(depth: depth + 1)
        case 0x22 /* " */:
            return .string(try string())
        case 0x74 /* t */:
            try literal("true")
            return .bool(true)
        case 0x66 /* f */:
            try literal("false")
            return .bool(false)
        case 0x6E /* n */:
            try literal("null")
            return .null
        default:
            return .number(try number())
        }
    }

    private mutating func object(depth: Int, keeping keep: Set<String>? = nil) throws(Failure) -> JSONValue {
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count && bytes[position] == 0x7D /* } */ {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == 0x22 else { throw failure("expected a member name in quotes") }
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == 0x3A /* : */ else { throw failure("expected ':' after a member name") }
            position += 1
            skipWhitespace()
            if let keep, !keep.contains(key) {
                try skipValue(depth: depth)
            } else {
                let member = try value(depth: depth)
                // The first of duplicate names wins, as the record's author most likely meant it.
                if members[key] == nil { members[key] = member }
            }
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end of the JSON text in an object") }
            if bytes[position] == 0x2C /* , */ {
                position += 1
                continue
            }
            guard bytes[position] == 0x7D else { throw failure("expected ',' or '}' in an object") }
            position += 1
            return .object(members)
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == 0x5D /* ] */ {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end of the JSON text in an array") }
            if bytes[position] == 0x2C {
                position += 1
                continue
            }
            guard bytes[position] == 0x5D else { throw failure("expected ',' or ']' in an array") }
            position += 1
            return .array(elements)
        }
    }

    /// Steps over one value, checking only its structure: strings end, brackets balance.
    private mutating func skipValue(depth: Int) throws(Failure) {
        guard position < bytes.count else { throw failure("unexpected end of the JSON text") }
        switch bytes[position] {
        case 0x22:
            position += 1
            while position < bytes.count && bytes[position] != 0x22 {
                position += bytes[position] == 0x5C ? 2 : 1
            }
            guard position < bytes.count else { throw failure("unterminated string") }
            position += 1
        case 0x7B, 0x5B:
            guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
            let close: UInt8 = bytes[position] == 0x7B ? 0x7D : 0x5D
            position += 1
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw failure("unexpected end of the JSON text") }
                let byte = bytes[position]
                if byte == close {
                    position += 1
                    return
                }
                if byte == 0x2C || byte == 0x3A {
                    position += 1
                    continue
                }
                if byte == 0x7D || byte == 0x5D { throw failure("unbalanced brackets") }
                try skipValue(depth: depth + 1)
            }
        default:
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x2C || byte == 0x7D || byte == 0x5D || byte == 0x20 || byte == 0x09 || byte == 0x0A
                    || byte == 0x0D { break }
                position += 1
            }
            guard position > start else { throw failure("invalid value") }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("unexpected end of the JSON text") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw failure("invalid literal (expected \(word))")
        }
        position += count
    }

    private mutating func number() throws(Failure) -> String {
        let start = position
        func digits() -> Int {
            let first = position
            while position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 { position += 1 }
            return position - first
        }
        if position < bytes.count && bytes[position] == 0x2D /* - */ { position += 1 }
        guard position < bytes.count, bytes[position] >= 0x30 && bytes[position] <= 0x39 else {
            throw failure("invalid value")
        }
        if bytes[position] == 0x30 {
            position += 1
        } else {
            _ = digits()
        }
        if position < bytes.count && bytes[position] == 0x2E /* . */ {
            position += 1
            guard digits() > 0 else { throw failure("a number needs digits after the decimal point") }
        }
        if position < bytes.count && (bytes[position] == 0x65 || bytes[position] == 0x45) /* e E */ {
            position += 1
            if position < bytes.count && (bytes[position] == 0x2B || bytes[position] == 0x2D) { position += 1 }
            guard digits() > 0 else { throw failure("a number needs digits in its exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// A string starting at the opening quote. Invalid UTF-8 and lone surrogates become U+FFFD.
    private mutating func string() throws(Failure) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == 0x5C /* \ */ { break }
            guard byte >= 0x20 else { throw failure("control character in a string (it must be escaped)") }
            position += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x22 {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            guard byte >= 0x20 else { throw failure("control character in a string (it must be escaped)") }
            guard byte == 0x5C else {
                // A run of plain bytes at once.
                let run = position
                while position < bytes.count, bytes[position] != 0x22, bytes[position] != 0x5C, bytes[position] >= 0x20 {
                    position += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<position]))
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case 0x22, 0x5C, 0x2F: scratch.append(escape)
            case 0x62 /* b */: scratch.append(0x08)
            case 0x66 /* f */: scratch.append(0x0C)
            case 0x6E /* n */: scratch.append(0x0A)
            case 0x72 /* r */: scratch.append(0x0D)
            case 0x74 /* t */: scratch.append(0x09)
            case 0x75 /* u */:
                var scalar = try hexQuad()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate needs its low half, written as a second \u escape.
                    if position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 {
                        position += 2
                        let low = try hexQuad()
                        scalar = (0xDC00...0xDFFF).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}")
            default:
                throw failure("invalid escape in a string")
            }
        }
        throw failure("unterminated string")
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("unexpected end of the JSON text in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { scratch.append($0) }
    }
}
