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
struct CSVTokenizer {
    enum Problem: Equatable {
        case unterminatedQuote
        case textAfterClosingQuote(field: Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// The physical line (1-based) of `position`.
    private(set) var line = 1

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
            return startLine
        }
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

/// Reads a CSV export into the table: header row, then one event a record.
struct CSVReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var tokenizer: CSVTokenizer
    private var fields: [CSVField] = []
    /// Holds a field's content with `""` collapsed, when it had any.
    private var scratch: [UInt8] = []
    private var caches = [StringCache](repeating: StringCache(), count: EventColumn.allCases.count)

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.tokenizer = CSVTokenizer(bytes)
        fields.reserveCapacity(32)
    }

    mutating func read(into table: inout EventTable, ingest: inout FileIngest) throws(LoadError) {
        // Header: the first non-blank record (after an Excel `sep=,` hint line, if any).
        var problem: CSVTokenizer.Problem?
        var header: [String] = []
        while tokenizer.nextRecord(into: &fields, problem: &problem) != nil {
            if tokenizer.isBlank(fields) { continue }
            header = fields.map { field in
                withContent(of: field) { String(decoding: $0, as: UTF8.self) }.trimmingSpacesAndTabs()
            }
            if header == ["sep=", ""] { header = []; continue }
            break
        }
        guard !header.isEmpty else { throw .empty(path: ingest.file) }
        let positions: [Int]
        switch EventColumn.locate(in: header) {
        case .success(let found): positions = found
        case .failure(let missing): throw .missingColumns(path: ingest.file, columns: missing.names)
        }
        let timeName = header[positions[EventColumn.timestamp.rawValue]]
        let expectedCount = header.count

        while let line = tokenizer.nextRecord(into: &fields, problem: &problem) {
            if tokenizer.isBlank(fields) { continue }
            ingest.rowsRead += 1
            if let problem {
                switch problem {
                case .unterminatedQuote:
                    ingest.skip(line: line, field: nil, message: "unterminated quoted field (runs to the end of the file)")
                case .textAfterClosingQuote(let index):
                    let name = index < header.count ? header[index] : nil
                    ingest.skip(line: line, field: name, message: "text after the closing quote of a quoted field")
                }
                continue
            }
            guard fields.count == expectedCount else {
                ingest.skip(line: line, field: nil,
                            message: "expected \(expectedCount) fields as in the header, found \(fields.count)")
                continue
            }
            if let event = makeEvent(positions: positions, line: line, timeName: timeName, ingest: &ingest) {
                table.append(event)
                ingest.rowsLoaded += 1
            }
        }
    }

    /// The event in the current record, or nil (reported) when a cell is invalid.
    private mutating func makeEvent(positions: [Int], line: Int, timeName: String, ingest: inout FileIngest) -> NetworkEvent? {
        let timeField = fields[positions[EventColumn.timestamp.rawValue]]
        guard let timestamp = withContent(of: timeField, { TimestampParser.parse(bytes: $0) }) else {
            let raw = withContent(of: timeField) { String(decoding: $0, as: UTF8.self) }
            ingest.skip(line: line, field: timeName, message: RowMessage.badTimestamp(raw))
            return nil
        }
        let portField = fields[positions[EventColumn.remotePort.rawValue]]
        let port = withContent(of: portField) { PortValue.parse($0) }
        let remotePort: Int32?
        switch port {
        case .null: remotePort = nil
        case .value(let value): remotePort = value
        case .notANumber, .outOfRange:
            let raw = withContent(of: portField) { String(decoding: $0, as: UTF8.self) }
            ingest.skip(line: line, field: EventColumn.remotePort.name, message: RowMessage.badPort(port, raw: raw))
            return nil
        }
        let ipField = fields[positions[EventColumn.remoteIP.rawValue]]
        let ipIsValid = withContent(of: ipField) { $0.isEmpty || IPAddressSyntax.isValid($0) }
        guard ipIsValid else {
            let raw = withContent(of: ipField) { String(decoding: $0, as: UTF8.self) }
            ingest.skip(line: line, field: EventColumn.remoteIP.name, message: RowMessage.badIP(raw))
            return nil
        }
        return NetworkEvent(
            timestamp: timestamp,
            deviceId: string(.deviceId, positions),
            deviceName: string(.deviceName, positions),
            actionType: string(.actionType, positions),
            remoteIP: string(.remoteIP, positions),
            remotePort: remotePort,
            remoteUrl: string(.remoteUrl, positions),
            remoteIPType: string(.remoteIPType, positions),
            initiatingProcessAccountName: string(.accountName, positions),
            initiatingProcessAccountDomain: string(.accountDomain, positions),
            initiatingProcessFileName: string(.fileName, positions)
        )
    }

    /// A string column of the current record, invalid UTF-8 decoded with replacement characters.
    private mutating func string(_ column: EventColumn, _ positions: [Int]) -> String {
        let field = fields[positions[column.rawValue]]
        if field.start == field.end { return "" }
        if !field.hasDoubledQuotes {
            return caches[column.rawValue].string(for: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]))
        }
        collapseQuotes(field)
        return scratch.withUnsafeBufferPointer { caches[column.rawValue].string(for: $0) }
    }

    /// Calls `body` with the field's content, `""` collapsed to `"`.
    private mutating func withContent<T>(of field: CSVField, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if !field.hasDoubledQuotes {
            return body(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end]))
        }
        collapseQuotes(field)
        return scratch.withUnsafeBufferPointer(body)
    }

    private mutating func collapseQuotes(_ field: CSVField) {
        scratch.removeAll(keepingCapacity: true)
        var index = field.start
        while index < field.end {
            let byte = bytes[index]
            scratch.append(byte)
            index += byte == 0x22 && index + 1 < field.end && bytes[index + 1] == 0x22 ? 2 : 1
        }
    }
}

/// Remembers the last string made for a column, so runs of equal values (one device's events) share
/// one `String` instead of allocating a copy each.
struct StringCache {
    private var bytes: [UInt8] = []
    private var string = ""

    mutating func string(for content: UnsafeBufferPointer<UInt8>) -> String {
        if content.count == bytes.count && bytes.withUnsafeBufferPointer({ $0.elementsEqual(content) }) {
            return string
        }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: content)
        string = String(decoding: content, as: UTF8.self)
        return string
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
