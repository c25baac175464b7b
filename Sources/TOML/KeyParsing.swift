/// One part of a key (`site` in `site."google.com"`), with the byte offset where it is written.
struct KeyPart {
    var name: String
    var offset: Int
}

extension Scanner {
    /// A key: bare (`A-Za-z0-9_-`), basic or literal string on one line, or such parts joined by dots,
    /// with whitespace allowed around the dots. Leaves the cursor after the trailing whitespace.
    mutating func parseKey() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipWhitespace()
            let start = position
            let name: String
            switch current {
            case ascii.quote:
                guard !starts(with: "\"\"\"") else { throw error("a key cannot be a multi-line string") }
                name = try parseBasicString()
            case ascii.apostrophe:
                guard !starts(with: "'''") else { throw error("a key cannot be a multi-line string") }
                name = try parseLiteralString()
            case let byte? where isBareKeyByte(byte):
                while let byte = current, isBareKeyByte(byte) { position += 1 }
                name = String(decoding: bytes[start..<position], as: UTF8.self)
            default:
                let what = parts.isEmpty ? "a key" : "a key after the `.`"
                throw error("expected \(what) (letters, digits, `_`, `-`, or a quoted string), found \(describeByte(at: position))")
            }
            parts.append(KeyPart(name: name, offset: start))
            guard parts.count <= TOMLDocument.maxDepth else {
                throw error("a key of more than \(TOMLDocument.maxDepth) dotted parts", at: parts[0].offset)
            }
            skipWhitespace()
            guard current == ascii.dot else { return parts }
            position += 1
        }
    }
}

/// `a."b.c".d` as a message shows it, every part escaped.
func keyPath(_ parts: some Sequence<KeyPart>) -> String {
    parts.map { printable(quotedKey($0.name)) }.joined(separator: ".")
}
