import BeaconEngine
import Foundation

/// Reads a block of Defender JSON lines (bare events or the streaming API's `{"properties": {…}}`
/// envelopes) straight into the `EventRowWriter`, as `CSVChunkParser` reads CSV: `JSONEventScanner`
/// locates the members the query reads and steps over the rest, and their bytes go to the dictionaries
/// without a `String` or a dictionary per line.
///
/// Only the unusual line is parsed into a `JSONValue` and converted by `JSONRecordConverter`: one that
/// does not scan (its message is `JSONTextParser`'s), one whose wanted member is an escaped string or a
/// nested value, or one with a bad cell (the converter words the issue). Both paths read a line alike.
struct JSONLinesChunkParser: BlockParser {
    let file: String
    /// Lines longer than this are skipped and reported (`InputLimits.maximumLineBytes` by default).
    let lineLimit: Int
    private var writer = EventRowWriter()
    private var timestamps = TimestampReader()
    private var converter = JSONRecordConverter()
    /// Rows later than this are noted with their line (`FileIngest.notesRowsAfter`).
    var notesRowsAfter: Int64 {
        get { writer.notesRowsAfter }
        set { writer.notesRowsAfter = newValue }
    }

    init(file: String, lineLimit: Int) {
        self.file = file
        self.lineLimit = lineLimit
    }

    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> ParsedChunk {
        var result = writer.beginBlock(source: .defender)
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            writer.endBlock(&result)
            return result
        }
        let names = JSONEventScanner.wantedNames
        names.withLookup { names in
            withUnsafeTemporaryAllocation(of: JSONSlot.self, capacity: 2 * JSONEventScanner.columnCount) { slots in
                var start = 0
                var line = 1
                while start < bytes.count {
                    let found = memchr(base + start, 0x0A, bytes.count - start)
                    let end = found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? bytes.count
                    let content = TextLines.trimmed(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    if !content.isEmpty {
                        result.rowsRead += 1
                        if end - start > lineLimit {
                            result.skipOversizedLine(line: line, limit: lineLimit)
                        } else {
                            read(content, readable: bytes.count - (content.baseAddress! - base), line: line, slots: slots.baseAddress!,
                                 names: names, into: &result)
                        }
                    }
                    if found != nil { line += 1 }
                    start = end + 1
                }
                result.linesConsumed = line - 1
            }
        }
        result.columnsNamed |= converter.columnsNamed
        writer.endBlock(&result)
        return result
    }

    /// Reads one line; `readable` bytes from its start lie in the block (the scanner may look past the line).
    private mutating func read(_ line: UnsafeBufferPointer<UInt8>, readable: Int, line number: Int,
                               slots: UnsafeMutablePointer<JSONSlot>, names: JSONWantedNames.Lookup,
                               into result: inout ParsedChunk) {
        var scanner = JSONEventScanner(line, readable: readable, slots: slots, names: names)
        guard scanner.scan() else { return readSlowly(line, line: number, into: &result) }
        let topHasTime = slots[EventColumn.timestamp.rawValue].kind != .missing
            || slots[JSONEventScanner.timeGeneratedSlot].kind != .missing
        let chosen = !topHasTime && scanner.hasPropertiesObject ? slots + JSONEventScanner.columnCount : slots
        var named: UInt16 = 0
        for index in 0..<JSONEventScanner.columnCount where chosen[index].kind != .missing { named |= 1 << index }
        result.columnsNamed |= named
        guard storeRow(line, chosen, line: number, into: &result) else { return readSlowly(line, line: number, into: &result) }
    }

    /// Stores the event when every cell it needs is one the fast path reads and valid; false otherwise,
    /// with nothing stored.
    private mutating func storeRow(_ line: UnsafeBufferPointer<UInt8>, _ slots: UnsafeMutablePointer<JSONSlot>,
                                   line number: Int, into result: inout ParsedChunk) -> Bool {
        let base = line.baseAddress!
        func bytes(_ slot: JSONSlot) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: base + slot.start, count: slot.end - slot.start)
        }
        var time = slots[EventColumn.timestamp.rawValue]
        if time.kind == .missing || time.kind == .null { time = slots[JSONEventScanner.timeGeneratedSlot] }
        var droppedDigits = false
        guard time.kind == .plainString, let timestamp = timestamps.parse(bytes(time), droppedDigits: &droppedDigits) else {
            return false
        }

        let portSlot = slots[EventColumn.remotePort.rawValue]
        let port: Int32
        switch portSlot.kind {
        case .missing, .null:
            port = EventTable.nullPort
        case .plainString, .number:
            // A number in JSON's grammar with no `.`, `e` or `E` is digits: read as the converter does.
            if portSlot.kind == .number && bytes(portSlot).contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) {
                return false
            }
            switch PortValue.parse(bytes(portSlot)) {
            case .null: port = EventTable.nullPort
            case .value(let value): port = value
            case .notANumber, .outOfRange: return false
            }
        case .literal, .needsParsing:
            return false
        }

        let addressSlot = slots[EventColumn.remoteIP.rawValue]
        var knownAddress: UInt32?
        switch addressSlot.kind {
        case .missing, .null:
            knownAddress = 0
        case .plainString:
            knownAddress = writer.acceptedAddress(bytes(addressSlot))
            guard knownAddress != nil || IPAddressSyntax.isValid(bytes(addressSlot)) else { return false }
        case .number, .literal, .needsParsing:
            return false
        }
        for column in EventColumn.allCases where slots[column.rawValue].kind == .needsParsing { return false }

        func intern(_ column: EventColumn, _ stringColumn: EventStringColumn) -> UInt32 {
            let slot = slots[column.rawValue]
            switch slot.kind {
            case .missing, .null, .needsParsing: return 0
            case .plainString, .number, .literal: return writer.intern(bytes(slot), stringColumn, &result)
            }
        }
        let row = writer.beginRow(ticks: timestamp.ticks, port: port, into: &result)
        writer.store(.deviceId, intern(.deviceId, .deviceId), row: row)
        writer.store(.deviceName, intern(.deviceName, .deviceName), row: row)
        writer.store(.actionType, intern(.actionType, .actionType), row: row)
        writer.store(.remoteIP, knownAddress ?? intern(.remoteIP, .remoteIP), row: row)
        writer.store(.remoteUrl, intern(.remoteUrl, .remoteUrl), row: row)
        writer.store(.remoteIPType, intern(.remoteIPType, .remoteIPType), row: row)
        writer.store(.accountName, intern(.accountName, .accountName), row: row)
        writer.store(.accountDomain, intern(.accountDomain, .accountDomain), row: row)
        writer.store(.fileName, intern(.fileName, .fileName), row: row)
        writer.endRow(line: number, droppedDigits: droppedDigits, into: &result)
        return true
    }

    /// The line as `JSONReader` reads JSON lines: parsed whole, converted, or reported.
    private mutating func readSlowly(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into result: inout ParsedChunk) {
        let value: JSONValue
        do throws(JSONTextParser.Failure) {
            value = try JSONTextParser.parse(line)
        } catch {
            result.skip(file: file, line: number, field: nil, message: error.message)
            return
        }
        guard case .object(let members) = value else {
            result.skip(file: file, line: number, field: nil, message: JSONLines.notAnObject)
            return
        }
        var problems = FileIngest(file: file)
        if let event = converter.event(from: members, line: number, ingest: &problems) {
            writer.append(event, line: number, droppedDigits: problems.truncatedFractions.count > 0, into: &result)
        }
        for issue in problems.issues {
            result.skip(file: file, line: number, field: issue.field, message: issue.message)
        }
    }
}
