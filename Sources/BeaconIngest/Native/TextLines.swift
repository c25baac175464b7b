/// Walks a text buffer line by line (LF or CRLF), with 1-based line numbers, for the line-oriented native
/// formats (JSON lines, Zeek TSV).
enum TextLines {
    /// Calls `body` with each line's number and content (without its line break or trailing CR); stops
    /// early when `body` returns false.
    static func forEach(in text: UnsafeBufferPointer<UInt8>,
                        _ body: (_ line: Int, _ content: UnsafeBufferPointer<UInt8>) throws -> Bool) rethrows {
        var lineNumber = 0
        var start = 0
        let count = text.count
        while start < count {
            lineNumber += 1
            var end = start
            while end < count && text[end] != 0x0A { end += 1 }
            var last = end
            if last > start && text[last - 1] == 0x0D { last -= 1 }
            guard try body(lineNumber, UnsafeBufferPointer(rebasing: text[start..<last])) else { return }
            start = end + 1
        }
    }

    /// `content` without spaces, tabs and CRs at either end.
    static func trimmed(_ content: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var first = 0
        var last = content.count
        while first < last, isBlank(content[first]) { first += 1 }
        while last > first, isBlank(content[last - 1]) { last -= 1 }
        return UnsafeBufferPointer(rebasing: content[first..<last])
    }

    /// The first line that is not blank, trimmed, or nil.
    static func firstNonBlankLine(in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var found: UnsafeBufferPointer<UInt8>?
        forEach(in: text) { _, content in
            let line = trimmed(content)
            if line.isEmpty { return true }
            found = line
            return false
        }
        return found
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}
