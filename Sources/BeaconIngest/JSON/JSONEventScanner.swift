import Foundation

/// One member value the scanner found for a column: where it is, and what kind of JSON value it is.
struct JSONSlot {
    enum Kind: UInt8 {
        case missing, null, plainString, number, literal
        /// A string with a backslash, or a nested value: the line is read the slow way.
        case needsParsing
    }

    var kind: Kind = .missing
    /// The value's bytes (a string's without its quotes) in the line.
    var start = 0
    var end = 0
}

/// Scans one JSON-lines record at the byte level, checking the whole line against JSON's grammar as
/// `JSONTextParser` does, without building a value: the members the query reads (the `EventColumn`
/// names and `TimeGenerated`, at the top and inside a `properties` object) are located, every other
/// value is stepped over. The first of duplicate names wins, as in `JSONTextParser`.
///
/// A line it cannot vouch for (bad syntax, not an object, an escaped member name) returns false, and
/// the caller parses it with `JSONTextParser`, which gives the exact message or value.
struct JSONEventScanner {
    /// Slots `0..<columnCount` for the top-level members, `columnCount..<2 * columnCount` for those of
    /// the first `properties` member when it is an object.
    static let columnCount = EventColumn.allCases.count + 1
    static let timeGeneratedSlot = EventColumn.allCases.count

    private let p: UnsafePointer<UInt8>
    private let n: Int
    /// Bytes that may be read from `p` (the line and what follows it in the block, at least `n`): the
    /// sixteen-byte string steps may look past the line's end, never act on what they see there.
    private let readable: Int
    private var position = 0
    private let slots: UnsafeMutablePointer<JSONSlot>
    private let names: JSONWantedNames.Lookup
    /// The first `properties` member is an object (its members are in the second half of `slots`).
    private(set) var hasPropertiesObject = false
    private var sawProperties = false

    /// The names of the slots, in slot order, with `properties`.
    static let wantedNames = JSONWantedNames(slots: EventColumn.allCases.map(\.name) + [EventColumn.alternativeTimeName])

    /// `names` is a lookup of `wantedNames`; `readable` bytes from the line's start may be read (at least
    /// the line's count).
    init(_ line: UnsafeBufferPointer<UInt8>, readable: Int, slots: UnsafeMutablePointer<JSONSlot>,
         names: JSONWantedNames.Lookup) {
        p = line.baseAddress!
        n = line.count
        self.readable = max(readable, line.count)
        self.slots = slots
        self.names = names
        for index in 0..<(2 * Self.columnCount) { slots[index] = JSONSlot() }
    }

