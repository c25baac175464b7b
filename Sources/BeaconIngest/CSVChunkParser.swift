import BeaconEngine

/// Parses the blocks `RecordBlockCutter` cuts, one parser per worker thread (`BlockStreamReader`).
protocol BlockParser: SendableMetatype {
    /// Reads the records of `bytes`, which starts at a record boundary; unless `isFinal`, a record the
    /// block ends inside is left unread (`ParsedChunk.unfinishedRecordStart`).
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> ParsedChunk
}

/// Reads the data records of a CSV file, a block at a time, with `CSVTokenizer.scanRecord` (RFC 4180;
/// LF, CRLF or lone CR; quoted fields with separators, `""` and line breaks), without a `String` per field:
/// each string cell goes to the `EventRowWriter`'s dictionaries. Cells of columns the query does not read
/// are only stepped over. One parser per thread.
struct CSVChunkParser: BlockParser {
    let layout: CSVLayout
    private var writer = EventRowWriter()
    private var timestamps = TimestampReader()
    /// Rows later than this are noted with their line (`FileIngest.notesRowsAfter`).
    var notesRowsAfter: Int64 {
        get { writer.notesRowsAfter }
        set { writer.notesRowsAfter = newValue }
    }
    /// A quoted field that runs past its line and is still open this many bytes after its record's start
    /// is taken for a stray quote (see `strayQuote`); tests make it small.
    var lineLimit = InputLimits.maximumLineBytes

    init(layout: CSVLayout) {
        self.layout = layout
    }

    /// Reads the records of `bytes`, which starts at a record boundary. Unless `isFinal`, a record that
    /// the block ends inside is left unread (`unfinishedRecordStart`).
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> ParsedChunk {
        var result = writer.beginBlock(source: .defender)
        if let base = bytes.baseAddress, !bytes.isEmpty {
            layout.columnOfField.withUnsafeBufferPointer { columnOfField in
                withUnsafeTemporaryAllocation(of: CSVField.self, capacity: EventColumn.allCases.count) { cells in
                    readRecords(base, bytes.count, isFinal: isFinal, columnOfField: columnOfField,
                                cells: cells.baseAddress!, into: &result)
                }
            }
        }
        writer.endBlock(&result)
        return result
    }

    // Cell positions go straight to the columns the query reads.
    private mutating func readRecords(_ p: UnsafePointer<UInt8>, _ n: Int, isFinal: Bool,
                                      columnOfField: UnsafeBufferPointer<Int8>, cells: UnsafeMutablePointer<CSVField>,
                                      into result: inout ParsedChunk) {
        var position = 0
        var line = 1
        var cursor = CSVStructureCursor(p, limit: n)
        while position < n {
            let recordStart = position, recordLine = line
            var firstField = CSVField(start: position, end: position, quoted: false, hasDoubledQuotes: false)
            @inline(__always) func take(_ index: Int, _ field: CSVField) {
                if index == 0 { firstField = field }
                if index < columnOfField.count {
                    let column = Int(columnOfField[index])
                    if column >= 0 { cells[column] = field }
                }
            }
            let end: CSVTokenizer.RecordEnd
            if let unquoted = CSVTokenizer.scanUnquotedRecord(p, count: n, cursor: &cursor, position: &position,
                                                              line: &line, field: take) {
                end = unquoted
            } else {
                position = recordStart
                end = CSVTokenizer.scanRecord(p, count: n, position: &position, line: &line, field: take)
            }
            let spansLines = line - recordLine > (end.terminated ? 1 : 0)
            if !end.terminated && !isFinal {
                if spansLines && n - recordStart > lineLimit {
                    resynchronize(p, n, recordStart: recordStart, recordLine: recordLine,
                                  reason: .unterminated(field: end.fieldCount - 1),
                                  position: &position, line: &line, into: &result)
                    continue
                }
                result.unfinishedRecordStart = recordStart
                line = recordLine
                break
            }
            if spansLines, let reason = strayQuote(end) {
                resynchronize(p, n, recordStart: recordStart, recordLine: recordLine, reason: reason,
                              position: &position, line: &line, into: &result)
                continue
            }
            if position - recordStart > lineLimit {
                // Only near the file's end: further on, the block cutter skips such a line unread.
                result.rowsRead += 1
                result.skipOversizedLine(line: recordLine, limit: lineLimit)
                continue
            }
            if end.fieldCount == 1 && !firstField.quoted && Self.isBlank(p, firstField) { continue }
            readRecord(p, line: recordLine, fieldCount: end.fieldCount, problem: end.problem, cells: cells, into: &result)
        }
        result.linesConsumed = line - 1
    }

