import BeaconEngine

/// What one block of CSV records became: the events, with their strings as ids of the parser's own
/// dictionary, and what the merge needs to translate them and to report bad rows where they are.
struct CSVChunkResult: Sendable {
    var batch: EventBatch
    /// The parser's dictionary entries made while reading this block, in the order they were made (each
    /// column's in id order; ids before them were handed out with earlier blocks): one byte arena, and
    /// each entry's length and string column.
    var newStrings: [UInt8] = []
    var newStringLengths: [Int] = []
    var newStringColumns: [EventStringColumn] = []
    /// The parser started a new dictionary (id 0 is `""` again) before this block.
    var dictionaryRestarted = false
    var rowsRead = 0
    var rowsLoaded = 0
    var rowsSkipped = 0
    /// The times of the rows loaded, tracked as each is stored.
    var times = TimeRangeTracker()
    /// Rows loaded whose timestamp lost digits beyond the tick, lines counted as `issues`' are.
    var truncatedFractions = FractionTruncation()
    /// Rows later than the parser's `notesRowsAfter`, lines counted as `issues`' are.
    var lateRows = LateRows()
    /// The block's first `EventLoader.issuesReportedPerFile` issues, lines counted from the block's first
    /// line as line 1.
    var issues: [IngestIssue] = []
    /// Line breaks in the records read (the next block's first line is this many lines further on).
    var linesConsumed = 0
    /// Where a record the block ends inside starts: it was not read, and belongs with the next block.
    /// Only for a block that is not the file's last.
    var unfinishedRecordStart: Int?

    init(source: EventSource) {
        batch = EventBatch(source: source)
    }

    mutating func skip(file: String, line: Int, field: String?, message: String) {
        rowsSkipped += 1
        if issues.count < EventLoader.issuesReportedPerFile {
            issues.append(IngestIssue(file: file, line: line, field: field, message: message))
        }
    }
}

/// Reads the data records of a CSV file, a block at a time, with `CSVTokenizer.scanRecord` (RFC 4180;
/// LF, CRLF or lone CR; quoted fields with separators, `""` and line breaks), without a `String` per field:
/// each string cell's bytes are looked up in the parser's dictionary, and only a value never seen before
/// is checked for UTF-8 and copied. Cells of columns the query does not read are only stepped over.
///
/// One parser per thread; its dictionaries (one per string column, so that a column of five values is
/// looked up in a table that fits the fastest cache) live from block to block, so a day of telemetry's
/// few thousand devices, processes and addresses are each checked once per thread.
struct CSVChunkParser {
    let layout: CSVLayout
    private var dictionaries: [ByteStringTable] = []
    /// Per RemoteIP dictionary id: the value is known to be a valid address.
    private var validAddress: [Bool] = []
    private var dictionaryBytes = 0
    private var restarted = false
    private var timestamps = TimestampReader()
    /// The block's rows so far.
    private var rows = RowStorage(capacity: 1 << 16)
    private var rowCount = 0
    /// Rows later than this are noted with their line (`FileIngest.notesRowsAfter`).
    var notesRowsAfter = Int64.max

    /// A dictionary beyond these bounds (a file with millions of distinct values) is started afresh.
    static let dictionaryEntryLimit = 1 << 20
    static let dictionaryByteLimit = 64 << 20
    /// A quoted field that runs past its line and is still open this many bytes after its record's start
    /// is taken for a stray quote (see `strayQuote`); tests make it small.
    var maximumRecordBytes = InputLimits.maximumLineBytes

    init(layout: CSVLayout) {
        self.layout = layout
        startDictionary()
        restarted = false
    }

    private mutating func startDictionary() {
        // `""` is id 0 in every dictionary and every pool, never handed out.
        var empty = ByteStringTable(capacity: 64)
        _ = empty.insert(UnsafeRawBufferPointer(start: nil, count: 0))
        dictionaries = Array(repeating: empty, count: EventStringColumn.allCases.count)
        validAddress = [false]
        dictionaryBytes = 0
        restarted = true
    }

