/// Zeek's tab-separated log format: `#separator \x09` (the separator escaped), then `#set_separator`,
/// `#empty_field` (`(empty)`), `#unset_field` (`-`), `#path`, `#open`, `#fields` and `#types` headers, one
/// record a line, `#close` at the end. A new header block may start mid-file (concatenated logs). Values
/// are kept as Zeek wrote them (its `\xHH` escapes of unprintable bytes included).
enum ZeekTSVReader {
    /// Whether the text starts with Zeek's `#separator` header.
    static func isZeekTSV(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let marker = Array("#separator".utf8)
        guard text.count > marker.count else { return false }
        return zip(text, marker).allSatisfy { $0 == $1 } && (text[marker.count] == 0x20 || text[marker.count] == 0x09)
    }

    /// The log's kind from its first `#path` (or `#fields`) header, without reading the records.
    static func kind(of text: UnsafeBufferPointer<UInt8>) -> ZeekLogKind {
        var header = Header()
        var found: ZeekLogKind?
        TextLines.forEach(in: text) { _, content in
            guard content.first == 0x23 /* # */ else { return false }
            header.read(content)
            if let path = header.path { found = ZeekLogKind(path: path); return false }
            if !header.fields.isEmpty { found = ZeekLogKind(fieldNames: Set(header.fields)); return false }
            return true
        }
        return found ?? .other("")
    }

    static func read(_ text: UnsafeBufferPointer<UInt8>, fileIndex: Int, ingest: inout FileIngest) -> ZeekFileContent {
        var header = Header()
        var content = ZeekFileContent(kind: kind(of: text))
        var columns: [String: Int] = [:]
        var kind = content.kind
        var ranges: [Range<Int>] = []
        var cache = NativeValueCache()
        TextLines.forEach(in: text) { lineNumber, line in
            if line.first == 0x23 /* # */ {
                let changedFields = header.read(line)
                if changedFields {
                    columns = [:]
                    for (index, name) in header.fields.enumerated() where columns[name] == nil { columns[name] = index }
                    kind = header.path.map(ZeekLogKind.init(path:)) ?? ZeekLogKind(fieldNames: Set(header.fields))
                }
                return true
            }
            if TextLines.trimmed(line).isEmpty { return true }
            ingest.rowsRead += 1
            guard line.count <= InputLimits.maximumLineBytes else {
                ingest.skip(line: lineNumber, field: nil, message: InputLimits.beyondLimit("the record", bytes: line.count))
                return true
            }
            guard !header.fields.isEmpty else {
                ingest.skip(line: lineNumber, field: nil, message: "record before the #fields header")
                return true
            }
            header.split(line, into: &ranges)
            guard ranges.count == header.fields.count else {
                ingest.skip(line: lineNumber, field: nil,
                            message: "expected \(header.fields.count) fields as in #fields, found \(ranges.count)")
                return true
            }
            // Only the fields a mapping asks for are decoded.
            let field: (String) -> String? = { name in
                guard let index = columns[name] else { return nil }
                let value = String(decoding: UnsafeBufferPointer(rebasing: line[ranges[index]]), as: UTF8.self)
                if value == header.unset { return nil }
                return value == header.empty ? "" : value
            }
            content.add(record: kind, line: lineNumber, fileIndex: fileIndex, field: field, ingest: &ingest, cache: &cache)
            return true
        }
        return content
    }

    /// The header state: separator, unset and empty markers, path and field names.
    struct Header {
        var separator: [UInt8] = [0x09]
        var unset = "-"
        var empty = "(empty)"
        var path: String?
        var fields: [String] = []

        /// Reads one `#` line; returns whether the field names changed.
        @discardableResult
        mutating func read(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("#separator") {
                let value = text.dropFirst("#separator".count).drop { $0 == " " || $0 == "\t" }
                let unescaped = Self.unescape(String(value))
                if !unescaped.isEmpty { separator = unescaped }
                return false
            }
            var ranges: [Range<Int>] = []
            split(line, into: &ranges)
            let parts = ranges.map { String(decoding: UnsafeBufferPointer(rebasing: line[$0]), as: UTF8.self) }
            guard let directive = parts.first else { return false }
            let values = Array(parts.dropFirst())
            switch directive {
            case "#unset_field": if let value = values.first { unset = value }
            case "#empty_field": if let value = values.first { empty = value }
            case "#path": path = values.first
            case "#fields":
                fields = values
                return true
            default: break
            }
            return false
        }

        /// `\x09` and friends to bytes.
        static func unescape(_ text: String) -> [UInt8] {
            let bytes = Array(text.utf8)
            var result: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x5C, index + 3 < bytes.count, bytes[index + 1] == 0x78 /* x */,
                   let value = UInt8(String(decoding: bytes[(index + 2)...(index + 3)], as: UTF8.self), radix: 16) {
                    result.append(value)
                    index += 4
                } else {
                    result.append(bytes[index])
                    index += 1
                }
            }
            return result
        }

        /// The byte ranges of the line's values between separators.
        func split(_ line: UnsafeBufferPointer<UInt8>, into values: inout [Range<Int>]) {
            values.removeAll(keepingCapacity: true)
            var start = 0
            var index = 0
            let width = separator.count
            while index + width <= line.count {
                var matches = true
                for offset in 0..<width where line[index + offset] != separator[offset] {
                    matches = false
                    break
                }
                if matches {
                    values.append(start..<index)
                    index += width
                    start = index
                } else {
                    index += 1
                }
            }
            values.append(start..<line.count)
        }
    }
}
