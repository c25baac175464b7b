/// Values after `=`: strings, booleans, numbers, dates and times, arrays and inline tables. `depth` counts
/// the tables and arrays around the value, so that `a = [[[[…` 100,000 deep is an error rather than a
/// stack overflow.
extension Scanner {
    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        guard let byte = current else { throw error("expected a value, found the end of the text") }
        switch byte {
        case ascii.quote:
            return .string(starts(with: "\"\"\"") ? try parseMultiLineString(literal: false) : try parseBasicString())
        case ascii.apostrophe:
            return .string(starts(with: "'''") ? try parseMultiLineString(literal: true) : try parseLiteralString())
        case UInt8(ascii: "t") where starts(with: "true"):
            position += 4
            return .boolean(true)
        case UInt8(ascii: "f") where starts(with: "false"):
            position += 5
            return .boolean(false)
        case ascii.openBracket:
            return try parseArray(depth: depth)
        case ascii.openBrace:
            return try parseInlineTable(depth: depth)
        case _ where isDigit(byte):
            if looksLikeDate { return try parseDateTime() }
            if looksLikeTime() { return .localTime(try parseTime()) }
            return try parseNumber()
        case ascii.plus, ascii.minus, UInt8(ascii: "i"), UInt8(ascii: "n"):
            return try parseNumber()
        default:
            throw error("expected a value (a string, number, boolean, date, array or inline table), found \(describeByte(at: position))")
        }
    }

    /// At `[`: values separated by commas, a trailing comma allowed, newlines and comments between them.
    private mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        try checkDepth(depth)
        position += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlankLines()
            if current == ascii.closeBracket {
                position += 1
                return .array(items)
            }
            items.append(try parseValue(depth: depth + 1))
            try skipBlankLines()
            switch current {
            case ascii.comma:
                position += 1
            case ascii.closeBracket:
                position += 1
                return .array(items)
            default:
                throw error("expected `,` or `]` in the array, found \(describeByte(at: position))")
            }
        }
    }

    /// At `{`: `key = value` pairs on one line, separated by commas, no trailing comma. Complete as written:
    /// nothing outside may add to it.
    private mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        try checkDepth(depth)
        let node = TableNode(line: line(at: position), isDefined: false)
        position += 1
        skipWhitespace()
        if current == ascii.closeBrace {
            position += 1
            return .table(node.frozen())
        }
        var sectionless: [TableNode] = []
        while true {
            let key = try parseKey()
            try checkDepth(depth + key.count)
            guard current == ascii.equals else { throw error("expected `=` after the key, found \(describeByte(at: position))") }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + key.count)
            try insert(key, value, into: node, pending: &sectionless)
            skipWhitespace()
            switch current {
            case ascii.comma:
                position += 1
                skipWhitespace()
                if current == ascii.closeBrace { throw error("a trailing comma is not allowed in an inline table") }
            case ascii.closeBrace:
                position += 1
                return .table(node.frozen())
            case ascii.lineFeed, ascii.carriageReturn:
                throw error("an inline table must be written on one line (use a [table] for more)")
            default:
                throw error("expected `,` or `}` in the inline table, found \(describeByte(at: position))")
            }
        }
    }

    private func checkDepth(_ depth: Int) throws(TOMLError) {
        guard depth < TOMLDocument.maxDepth else {
            throw error("arrays and tables nested more than \(TOMLDocument.maxDepth) deep")
        }
    }
}
