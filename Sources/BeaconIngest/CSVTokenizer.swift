import BeaconEngine

/// A field of a CSV record: a byte range of the file, the quotes already removed.
struct CSVField {
    var start: Int
    var end: Int
    var quoted: Bool
    /// The range still holds `""` pairs that stand for one `"`.
    var hasDoubledQuotes: Bool
}

/// A byte-level RFC 4180 tokenizer: `,` separates fields, `"` quotes them (`""` is a quote inside),
/// records end at LF, CRLF or a lone CR (mixed freely), and quoted fields may hold separators and line
/// breaks. It tracks the physical line each record starts on and allocates nothing per field. It reads
/// the header; `CSVChunkParser` reads the data records by the same rules, faster.
struct CSVTokenizer {
    enum Problem: Equatable {
        case unterminatedQuote
        case textAfterClosingQuote(field: Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// The physical line (1-based) of `position`.
    private(set) var line = 1
    /// Whether the last record read ended with a line break, rather than with the end of the data.
    private(set) var lastRecordWasTerminated = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// Reads the next record into `fields` (cleared first) and returns the line it starts on, or nil at
    /// the end of the data. `problem` is set when the record is malformed.
    mutating func nextRecord(into fields: inout [CSVField], problem: inout Problem?) -> Int? {
        let count = bytes.count
        guard position < count else { return nil }
        let startLine = line
        fields.removeAll(keepingCapacity: true)
        problem = nil
        lastRecordWasTerminated = false
        while true {
            if position < count && bytes[position] == Self.quote {
                position += 1
                let contentStart = position
                var doubled = false
                var closed = false
                while position < count {
                    let byte = bytes[position]
                    if byte == Self.quote {
                        if position + 1 < count && bytes[position + 1] == Self.quote {
                            doubled = true
                            position += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if byte == Self.lf {
                        line += 1
                    } else if byte == Self.cr && !(position + 1 < count && bytes[position + 1] == Self.lf) {
                        line += 1
                    }
                    position += 1
                }
                guard closed else {
                    fields.append(CSVField(start: contentStart, end: count, quoted: true, hasDoubledQuotes: doubled))
                    problem = .unterminatedQuote
                    return startLine
                }
                fields.append(CSVField(start: contentStart, end: position, quoted: true, hasDoubledQuotes: doubled))
                position += 1
                if position < count {
                    let byte = bytes[position]
                    if byte != Self.comma && byte != Self.lf && byte != Self.cr {
                        if problem == nil { problem = .textAfterClosingQuote(field: fields.count - 1) }
                        while position < count {
                            let next = bytes[position]
                            if next == Self.comma || next == Self.lf || next == Self.cr { break }
                            position += 1
                        }
                    }
                }
            } else {
                let start = position
                while position < count {
                    let byte = bytes[position]
                    if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
                    position += 1
                }
                fields.append(CSVField(start: start, end: position, quoted: false, hasDoubledQuotes: false))
            }

            if position >= count { return startLine }
            let separator = bytes[position]
            position += 1
            if separator == Self.comma { continue }
            if separator == Self.cr && position < count && bytes[position] == Self.lf { position += 1 }
            line += 1
            lastRecordWasTerminated = true
            return startLine
        }
    }

    /// The text of `field`, `""` collapsed to `"`, invalid UTF-8 replaced.
    static func content(of field: CSVField, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var text: [UInt8] = []
        var index = field.start
        while index < field.end {
            let byte = bytes[index]
            text.append(byte)
            index += field.hasDoubledQuotes && byte == quote && index + 1 < field.end && bytes[index + 1] == quote ? 2 : 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A record that is only an empty line (or spaces and tabs).
    func isBlank(_ fields: [CSVField]) -> Bool {
        guard fields.count == 1, !fields[0].quoted else { return false }
        for index in fields[0].start..<fields[0].end where bytes[index] != 0x20 && bytes[index] != 0x09 {
            return false
        }
        return true
    }
}

extension String {
    /// Without spaces and tabs at either end.
    func trimmingSpacesAndTabs() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
