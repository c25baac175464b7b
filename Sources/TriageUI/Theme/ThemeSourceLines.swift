/// Finds the line of a key in a theme file's text. TOMLKit reports lines only for syntax errors, not
/// for the values it parsed, so a bad colour is located by scanning the text the way TOML lays it out:
/// `[a.b]` headers, `key = value` lines (dotted or quoted keys) and the keys of one-line inline tables.
/// It is a locator for messages, not a parser: when it finds nothing, the message has no line.
struct ThemeSourceLines {
    /// Dotted key paths (`row.selected.fg`) to the 1-based line where they first appear.
    private(set) var lines: [String: Int] = [:]

    init(text: String) {
        var section: [String] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = stripComment(String(rawLine)).trimmingBlanks()
            guard !line.isEmpty else { continue }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                section = keyComponents(String(inner))
                record(section, lineNumber)
                continue
            }
            guard let equals = indexOutsideQuotes(of: "=", in: line) else { continue }
            let path = section + keyComponents(String(line[..<equals]))
            record(path, lineNumber)
            let value = String(line[line.index(after: equals)...]).trimmingBlanks()
            if value.hasPrefix("{") {
                let body = String(value.dropFirst().prefix { $0 != "}" })
                for pair in splitOutsideQuotes(body, on: ",") {
                    if let innerEquals = indexOutsideQuotes(of: "=", in: pair) {
                        record(path + keyComponents(String(pair[..<innerEquals])), lineNumber)
                    }
                }
            }
        }
    }

    /// The line of `path`, or of the nearest enclosing key that was found.
    func line(for path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path.joined(separator: ".")] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], _ line: Int) {
        let key = path.joined(separator: ".")
        if !key.isEmpty, lines[key] == nil { lines[key] = line }
    }
}

/// `a."b.c" . d` → ["a", "b.c", "d"].
private func keyComponents(_ key: String) -> [String] {
    splitOutsideQuotes(key, on: ".").map { part in
        var text = part.trimmingBlanks()
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }
}

private func stripComment(_ line: String) -> String {
    guard let hash = indexOutsideQuotes(of: "#", in: line) else { return line }
    return String(line[..<hash])
}

/// The first `target` not inside a quoted string.
private func indexOutsideQuotes(of target: Character, in text: String) -> String.Index? {
    var quotes = QuoteTracker()
    for index in text.indices where quotes.isOutside(after: text[index]) && text[index] == target {
        return index
    }
    return nil
}

private func splitOutsideQuotes(_ text: String, on separator: Character) -> [String] {
    var parts: [String] = []
    var current = ""
    var quotes = QuoteTracker()
    for character in text {
        if quotes.isOutside(after: character), character == separator {
            parts.append(current)
            current = ""
        } else {
            current.append(character)
        }
    }
    parts.append(current)
    return parts
}

/// Follows TOML's basic (`"…"`, with `\` escapes) and literal (`'…'`) strings one character at a time.
private struct QuoteTracker {
    private var quote: Character?
    private var escaped = false

    /// Feeds `character`; true when it is outside any string (quote characters themselves are not).
    mutating func isOutside(after character: Character) -> Bool {
        if let open = quote {
            if escaped {
                escaped = false
            } else if character == "\\", open == "\"" {
                escaped = true
            } else if character == open {
                quote = nil
            }
            return false
        }
        if character == "\"" || character == "'" {
            quote = character
            return false
        }
        return true
    }
}
