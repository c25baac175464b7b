import BeaconEngine

/// Where a block parser (CSV or JSON lines) puts the events it reads: a worker's dictionaries and its
/// block of rows, shared so that both formats hand the merge the same `ParsedChunk` and their tables come
/// out identical.
///
/// Each string value is looked up in the worker's dictionary for its column (one per column, so that a
/// column of five values is looked up in a table that fits the fastest cache), and only a value never
/// seen before is checked for UTF-8 and copied into the result for the table's pool. The dictionaries
/// live from block to block, so a day of telemetry's few thousand devices, processes and addresses are
/// each checked once per thread.
struct EventRowWriter {
    private var dictionaries: [ByteStringTable] = []
    /// Per RemoteIP dictionary id: the value is known to be a valid address.
    private var validAddress: [Bool] = []
    private var dictionaryBytes = 0
    private var restarted = false
    /// The block's rows so far.
    private var rows = RowStorage(capacity: 1 << 16)
    private var rowCount = 0
    private var rowTicks: Int64 = 0
    private var source: EventSource = .defender
    /// Rows later than this are noted with their line (`FileIngest.notesRowsAfter`).
    var notesRowsAfter = Int64.max

    /// A dictionary beyond these bounds (a file with millions of distinct values) is started afresh.
    static let dictionaryEntryLimit = 1 << 20
    static let dictionaryByteLimit = 64 << 20

    init() {
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

    /// The result a block's rows are written into.
    mutating func beginBlock(source: EventSource) -> ParsedChunk {
        if dictionaries.reduce(0, { $0 + $1.count }) > Self.dictionaryEntryLimit || dictionaryBytes > Self.dictionaryByteLimit {
            startDictionary()
        }
        self.source = source
        var result = ParsedChunk(source: source)
        result.dictionaryRestarted = restarted
        restarted = false
        return result
    }

    /// Hands the block's rows to `result`; the storage is reused for the next block.
    mutating func endBlock(_ result: inout ParsedChunk) {
        result.batch = rows.batch(count: rowCount, source: source)
        rowCount = 0
    }

    /// The RemoteIP dictionary id of an address already accepted (0 for the empty value, which a
    /// listening event has), or nil for one to check.
    func acceptedAddress(_ content: UnsafeBufferPointer<UInt8>) -> UInt32? {
        if content.isEmpty { return 0 }
        guard let id = dictionaries[EventStringColumn.remoteIP.rawValue].find(UnsafeRawBufferPointer(content)),
              validAddress[id] else { return nil }
        return UInt32(id)
    }

    /// The id of `content` in its column's dictionary.
    @inline(__always)
    mutating func intern(_ content: UnsafeBufferPointer<UInt8>, _ column: EventStringColumn,
                         _ result: inout ParsedChunk) -> UInt32 {
        if content.isEmpty { return 0 }
        let key = UnsafeRawBufferPointer(content)
        if let id = dictionaries[column.rawValue].find(key) { return UInt32(id) }
        return internNew(key, column, &result)
    }

    /// A value not in the column's dictionary, which the result passes on for the table's pool. Invalid
    /// UTF-8 stands for the string `String(decoding:as:)` makes of it, as when every cell became a
    /// `String`; the dictionaries hold only valid UTF-8.
    private mutating func internNew(_ key: UnsafeRawBufferPointer, _ column: EventStringColumn,
                                    _ result: inout ParsedChunk) -> UInt32 {
        guard isValidUTF8(key) else {
            var repaired = String(decoding: key, as: UTF8.self)
            return repaired.withUTF8 { intern($0, column, &result) }
        }
        let id = dictionaries[column.rawValue].insert(key).id
        result.newStrings.append(contentsOf: key)
        result.newStringLengths.append(key.count)
        result.newStringColumns.append(column)
        dictionaryBytes += key.count
        if column == .remoteIP { validAddress.append(false) }
        return UInt32(id)
    }

    /// Starts a row with its time and port; its strings follow with `store`, interned in the order
    /// `EventTable.append(_: NetworkEvent)` interns them (device id, device name, action type, address,
    /// url, address type, account name, account domain, file name), so that the table's ids come out as
    /// they would one event at a time. Returns the row's index for `store`.
    mutating func beginRow(ticks: Int64, port: Int32, into result: inout ParsedChunk) -> Int {
        if rowCount == rows.capacity { rows = rows.doubled(keeping: rowCount) }
        rows.timestamp[rowCount] = ticks
        rowTicks = ticks
        rows.remotePort[rowCount] = port
        result.times.include(ticks)
        return rowCount
    }

    @inline(__always)
    mutating func store(_ column: EventStringColumn, _ id: UInt32, row: Int) {
        rows.strings[column.rawValue * rows.capacity + row] = id
        if column == .remoteIP { validAddress[Int(id)] = true }
    }

    /// Ends the row read at `line` of the block; `droppedDigits` when its timestamp lost digits beyond the tick.
    mutating func endRow(line: Int, droppedDigits: Bool, into result: inout ParsedChunk) {
        rowCount += 1
        result.rowsLoaded += 1
        if droppedDigits { result.truncatedFractions.include(line: line) }
        if rowTicks > notesRowsAfter { result.lateRows.include(line: line, ticks: rowTicks) }
    }

    /// Stores a whole event (one read the slow way, through `JSONValue`), interning its strings in order.
    mutating func append(_ event: NetworkEvent, line: Int, droppedDigits: Bool, into result: inout ParsedChunk) {
        let row = beginRow(ticks: event.timestamp.ticks, port: event.remotePort ?? EventTable.nullPort, into: &result)
        func put(_ column: EventStringColumn, _ text: String) {
            var text = text
            let id = text.withUTF8 { intern($0, column, &result) }
            store(column, id, row: row)
        }
        put(.deviceId, event.deviceId)
        put(.deviceName, event.deviceName)
        put(.actionType, event.actionType)
        put(.remoteIP, event.remoteIP)
        put(.remoteUrl, event.remoteUrl)
        put(.remoteIPType, event.remoteIPType)
        put(.accountName, event.initiatingProcessAccountName)
        put(.accountDomain, event.initiatingProcessAccountDomain)
        put(.fileName, event.initiatingProcessFileName)
        endRow(line: line, droppedDigits: droppedDigits, into: &result)
    }
}