    /// Why a record whose quoted field runs past its first line is taken for a stray quote.
    enum StrayQuote {
        /// The quote never closes before the end of the file, or before `lineLimit`.
        case unterminated(field: Int)
        /// It closes with text after the closing quote, not a separator or line end.
        case textAfterClosingQuote(field: Int)
        /// It closes, but the record then holds more fields than the header.
        case tooManyFields(Int)
    }

    /// A record that ran past a line break inside quotes is RFC 4180 only if its quote closes validly (a
    /// closing `"` then a separator or line end) and the record then has at most the header's fields;
    /// anything else means the opening quote was stray (docs/INPUT-FORMATS.md, "Bad input").
    private func strayQuote(_ end: CSVTokenizer.RecordEnd) -> StrayQuote? {
        switch end.problem {
        case .unterminatedQuote: return .unterminated(field: end.fieldCount - 1)
        case .textAfterClosingQuote(let field): return .textAfterClosingQuote(field: field)
        case nil: return end.fieldCount > layout.fieldCount ? .tooManyFields(end.fieldCount) : nil
        }
    }

    /// Skips a stray-quoted record's first line only and goes on from the next: the lines the quote
    /// swallowed are read as the records they are.
    private func resynchronize(_ p: UnsafePointer<UInt8>, _ n: Int, recordStart: Int, recordLine: Int,
                               reason: StrayQuote, position: inout Int, line: inout Int,
                               into result: inout ParsedChunk) {
        var next = recordStart
        while next < n && p[next] != 0x0A && p[next] != 0x0D { next += 1 }
        if next + 1 < n && p[next] == 0x0D && p[next + 1] == 0x0A { next += 1 }
        position = min(next + 1, n)
        line = recordLine + 1
        let resumed = ": 1 row skipped, reading resumed at the next line"
        let fieldName = { (index: Int) in index < layout.header.count ? layout.header[index] : nil }
        result.rowsRead += 1
        switch reason {
        case .unterminated(let field):
            result.skip(file: layout.file, line: recordLine, field: fieldName(field),
                        message: "unterminated quoted field" + resumed)
        case .textAfterClosingQuote(let field):
            result.skip(file: layout.file, line: recordLine, field: fieldName(field),
                        message: "quoted field runs past its line and closes with text after the quote" + resumed)
        case .tooManyFields(let count):
            result.skip(file: layout.file, line: recordLine, field: nil,
                        message: "quoted field runs past its line into \(count) fields, the header has "
                            + "\(layout.fieldCount)" + resumed)
        }
    }

    private static func isBlank(_ p: UnsafePointer<UInt8>, _ cell: CSVField) -> Bool {
        for index in cell.start..<cell.end where p[index] != 0x20 && p[index] != 0x09 { return false }
        return true
    }

