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
/// breaks. It tracks the physical line each record starts on and allocates nothing per field.
/// `scanRecord` is the one statement of these rules: the header and query-result readers step through it
/// with `nextRecord`, and `CSVChunkParser` calls it directly for the data records that
/// `scanUnquotedRecord`, its fast path for records without quotes, leaves to it.
struct CSVTokenizer {
    enum Problem: Equatable {
        case unterminatedQuote
        case textAfterClosingQuote(field: Int)
    }

    /// How the scan of one record ended.
    struct RecordEnd {
        var fieldCount: Int
        /// The first thing wrong with the record (an unterminated quote wins: it swallows the rest).
        var problem: Problem?
        /// The record ended with a line break, rather than with the end of the data.
        var terminated: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// The physical line (1-based) of `position`.
    private(set) var line = 1
    /// Whether the last record read ended with a line break, rather than with the end of the data.
    private(set) var lastRecordWasTerminated = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static let comma: UInt8 = 0x2C
    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    /// Reads the next record into `fields` (cleared first) and returns the line it starts on, or nil at
    /// the end of the data. `problem` is set when the record is malformed.
    mutating func nextRecord(into fields: inout [CSVField], problem: inout Problem?) -> Int? {
        guard position < bytes.count, let base = bytes.baseAddress else { return nil }
        let startLine = line
        var position = self.position, line = self.line
        fields.removeAll(keepingCapacity: true)
        let end = Self.scanRecord(base, count: bytes.count, position: &position, line: &line) { _, field in
            fields.append(field)
        }
        self.position = position
        self.line = line
        problem = end.problem
        lastRecordWasTerminated = end.terminated
        return startLine
    }

    /// Scans the record starting at `position` (which must be below `n`), handing each field to `field`
    /// with its index, and leaves `position` after the record's line break and `line` on the line there.
    /// A quoted field left open runs to `n`, ending the record unterminated. Inlined into both callers, so
    /// the parallel reader's loop pays no call per field.
    @inline(__always)
    static func scanRecord(_ p: UnsafePointer<UInt8>, count n: Int, position: inout Int, line: inout Int,
                           field: (_ index: Int, _ field: CSVField) -> Void) -> RecordEnd {
        var fieldCount = 0
        var problem: Problem?
        while true {
            var cell: CSVField
            if position < n && p[position] == quote {
                position += 1
                cell = CSVField(start: position, end: n, quoted: true, hasDoubledQuotes: false)
                var closed = false
                while position < n {
                    let byte = p[position]
                    if byte == quote {
                        if position + 1 < n && p[position + 1] == quote {
                            cell.hasDoubledQuotes = true
                            position += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if byte == lf || (byte == cr && !(position + 1 < n && p[position + 1] == lf)) { line += 1 }
                    position += 1
                }
                guard closed else {
                    field(fieldCount, cell)
                    return RecordEnd(fieldCount: fieldCount + 1, problem: .unterminatedQuote, terminated: false)
                }
                cell.end = position
                position += 1
                if position < n && p[position] != comma && p[position] != lf && p[position] != cr {
                    if problem == nil { problem = .textAfterClosingQuote(field: fieldCount) }
                    position = unquotedCellEnd(p, from: position, n)
                }
            } else {
                let start = position
                position = unquotedCellEnd(p, from: position, n)
                cell = CSVField(start: start, end: position, quoted: false, hasDoubledQuotes: false)
            }
            field(fieldCount, cell)
            fieldCount += 1
            guard position < n else { return RecordEnd(fieldCount: fieldCount, problem: problem, terminated: false) }
            let separator = p[position]
            position += 1
            if separator == comma { continue }
            if separator == cr && position < n && p[position] == lf { position += 1 }
            line += 1
            return RecordEnd(fieldCount: fieldCount, problem: problem, terminated: true)
        }
    }

    /// The first `,`, LF or CR at or after `from`, or `n`. Eight bytes at a time: a word is only looked
    /// into when it holds a byte below `-` (0x2D), as the three are; data is mostly letters and digits.
    @inline(__always)
    static func unquotedCellEnd(_ p: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Int {
        var index = from
        let raw = UnsafeRawPointer(p)
        while index + 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // The high bit of each byte below 0x2D; exact for the lowest such byte, which is all we use.
            let below = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
            if below == 0 {
                index += 8
                continue
            }
            let at = index + below.trailingZeroBitCount >> 3
            let byte = p[at]
            if byte == comma || byte == lf || byte == cr { return at }
            index = at + 1
        }
        while index < n {
            let byte = p[index]
            if byte == comma || byte == lf || byte == cr { return index }
            index += 1
        }
        return n
    }

    /// The text of `field`, `""` collapsed to `"`, invalid UTF-8 replaced.
    static func content(of field: CSVField, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard field.hasDoubledQuotes, let base = bytes.baseAddress else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]), as: UTF8.self)
        }
        return String(decoding: collapsed(base, field), as: UTF8.self)
    }

    /// A quoted field's bytes with each `""` pair made one `"`.
    static func collapsed(_ p: UnsafePointer<UInt8>, _ field: CSVField) -> [UInt8] {
        var content: [UInt8] = []
        var index = field.start
        while index < field.end {
            let byte = p[index]
            content.append(byte)
            index += byte == quote && index + 1 < field.end && p[index + 1] == quote ? 2 : 1
        }
        return content
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