    /// Reads the records of `bytes`, which starts at a record boundary. Unless `isFinal`, a record that
    /// the block ends inside is left unread (`unfinishedRecordStart`).
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool, source: EventSource = .defender) -> CSVChunkResult {
        if dictionaries.reduce(0, { $0 + $1.count }) > Self.dictionaryEntryLimit || dictionaryBytes > Self.dictionaryByteLimit {
            startDictionary()
        }
        var result = CSVChunkResult(source: source)
        result.dictionaryRestarted = restarted
        restarted = false
        if let base = bytes.baseAddress, !bytes.isEmpty {
            layout.columnOfField.withUnsafeBufferPointer { columnOfField in
                withUnsafeTemporaryAllocation(of: CSVField.self, capacity: EventColumn.allCases.count) { cells in
                    readRecords(base, bytes.count, isFinal: isFinal, columnOfField: columnOfField,
                                cells: cells.baseAddress!, into: &result)
                }
            }
        }
        result.batch = rows.batch(count: rowCount, source: source)
        rowCount = 0
        return result
    }

    // Cell positions go straight to the columns the query reads.
    private mutating func readRecords(_ p: UnsafePointer<UInt8>, _ n: Int, isFinal: Bool,
                                      columnOfField: UnsafeBufferPointer<Int8>, cells: UnsafeMutablePointer<CSVField>,
                                      into result: inout CSVChunkResult) {
        var position = 0
        var line = 1
        while position < n {
            let recordStart = position, recordLine = line
            var firstField = CSVField(start: position, end: position, quoted: false, hasDoubledQuotes: false)
            let end = CSVTokenizer.scanRecord(p, count: n, position: &position, line: &line) { index, field in
                if index == 0 { firstField = field }
                if index < columnOfField.count {
                    let column = Int(columnOfField[index])
                    if column >= 0 { cells[column] = field }
                }
            }
            let spansLines = line - recordLine > (end.terminated ? 1 : 0)
            if !end.terminated && !isFinal {
                if spansLines && n - recordStart > maximumRecordBytes {
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
            if position - recordStart > maximumRecordBytes {
                // Only near the file's end: further on, the block cutter skips such a line unread.
                result.rowsRead += 1
                result.skip(file: layout.file, line: recordLine, field: nil, message: Self.tooLongMessage(maximumRecordBytes))
                continue
            }
            if end.fieldCount == 1 && !firstField.quoted && Self.isBlank(p, firstField) { continue }
            readRecord(p, line: recordLine, fieldCount: end.fieldCount, problem: end.problem, cells: cells, into: &result)
        }
        result.linesConsumed = line - 1
    }

    /// The issue for a line or record longer than `cap` bytes, e.g. "line longer than 16 MiB; skipped".
    static func tooLongMessage(_ cap: Int) -> String {
        "line longer than " + (cap % (1 << 20) == 0 ? "\(cap >> 20) MiB" : "\(cap) bytes") + "; skipped"
    }

    /// Why a record whose quoted field runs past its first line is taken for a stray quote.
    enum StrayQuote {
        /// The quote never closes before the end of the file, or before `maximumRecordBytes`.
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
                               into result: inout CSVChunkResult) {
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
                                     cells: UnsafeMutablePointer<CSVField>, into result: inout CSVChunkResult) {
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
        let knownAddress = withContent(p, addressCell) { acceptedAddress($0) }
        guard knownAddress != nil || withContent(p, addressCell, { IPAddressSyntax.isValid($0) }) else {
            let raw = withContent(p, addressCell) { String(decoding: $0, as: UTF8.self) }
            result.skip(file: layout.file, line: line, field: EventColumn.remoteIP.name, message: RowMessage.badIP(raw))
            return
        }

        // Interned in the order `EventTable.append(_: NetworkEvent)` interns them, so that the table's ids
        // come out as they would one event at a time.
        if rowCount == rows.capacity { rows = rows.doubled(keeping: rowCount) }
        let row = rowCount, stride = rows.capacity
        func store(_ column: EventStringColumn, _ id: UInt32) { rows.strings[column.rawValue * stride + row] = id }
        rows.timestamp[row] = timestamp.ticks
        result.times.include(timestamp.ticks)
        store(.deviceId, intern(p, cells[EventColumn.deviceId.rawValue], .deviceId, &result))
        store(.deviceName, intern(p, cells[EventColumn.deviceName.rawValue], .deviceName, &result))
        store(.actionType, intern(p, cells[EventColumn.actionType.rawValue], .actionType, &result))
        let address = knownAddress ?? intern(p, addressCell, .remoteIP, &result)
        validAddress[Int(address)] = true
        store(.remoteIP, address)
        rows.remotePort[row] = port
        store(.remoteUrl, intern(p, cells[EventColumn.remoteUrl.rawValue], .remoteUrl, &result))
        store(.remoteIPType, intern(p, cells[EventColumn.remoteIPType.rawValue], .remoteIPType, &result))
        store(.accountName, intern(p, cells[EventColumn.accountName.rawValue], .accountName, &result))
        store(.accountDomain, intern(p, cells[EventColumn.accountDomain.rawValue], .accountDomain, &result))
        store(.fileName, intern(p, cells[EventColumn.fileName.rawValue], .fileName, &result))
        rowCount += 1
        result.rowsLoaded += 1
        if droppedDigits { result.truncatedFractions.include(line: line) }
        if timestamp.ticks > notesRowsAfter { result.lateRows.include(line: line, ticks: timestamp.ticks) }
    }

    /// The RemoteIP dictionary id of an address already accepted (0 for the empty value, which a
    /// listening event has), or nil for one to check.
    private func acceptedAddress(_ content: UnsafeBufferPointer<UInt8>) -> UInt32? {
        if content.isEmpty { return 0 }
        guard let id = dictionaries[EventStringColumn.remoteIP.rawValue].find(UnsafeRawBufferPointer(content)),
              validAddress[id] else { return nil }
        return UInt32(id)
    }

    /// The id of a cell's string in its column's dictionary.
    @inline(__always)
    private mutating func intern(_ p: UnsafePointer<UInt8>, _ cell: CSVField, _ column: EventStringColumn,
                                 _ result: inout CSVChunkResult) -> UInt32 {
        if cell.start == cell.end { return 0 }
        if cell.hasDoubledQuotes {
            return CSVTokenizer.collapsed(p, cell).withUnsafeBufferPointer { internBytes($0, column, &result) }
        }
        return internBytes(UnsafeBufferPointer(start: p + cell.start, count: cell.end - cell.start), column, &result)
    }

    @inline(__always)
    private mutating func internBytes(_ content: UnsafeBufferPointer<UInt8>, _ column: EventStringColumn,
                                      _ result: inout CSVChunkResult) -> UInt32 {
        let key = UnsafeRawBufferPointer(content)
        if let id = dictionaries[column.rawValue].find(key) { return UInt32(id) }
        return internNew(key, column, &result)
    }

    /// A value not in the column's dictionary, which the result passes on for the table's pool. Invalid
    /// UTF-8 stands for the string `String(decoding:as:)` makes of it, as when every cell became a
    /// `String`; the dictionaries hold only valid UTF-8.
    private mutating func internNew(_ key: UnsafeRawBufferPointer, _ column: EventStringColumn,
                                    _ result: inout CSVChunkResult) -> UInt32 {
        guard isValidUTF8(key) else {
            var repaired = String(decoding: key, as: UTF8.self)
            return repaired.withUTF8 { internBytes($0, column, &result) }
        }
        let id = dictionaries[column.rawValue].insert(key).id
        result.newStrings.append(contentsOf: key)
        result.newStringLengths.append(key.count)
        result.newStringColumns.append(column)
        dictionaryBytes += key.count
        if column == .remoteIP { validAddress.append(false) }
        return UInt32(id)
    }

    /// Calls `body` with a cell's content, `""` collapsed to `"` when the cell has any (a copy then).
    @inline(__always)
    private func withContent<T>(_ p: UnsafePointer<UInt8>, _ cell: CSVField,
                                _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if !cell.hasDoubledQuotes { return body(UnsafeBufferPointer(start: p + cell.start, count: cell.end - cell.start)) }
        return CSVTokenizer.collapsed(p, cell).withUnsafeBufferPointer(body)
    }
}