    /// One record's checks and cells, as the event it holds or a reported issue.
    private mutating func readRecord(_ p: UnsafePointer<UInt8>, line: Int, fieldCount: Int, problem: CSVTokenizer.Problem?,
                                     cells: UnsafeMutablePointer<CSVField>, into result: inout ParsedChunk) {
        result.rowsRead += 1
        switch problem {
        case nil:
            break
        case .unterminatedQuote:
            result.skip(file: layout.file, line: line, field: nil,
                        message: "unterminated quoted field (runs to the end of the file)")
            return
        case .textAfterClosingQuote(let index):
            result.skip(file: layout.file, line: line, field: index < layout.header.count ? layout.header[index] : nil,
                        message: "text after the closing quote of a quoted field")
            return
        }
        guard fieldCount == layout.fieldCount else {
            result.skip(file: layout.file, line: line, field: nil,
                        message: "expected \(layout.fieldCount) fields as in the header, found \(fieldCount)")
            return
        }
        let timeCell = cells[EventColumn.timestamp.rawValue]
        var droppedDigits = false
        let timestamp: Instant? = timeCell.hasDoubledQuotes
            ? withContent(p, timeCell) { TimestampParser.parse(bytes: $0, droppedDigits: &droppedDigits) }
            : timestamps.parse(UnsafeBufferPointer(start: p + timeCell.start, count: timeCell.end - timeCell.start),
                               droppedDigits: &droppedDigits)
        guard let timestamp else {
            let raw = withContent(p, timeCell) { String(decoding: $0, as: UTF8.self) }
            result.skip(file: layout.file, line: line, field: layout.timeName, message: RowMessage.badTimestamp(raw))
            return
        }
        let portCell = cells[EventColumn.remotePort.rawValue]
        let port: Int32
        switch withContent(p, portCell, { PortValue.parse($0) }) {
        case .null:
            port = EventTable.nullPort
        case .value(let value):
            port = value
        case let invalid:
            let raw = withContent(p, portCell) { String(decoding: $0, as: UTF8.self) }
            result.skip(file: layout.file, line: line, field: EventColumn.remotePort.name,
                        message: RowMessage.badPort(invalid, raw: raw))
            return
        }
        let addressCell = cells[EventColumn.remoteIP.rawValue]
        // The address's dictionary id when it is there and known valid (the common case: one lookup).
        let knownAddress = withContent(p, addressCell) { writer.acceptedAddress($0) }
        guard knownAddress != nil || withContent(p, addressCell, { IPAddressSyntax.isValid($0) }) else {
            let raw = withContent(p, addressCell) { String(decoding: $0, as: UTF8.self) }
            result.skip(file: layout.file, line: line, field: EventColumn.remoteIP.name, message: RowMessage.badIP(raw))
            return
        }

        let row = writer.beginRow(ticks: timestamp.ticks, port: port, into: &result)
        writer.store(.deviceId, intern(p, cells[EventColumn.deviceId.rawValue], .deviceId, &result), row: row)
        writer.store(.deviceName, intern(p, cells[EventColumn.deviceName.rawValue], .deviceName, &result), row: row)
        writer.store(.actionType, intern(p, cells[EventColumn.actionType.rawValue], .actionType, &result), row: row)
        writer.store(.remoteIP, knownAddress ?? intern(p, addressCell, .remoteIP, &result), row: row)
        writer.store(.remoteUrl, intern(p, cells[EventColumn.remoteUrl.rawValue], .remoteUrl, &result), row: row)
        writer.store(.remoteIPType, intern(p, cells[EventColumn.remoteIPType.rawValue], .remoteIPType, &result), row: row)
        writer.store(.accountName, intern(p, cells[EventColumn.accountName.rawValue], .accountName, &result), row: row)
        writer.store(.accountDomain, intern(p, cells[EventColumn.accountDomain.rawValue], .accountDomain, &result), row: row)
        writer.store(.fileName, intern(p, cells[EventColumn.fileName.rawValue], .fileName, &result), row: row)
        writer.endRow(line: line, droppedDigits: droppedDigits, into: &result)
    }

    /// The id of a cell's string in its column's dictionary.
    @inline(__always)
    private mutating func intern(_ p: UnsafePointer<UInt8>, _ cell: CSVField, _ column: EventStringColumn,
                                 _ result: inout ParsedChunk) -> UInt32 {
        if cell.start == cell.end { return 0 }
        if cell.hasDoubledQuotes {
            return CSVTokenizer.collapsed(p, cell).withUnsafeBufferPointer { writer.intern($0, column, &result) }
        }
        return writer.intern(UnsafeBufferPointer(start: p + cell.start, count: cell.end - cell.start), column, &result)
    }

    /// Calls `body` with a cell's content, `""` collapsed to `"` when the cell has any (a copy then).
    @inline(__always)
    private func withContent<T>(_ p: UnsafePointer<UInt8>, _ cell: CSVField,
                                _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if !cell.hasDoubledQuotes { return body(UnsafeBufferPointer(start: p + cell.start, count: cell.end - cell.start)) }
        return CSVTokenizer.collapsed(p, cell).withUnsafeBufferPointer(body)
    }
}
