import BeaconEngine

/// Reads one beacon's rows back from the source files, for the columns the event table does not keep
/// (LocalIP, LocalPort, Protocol, ReportId) and where each row is (file and line): the connections view
/// asks for them on demand instead of the table holding them for every event (why: `BeaconConnections`).
///
/// Defender and Sentinel CSV exports (gzipped or not), the format of `generate` and of most exports, are
/// re-read: streamed in blocks as the loader streams them, every record tokenized but only the beacon's
/// own cells decoded. Other formats are named in `ConnectionDetailsRead.notes`, and their rows show what
/// the table keeps.
public enum ConnectionDetailReader {
    /// How much is read at once.
    static let blockSize = 8 << 20

    /// The rows of `key`'s group in the files at `paths` (folders expanded as the loader expands them), in
    /// file order; a file that cannot be re-read is a note, never an error.
    public static func read(paths: [String], key: BeaconKey) -> ConnectionDetailsRead {
        var read = ConnectionDetailsRead()
        let files: [String]
        do {
            files = try InputExpansion.expand(paths).map(\.path)
        } catch {
            read.notes.append("could not list the input files again: \(error)")
            return read
        }
        for file in files {
            do {
                if let note = try readFile(file, key: key, into: &read.details) { read.notes.append(note) }
            } catch {
                read.notes.append("\(escapeForTerminal(file)): not re-read: \(error)")
            }
        }
        return read
    }

    /// One file's rows of `key` appended to `details`; a note when the file is not a CSV export.
    static func readFile(_ path: String, key: BeaconKey, into details: inout [ConnectionDetail]) throws(LoadError) -> String? {
        let file = try FileSource(path: path, progress: nil)
        let head = try file.readBlock(count: 1 << 16)
        let raw = PrefixedSource(head, then: file)
        let content: any ByteSource = Gzip.isGzip(head) ? try GzipSource(raw, name: path) : raw
        var reader = Reader(key: key, file: path)
        return try reader.read(content, into: &details)
    }

    /// The streaming state of one file: the columns found in its header and the bytes of a record that
    /// a block ended inside.
    struct Reader {
        let key: BeaconKey
        let file: String
        private var positions: [Int] = []
        /// LocalIP, LocalPort, Protocol, ReportId: each column's position, or nil when the file lacks it.
        private var optional: [Int?] = []
        private var fieldCount = 0

        init(key: BeaconKey, file: String) {
            self.key = key
            self.file = file
        }

        static let optionalNames = ["LocalIP", "LocalPort", "Protocol", "ReportId"]

        mutating func read(_ source: any ByteSource, into details: inout [ConnectionDetail]) throws(LoadError) -> String? {
            var buffer = try source.readBlock(count: ConnectionDetailReader.blockSize)
            var ended = buffer.count < ConnectionDetailReader.blockSize
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { buffer.removeFirst(3) }
            if let first = buffer.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }), first == 0x5B || first == 0x7B || first == 0x3C {
                return "\(escapeForTerminal(file)): LocalIP, LocalPort, Protocol and ReportId are re-read only from CSV exports"
            }
            var header = buffer.withUnsafeBufferPointer { CSVHeader.find(in: $0, isComplete: ended) }
            while header == nil && !ended {
                let more = try source.readBlock(count: ConnectionDetailReader.blockSize)
                ended = more.count < ConnectionDetailReader.blockSize
                buffer += more
                header = buffer.withUnsafeBufferPointer { CSVHeader.find(in: $0, isComplete: ended) }
            }
            guard let header, case .success(let found) = EventColumn.locate(in: header.names) else {
                return "\(escapeForTerminal(file)): LocalIP, LocalPort, Protocol and ReportId are re-read only from CSV exports"
            }
            positions = found
            optional = Self.optionalNames.map { header.names.firstIndex(of: $0) }
            fieldCount = header.names.count
            var line = header.dataLine
            var start = header.dataOffset
            while true {
                let consumed = buffer.withUnsafeBufferPointer { bytes in
                    scan(bytes, from: start, line: &line, isFinal: ended, into: &details)
                }
                if ended { return nil }
                let carried = buffer.count - consumed
                buffer = try source.readBlock(after: buffer[consumed...], count: ConnectionDetailReader.blockSize)
                ended = buffer.count - carried < ConnectionDetailReader.blockSize
                start = 0
            }
        }

        /// Reads the records of `bytes` from `from` on; returns where a record cut by the block's end
        /// starts (it is read with the next block), or the end.
        private func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, line: inout Int, isFinal: Bool,
                          into details: inout [ConnectionDetail]) -> Int {
            guard let p = bytes.baseAddress else { return 0 }
            let n = bytes.count
            var position = from
            return withUnsafeTemporaryAllocation(of: CSVField.self, capacity: fieldCount) { cells in
                while position < n {
                    let recordStart = position, recordLine = line
                    let end = CSVTokenizer.scanRecord(p, count: n, position: &position, line: &line) { index, field in
                        if index < fieldCount { cells[index] = field }
                    }
                    if !end.terminated && !isFinal {
                        line = recordLine
                        return recordStart
                    }
                    guard end.problem == nil, end.fieldCount == fieldCount, let detail = detail(p, cells, line: recordLine) else { continue }
                    details.append(detail)
                }
                return n
            }
        }

        /// The record's detail when it belongs to the beacon: the address compared first, as it sorts
        /// out nearly every other row.
        private func detail(_ p: UnsafePointer<UInt8>, _ cells: UnsafeMutableBufferPointer<CSVField>, line: Int) -> ConnectionDetail? {
            func text(_ index: Int) -> String {
                let cell = cells[index]
                if cell.hasDoubledQuotes { return String(decoding: CSVTokenizer.collapsed(p, cell), as: UTF8.self) }
                return String(decoding: UnsafeBufferPointer(start: p + cell.start, count: cell.end - cell.start), as: UTF8.self)
            }
            func column(_ column: EventColumn) -> String { text(positions[column.rawValue]) }
            // Byte for byte, as the query groups (a cell of invalid UTF-8 is compared as the string the
            // loader made of it).
            func equals(_ column: EventColumn, _ value: String) -> Bool {
                let cell = cells[positions[column.rawValue]]
                if !cell.hasDoubledQuotes && cell.end - cell.start != value.utf8.count { return false }
                return text(positions[column.rawValue]).utf8.elementsEqual(value.utf8)
            }
            guard equals(.remoteIP, key.remoteIP), equals(.fileName, key.initiatingProcessFileName),
                  equals(.deviceId, key.deviceId), equals(.deviceName, key.deviceName),
                  equals(.accountName, key.initiatingProcessAccountName),
                  equals(.accountDomain, key.initiatingProcessAccountDomain) else { return nil }
            switch (PortValue.parse(column(.remotePort)), key.remotePort) {
            case (.null, nil): break
            case (.value(let value), let wanted?) where value == wanted: break
            default: return nil
            }
            var timeText = column(.timestamp)
            guard let timestamp = timeText.withUTF8({ TimestampParser.parse(bytes: $0) }) else { return nil }
            let extra = optional.map { $0.map(text) ?? "" }
            return ConnectionDetail(timestamp: timestamp, actionType: column(.actionType), remoteUrl: column(.remoteUrl),
                                    localIP: extra[0], localPort: extra[1], protocolName: extra[2], reportId: extra[3],
                                    file: file, line: line)
        }
    }
}