    /// Scans the line (trimmed, not empty); false when it must be parsed the slow way.
    mutating func scan() -> Bool {
        guard p[0] == 0x7B else { return false }
        guard object(depth: 1, slotBase: 0) else { return false }
        skipWhitespace()
        return position == n
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        // Compact JSON, the usual export, has none: one test settles it.
        guard position < n, p[position] <= 0x20 else { return }
        while position < n {
            let byte = p[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            position += 1
        }
    }

    /// An object at `position` (its `{`); `slotBase` is where its wanted members go, or nil for one
    /// whose members are not wanted.
    private mutating func object(depth: Int, slotBase: Int?) -> Bool {
        position += 1
        skipWhitespace()
        if position < n && p[position] == 0x7D {
            position += 1
            return true
        }
        while true {
            skipWhitespace()
            guard position < n, p[position] == 0x22 else { return false }
            let keyStart = position + 1
            guard let (keyEnd, escaped) = string() else { return false }
            skipWhitespace()
            guard position < n, p[position] == 0x3A else { return false }
            position += 1
            skipWhitespace()
            guard position < n else { return false }
            if let slotBase {
                // An escaped name might spell a wanted one: only JSONTextParser can tell.
                if escaped { return false }
                let meaning = names.meaning(of: p + keyStart, count: keyEnd - keyStart)
                if let slot = meaning, slot >= 0, slots[slotBase + slot].kind == .missing {
                    guard let found = memberValue(depth: depth) else { return false }
                    slots[slotBase + slot] = found
                } else if slotBase == 0 && !sawProperties && meaning == JSONWantedNames.propertiesMeaning {
                    sawProperties = true
                    if position < n && p[position] == 0x7B {
                        guard depth < JSONTextParser.maximumDepth else { return false }
                        hasPropertiesObject = true
                        guard object(depth: depth + 1, slotBase: Self.columnCount) else { return false }
                    } else {
                        guard value(depth: depth) != nil else { return false }
                    }
                } else {
                    guard memberValue(depth: depth) != nil else { return false }
                }
            } else {
                guard memberValue(depth: depth) != nil else { return false }
            }
            guard let more = afterItem(closing: 0x7D) else { return false }
            if !more { return true }
        }
    }

    /// After an object's member or an array's element: true past a `,` (another follows), false past
    /// `closing`, nil when neither comes next.
    @inline(__always)
    private mutating func afterItem(closing: UInt8) -> Bool? {
        skipWhitespace()
        guard position < n else { return nil }
        if p[position] == 0x2C {
            position += 1
            return true
        }
        guard p[position] == closing else { return nil }
        position += 1
        return false
    }

    private mutating func array(depth: Int) -> Bool {
        position += 1
        skipWhitespace()
        if position < n && p[position] == 0x5D {
            position += 1
            return true
        }
        while true {
            skipWhitespace()
            guard value(depth: depth) != nil else { return false }
            guard let more = afterItem(closing: 0x5D) else { return false }
            if !more { return true }
        }
    }

    /// `value(depth:)`, with the common case, a string, read without the call.
    @inline(__always)
    private mutating func memberValue(depth: Int) -> JSONSlot? {
        guard p[position] == 0x22 else { return value(depth: depth) }
        let start = position
        guard let (end, escaped) = string() else { return nil }
        return JSONSlot(kind: escaped ? .needsParsing : .plainString, start: start + 1, end: end)
    }

    /// Steps over one value inside a container of depth `depth`; nil when it breaks the grammar.
    private mutating func value(depth: Int) -> JSONSlot? {
        guard position < n else { return nil }
        let start = position
        switch p[position] {
        case 0x7B:
            guard depth < JSONTextParser.maximumDepth, object(depth: depth + 1, slotBase: nil) else { return nil }
            return JSONSlot(kind: .needsParsing, start: start, end: position)
        case 0x5B:
            guard depth < JSONTextParser.maximumDepth, array(depth: depth + 1) else { return nil }
            return JSONSlot(kind: .needsParsing, start: start, end: position)
        case 0x22:
            guard let (end, escaped) = string() else { return nil }
            return JSONSlot(kind: escaped ? .needsParsing : .plainString, start: start + 1, end: end)
        case 0x74:
            return literal("true") ? JSONSlot(kind: .literal, start: start, end: position) : nil
        case 0x66:
            return literal("false") ? JSONSlot(kind: .literal, start: start, end: position) : nil
        case 0x6E:
            return literal("null") ? JSONSlot(kind: .null, start: start, end: position) : nil
        default:
            return number() ? JSONSlot(kind: .number, start: start, end: position) : nil
        }
    }

    /// A string at its opening quote: the end of its content and whether it has escapes; nil when it is
    /// not valid JSON (a raw control character, a bad escape, no closing quote).
    private mutating func string() -> (end: Int, escaped: Bool)? {
        position += 1
        var escaped = false
        while true {
            skipPlainStringBytes()
            guard position < n else { return nil }
            let byte = p[position]
            if byte == 0x22 {
                position += 1
                return (position - 1, escaped)
            }
            if byte < 0x20 { return nil }
            if byte == 0x5C {
                escaped = true
                guard position + 1 < n else { return nil }
                switch p[position + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    position += 2
                case 0x75:
                    guard position + 6 <= n else { return nil }
                    for index in (position + 2)..<(position + 6) where !Self.isHexDigit(p[index]) { return nil }
                    position += 6
                default:
                    return nil
                }
                continue
            }
            position += 1
        }
    }

    /// Moves past string bytes that need no look (not a quote, a backslash or a control character),
    /// sixteen at a time: most of a JSON line is string content, and a byte-by-byte loop spent half the
    /// scanner's time there. Stops at the first byte that needs one, or at the line's end.
    @inline(__always)
    private mutating func skipPlainStringBytes() {
        typealias Bytes = SIMD16<UInt8>
        var at = position
        defer { position = min(at, n) }
        while at < n && at + 16 <= readable {
            let bytes = UnsafeRawPointer(p + at).loadUnaligned(as: Bytes.self)
            // Lane-wise arithmetic (SIMD comparisons compile to a loop per lane): a lane's high bit is
            // set when it is zero after the XOR (a quote or a backslash) or below 0x20.
            let quote = bytes ^ Bytes(repeating: 0x22), backslash = bytes ^ Bytes(repeating: 0x5C)
            let flags = (((quote &- 1) & ~quote) | ((backslash &- 1) & ~backslash) | ((bytes &- 0x20) & ~bytes))
                & Bytes(repeating: 0x80)
            let halves = unsafeBitCast(flags, to: SIMD2<UInt64>.self)
            if halves[0] != 0 {
                at += halves[0].littleEndian.trailingZeroBitCount >> 3
                return
            }
            if halves[1] != 0 {
                at += 8 + halves[1].littleEndian.trailingZeroBitCount >> 3
                return
            }
            at += 16
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= n else { return false }
        for index in 0..<count where p[position + index] != word.utf8Start[index] { return false }
        position += count
        return true
    }

    /// JSON's number grammar, as `JSONTextParser` checks it.
    private mutating func number() -> Bool {
        func digits() -> Int {
            let first = position
            while position < n, p[position] >= 0x30 && p[position] <= 0x39 { position += 1 }
            return position - first
        }
        if position < n && p[position] == 0x2D { position += 1 }
        guard position < n, p[position] >= 0x30 && p[position] <= 0x39 else { return false }
        if p[position] == 0x30 { position += 1 } else { _ = digits() }
        if position < n && p[position] == 0x2E {
            position += 1
            guard digits() > 0 else { return false }
        }
        if position < n && (p[position] == 0x65 || p[position] == 0x45) {
            position += 1
            if position < n && (p[position] == 0x2B || p[position] == 0x2D) { position += 1 }
            guard digits() > 0 else { return false }
        }
        return true
    }
}
