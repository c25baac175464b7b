/// The entry point: a TOML 1.0.0 document (https://toml.io/en/v1.0.0) to its root table, or the first
/// error with its line and column. Pure Swift over the text's UTF-8; it never traps on any input.
///
/// ```swift
/// let table = try TOMLDocument.parse("title = \"TOML\"\n[owner]\nname = \"Tom\"\n")
/// table["owner"]?.table?["name"]?.string   // "Tom"
/// table["owner"]?.table?.line               // 2
/// ```
public enum TOMLDocument {
    /// How deep arrays, inline tables and dotted keys may nest. Far beyond any hand-written file; the
    /// limit keeps recursion on a hostile file bounded.
    public static let maxDepth = 128

    /// Parses a document. A byte order mark at the start is skipped.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = DocumentParser(scanner: Scanner(bytes: Array(text.utf8)))
        return try parser.parse()
    }

    /// Parses a document's bytes, which must be UTF-8.
    public static func parse(bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let scanner = Scanner(bytes: bytes)
            throw scanner.error("not valid UTF-8", at: firstInvalidUTF8Offset(bytes))
        }
        var parser = DocumentParser(scanner: Scanner(bytes: bytes))
        return try parser.parse()
    }
}

/// The top level: key/value lines into the current table, `[table]` and `[[array of tables]]` headers
/// switching it, comments and blank lines.
private struct DocumentParser {
    var scanner: Scanner
    let root: TableNode
    var current: TableNode
    /// How many keys deep the current table is (its header's parts).
    var currentDepth = 0
    /// Tables dotted keys of the current section made or walked through: defined when the section ends.
    var pending: [TableNode] = []

    init(scanner: Scanner) {
        self.scanner = scanner
        root = TableNode(line: 0, isDefined: true)
        current = root
    }

    mutating func parse() throws(TOMLError) -> TOMLTable {
        if scanner.starts(with: "\u{FEFF}") { scanner.position += 3 }
        while true {
            scanner.skipWhitespace()
            guard let byte = scanner.current else { break }
            switch byte {
            case ascii.lineFeed, ascii.carriageReturn:
                _ = try scanner.skipNewline()
            case ascii.hash:
                try scanner.skipComment()
            case ascii.openBracket:
                try parseHeader()
                try scanner.expectLineEnd(after: "the table header")
            default:
                try parseKeyValue()
                try scanner.expectLineEnd(after: "the value")
            }
        }
        return root.frozen()
    }

    private mutating func parseKeyValue() throws(TOMLError) {
        let key = try scanner.parseKey()
        guard scanner.current == ascii.equals else {
            throw scanner.error("expected `=` after the key, found \(scanner.describeByte(at: scanner.position))")
        }
        scanner.position += 1
        scanner.skipWhitespace()
        let value = try scanner.parseValue(depth: currentDepth + key.count)
        try scanner.insert(key, value, into: current, pending: &pending)
    }

    private mutating func parseHeader() throws(TOMLError) {
        let start = scanner.position
        let headerLine = scanner.line(at: start)
        let isArray = scanner.peek(1) == ascii.openBracket
        scanner.position += isArray ? 2 : 1
        let key = try scanner.parseKey()
        let closing: StaticString = isArray ? "]]" : "]"
        guard scanner.starts(with: closing) else {
            throw scanner.error("expected `\(closing)` to close the table header, found \(scanner.describeByte(at: scanner.position))")
        }
        scanner.position += isArray ? 2 : 1
        // The section before this header is over: the tables its dotted keys made are now defined.
        for node in pending { node.isDefined = true }
        pending.removeAll()

        let parent = try scanner.parentOfHeader(key, root: root, headerLine: headerLine)
        let last = key[key.count - 1]
        let path = keyPath(key)
        let table = TableNode(line: headerLine, isDefined: true)
        if let slot = parent[last.name] {
            switch slot.child {
            case .table(let existing):
                guard !isArray else {
                    throw scanner.error("[[\(path)]]: `\(path)` is already a table (line \(slot.line)), not an array of tables", at: last.offset)
                }
                guard !existing.isDefined else {
                    throw scanner.error("the table [\(path)] is already defined at line \(existing.line)", at: last.offset)
                }
                existing.isDefined = true
                existing.line = headerLine
                current = existing
            case .tables(let array):
                guard isArray else {
                    throw scanner.error("[\(path)]: `\(path)` is already an array of tables (line \(slot.line))", at: last.offset)
                }
                array.nodes.append(table)
                current = table
            case .value(let existing):
                throw scanner.error(scanner.redefinitionOfValue(path, existing, line: slot.line), at: last.offset)
            }
        } else {
            parent.add(last.name, isArray ? .tables(TableArray([table])) : .table(table), line: headerLine)
            current = table
        }
        currentDepth = key.count
    }
}

/// The offset of the first byte that does not decode as UTF-8 (the last byte's when the text ends inside
/// a character), for messages that point at it.
public func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let encoded): offset += encoded.count
        case .emptyInput: return max(0, bytes.count - 1)
        case .error: return offset
        }
    }
}
