import BeaconEngine
import Foundation

/// Loads `DeviceNetworkEvents` exports (CSV, Advanced Hunting JSON, JSON arrays, JSON lines), Sysmon 3 and
/// Security 5156 events (JSON lines, XML), Zeek conn logs (TSV, JSON lines) and the hunting query's own
/// output run in Kusto, each optionally gzip-compressed, into one `LoadResult`. Directories are read
/// recursively.
///
/// A problem with a whole file (missing, unreadable, unknown format, missing columns, corrupt gzip,
/// broken JSON document) throws a `LoadError` naming it. A malformed row is skipped and counted, and
/// the first `issuesReportedPerFile` of each file are reported with file:line and field.
public enum EventLoader {
    /// How many issues of one file `LoadResult.issues` keeps.
    public static let issuesReportedPerFile = 10

    /// Loads every file, in order, into one table; a directory stands for the files under it (sorted), of
    /// which those that hold no events are left out (`LoadResult.filesLeftOut`). `provider` chooses between
    /// Sysmon 3 and Security 5156 where both are loaded. Throws only `LoadError`.
    ///
    /// CSV files and Defender JSON lines are streamed, never read whole: memory is the table plus a few
    /// blocks. The other formats are documents read whole. Several files are read at once, about one per
    /// core (`ReadOptions.filesAtOnce`), and merged in file order: the result is the one reading them one
    /// after another gives. `progress`, when given, is updated as the files are read, for a caller on
    /// another thread.
    public static func load(paths: [String], provider: WindowsEventProvider = .auto,
                            progress: LoadProgress? = nil) throws -> LoadResult {
        try load(paths: paths, provider: provider, progress: progress, options: ReadOptions())
    }

    /// Loads one file's content; `name` stands for the file in messages. Throws only `LoadError`.
    public static func load(bytes: [UInt8], name: String, provider: WindowsEventProvider = .auto,
                            progress: LoadProgress? = nil) throws -> LoadResult {
        try load(bytes: bytes, name: name, provider: provider, progress: progress, options: ReadOptions())
    }

    /// How a file is read: the size of the blocks parsed at once, how many threads parse them, how many
    /// files are read at once, and the longest JSON line read (tests make it small).
    struct ReadOptions: Sendable {
        var blockSize = 8 << 20
        var workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        /// Files read at the same time, each on its own thread, their parse workers shared out among them
        /// (`workers` in all); 1 reads them one after another on the caller's thread. The files read ahead
        /// of the merge are held until their turn, so memory grows by at most this many files' tables.
        var filesAtOnce = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        /// Rows later than this are noted with their line (`FileLoadSummary.lateRows`); only
        /// `SetAsideRowLocator` sets it.
        var notesRowsAfter = Int64.max
        /// The longest line or record kept (`InputLimits.maximumLineBytes`); tests make it small.
        var lineLimit = InputLimits.maximumLineBytes
        /// Blocks of a file parsed ahead of the merge, at most (`BlockStreamReader.blocksAhead`); nil for
        /// the reader's default, a few more than the workers.
        var blocksAhead: Int?

        /// The options for one of `files` files read at once: the parse workers shared out among them.
        func forOneOf(_ files: Int) -> ReadOptions {
            var shared = self
            shared.workers = max(1, (workers + files - 1) / files)
            return shared
        }
    }

    /// `table` is where the rows go: an empty one, or one set for a pass of a two-pass read (`TwoPassLoader`).
    static func load(paths: [String], provider: WindowsEventProvider = .auto, progress: LoadProgress?,
                     options: ReadOptions, into table: EventTable = EventTable()) throws(LoadError) -> LoadResult {
        var result = LoadResult(table: table, files: [], issues: [], skippedRows: 0)
        var native = NativeLogBatch()
        let files = try InputExpansion.expand(paths)
        progress?.addTotal(files.reduce(0) { $0 + fileSize($1.path) })
        if result.table.readsAPass {
            // A file read apart would hold every one of its rows, and a pass numbers groups as its own table
            // does: the files are read one after another straight into it, all workers on each.
            for file in files {
                let outcome = Result { () throws(LoadError) in
                    let source = try FileSource(path: file.path, progress: progress)
                    return try read(source, name: file.path, size: source.size, foundInDirectory: file.foundInDirectory,
                                    progress: progress, options: options, into: &result.table)
                }
                try merge(outcome, of: file, into: &result, native: &native)
            }
            try NativeLogs.finish(&native, into: &result, provider: provider, lookBesideFiles: true)
            return result
        }
        let atOnce = max(1, min(options.filesAtOnce, files.count))
        let perFile = options.forOneOf(atOnce)
        try OrderedWorkQueue.inOrder(count: files.count, threads: atOnce) { index in
            read(files[index], progress: progress, options: perFile)
        } take: { (index, part) throws(LoadError) in
            try merge(part, of: files[index], into: &result, native: &native)
        }
        try NativeLogs.finish(&native, into: &result, provider: provider, lookBesideFiles: true)
        return result
    }

    static func load(bytes: [UInt8], name: String, provider: WindowsEventProvider = .auto, progress: LoadProgress?,
                     options: ReadOptions) throws(LoadError) -> LoadResult {
        var result = LoadResult(table: EventTable(), files: [], issues: [], skippedRows: 0)
        var native = NativeLogBatch()
        progress?.addTotal(bytes.count)
        let part = try read(MemorySource(bytes, progress: progress), name: name, size: bytes.count,
                            foundInDirectory: false, progress: progress, options: options)
        try merge(.success(part), of: InputFile(path: name, foundInDirectory: false), into: &result, native: &native)
        try NativeLogs.finish(&native, into: &result, provider: provider, lookBesideFiles: false)
        return result
    }

    // MARK: - One file

    /// Enough of a file's start to recognise its content: magic numbers, a 64 KiB sample, the first line.
    private static let headSize = 1 << 17

    /// One file found by `load(paths:)`, read apart from the others; a problem with it is its outcome.
    static func read(_ file: InputFile, progress: LoadProgress?, options: ReadOptions) -> Result<FilePart, LoadError> {
        Result { () throws(LoadError) in
            let source = try FileSource(path: file.path, progress: progress)
            return try read(source, name: file.path, size: source.size, foundInDirectory: file.foundInDirectory,
                            progress: progress, options: options)
        }
    }

    /// One file's content into a table of its own; `name` stands for the file in messages.
    private static func read(_ raw: any ByteSource, name: String, size: Int, foundInDirectory: Bool,
                             progress: LoadProgress?, options: ReadOptions) throws(LoadError) -> FilePart {
        var table = EventTable()
        var part = try read(raw, name: name, size: size, foundInDirectory: foundInDirectory, progress: progress,
                            options: options, into: &table)
        part.table = table
        return part
    }

    /// One file's content into `table`, whose rows the returned part leaves out (its table is empty). A
    /// problem that leaves the file out of a folder's load (`LoadError.isNotAnEventFile`) is found in the
    /// file's head, before any row reaches `table`.
    private static func read(_ raw: any ByteSource, name: String, size: Int, foundInDirectory: Bool,
                             progress: LoadProgress?, options: ReadOptions,
                             into table: inout EventTable) throws(LoadError) -> FilePart {
        var native = NativeLogBatch()
        native.readingFromDirectory = foundInDirectory
        var queryResults: [QueryResultRow] = []
        let rawHead = try raw.readBlock(count: headSize)
        guard !rawHead.isEmpty else { throw .empty(path: name) }
        let compressed = Gzip.isGzip(rawHead)
        let rawStream = PrefixedSource(rawHead, then: raw)
        let gzip = compressed ? try GzipSource(rawStream, name: name, keepsTruncatedContent: true) : nil
        let content: any ByteSource = gzip.map { CompleteLinesSource($0) } ?? rawStream
        // The content's size, to size the table once: the file's, or for gzip the file's times the
        // compression ratio seen when the first block is read.
        let expectedBytes = { gzip.map { $0.expectedContentBytes(compressedSize: size) } ?? size }

        var head = try content.readBlock(count: headSize)
        var contentEnded = head.count < headSize
        if let reason = foreignFormat(head) { throw .unknownFormat(path: name, reason: reason) }
        // A UTF-8 byte order mark is not part of the data; nor are the second and later ones a tool that
        // adds one on every save leaves (docs/INPUT-FORMATS.md, "Encoding").
        while head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF { head.removeFirst(3) }
        while !head.contains(where: { !isBlankByte($0) }) {
            if contentEnded { throw .empty(path: name) }
            let more = try content.readBlock(count: headSize)
            contentEnded = more.count < headSize
            head += more
        }
        let first = head.first { !isBlankByte($0) }!

        var ingest = FileIngest(file: name)
        ingest.notesRowsAfter = options.notesRowsAfter
        var streamsJSONLines: Bool?
        if first == 0x7B /* { */ {
            streamsJSONLines = isDefenderJSONLines(head, ended: contentEnded, lineLimit: options.lineLimit)
            while streamsJSONLines == nil {
                let more = try content.readBlock(count: headSize)
                contentEnded = more.count < headSize
                head += more
                streamsJSONLines = isDefenderJSONLines(head, ended: contentEnded, lineLimit: options.lineLimit)
            }
        }
        let format: InputFormat
        if streamsJSONLines == true {
            try readJSONLines(head: head, ended: contentEnded, rest: content, expectedBytes: expectedBytes,
                              into: &table, ingest: &ingest, progress: progress, options: options)
            format = .jsonLines
        } else if first == 0x5B /* [ */ || first == 0x7B /* { */ || first == 0x3C /* < */
            || head.withUnsafeBufferPointer({ ZeekTSVReader.isZeekTSV($0) || QueryResultReader.looksLikeQueryResult($0) }) {
            let text = contentEnded ? head : try content.readToEnd(after: head)
            format = try readDocument(text, name: name, into: &table, queryResults: &queryResults, native: &native,
                                      ingest: &ingest)
            progress?.addEvents(ingest.rowsLoaded)
        } else {
            if contentEnded, let reason = head.withUnsafeBufferPointer(JSONReader.scalarDocumentReason) {
                throw .unknownFormat(path: name, reason: reason)
            }
            guard head.withUnsafeBufferPointer(firstLineIsUTF8) else {
                throw .unknownFormat(path: name, reason: "not UTF-8 text (the first line is not valid UTF-8)")
            }
            try readCSV(head: head, ended: contentEnded, rest: content, expectedBytes: expectedBytes,
                        into: &table, ingest: &ingest, progress: progress, options: options)
            format = .csv
        }

        if let line = gzip?.truncatedAtLine {
            ingest.issues.append(IngestIssue(file: name, line: line, field: nil,
                                             message: "the gzip data ends early, in this line, which is left out: the rows before it are loaded, the rest of the file is missing"))
        }

        var summary = FileLoadSummary(path: name, format: format, compressed: compressed,
                                      rowsRead: ingest.rowsRead, rowsLoaded: ingest.rowsLoaded,
                                      rowsSkipped: ingest.rowsSkipped, timeRange: ingest.times.range)
        if let note = ingest.truncatedFractions.note { summary.notes.append(note) }
        summary.lateRows = ingest.lateRows
        return FilePart(table: EventTable(), summary: summary, issues: ingest.issues, queryResults: queryResults, native: native)
    }

    /// A document read whole: the query's own output, the native formats (Sysmon, 5156, Zeek: their events
    /// join the table when the load ends; numbered as file 0 until the merge), or the Defender JSON shapes,
    /// told apart by their content.
    private static func readDocument(_ content: [UInt8], name: String, into table: inout EventTable,
                                     queryResults: inout [QueryResultRow], native: inout NativeLogBatch,
                                     ingest: inout FileIngest) throws(LoadError) -> InputFormat {
        try content.withUnsafeBufferPointer { (text) throws(LoadError) -> InputFormat in
            if QueryResultReader.looksLikeQueryResult(text) {
                let read = try QueryResultReader.read(text, ingest: &ingest)
                queryResults += read.rows
                return read.format
            }
            if let format = try NativeLogs.read(text, file: name, fileIndex: 0, ingest: &ingest, batch: &native) {
                return format
            }
            let first = text.firstIndex { !isBlankByte($0) }!
            var reader = JSONReader(text)
            if text[first] == 0x5B /* [ */ {
                try reader.readArray(into: &table, ingest: &ingest)
                return .jsonArray
            }
            guard text[first] == 0x7B /* { */ else {
                throw .unknownFormat(path: name, reason: "neither CSV, JSON, Windows event XML nor a Zeek log")
            }
            return try reader.readObjectDocument(into: &table, ingest: &ingest)
        }
    }

    /// A whole file's content, gunzipped: for the logs read beside another (a Zeek conn log's http and ssl
    /// logs), with the same errors as a file named to `load`.
    static func readContent(_ path: String) throws(LoadError) -> (bytes: [UInt8], compressed: Bool) {
        let file = try FileSource(path: path, progress: nil)
        let head = try file.readBlock(count: headSize)
        let compressed = Gzip.isGzip(head)
        let raw = PrefixedSource(head, then: file)
        guard compressed else { return (try raw.readToEnd(after: []), false) }
        return (try GzipSource(raw, name: path).readToEnd(after: []), true)
    }

    /// A CSV file: the header from `head` (reading on if it is longer), then the records, streamed.
    private static func readCSV(head: [UInt8], ended: Bool, rest: any ByteSource, expectedBytes: () -> Int?,
                                into table: inout EventTable, ingest: inout FileIngest,
                                progress: LoadProgress?, options: ReadOptions) throws(LoadError) {
        var head = head
        var ended = ended
        var found = head.withUnsafeBufferPointer { CSVHeader.find(in: $0, isComplete: ended) }
        while found == nil && !ended {
            let more = try rest.readBlock(count: headSize)
            ended = more.count < headSize
            head += more
            found = head.withUnsafeBufferPointer { CSVHeader.find(in: $0, isComplete: ended) }
        }
        guard let header = found else { throw .empty(path: ingest.file) }
        let layout = try CSVLayout(file: ingest.file, header: header.names)
        let notesRowsAfter = ingest.notesRowsAfter, lineLimit = options.lineLimit
        var reader = BlockStreamReader(boundary: .quoteParity) {
            var parser = CSVChunkParser(layout: layout)
            parser.notesRowsAfter = notesRowsAfter
            parser.lineLimit = lineLimit
            return parser
        }
        reader.blockSize = options.blockSize
        reader.workerCount = options.workers
        reader.lineLimit = lineLimit
        reader.blocksAhead = options.blocksAhead
        try reader.read(start: Array(head[header.dataOffset...]), firstLine: header.dataLine, source: rest,
                        sourceEnded: ended, expectedBytes: expectedBytes, into: &table, ingest: &ingest,
                        progress: progress)
    }

    /// Defender JSON lines, streamed (`JSONLinesChunkParser`), then the missing-columns check
    /// `JSONReader` makes: columns named by any record, once there is a record.
    private static func readJSONLines(head: [UInt8], ended: Bool, rest: any ByteSource, expectedBytes: () -> Int?,
                                      into table: inout EventTable, ingest: inout FileIngest,
                                      progress: LoadProgress?, options: ReadOptions) throws(LoadError) {
        let file = ingest.file, lineLimit = options.lineLimit, notesRowsAfter = ingest.notesRowsAfter
        var reader = BlockStreamReader(boundary: .lineFeed) {
            var parser = JSONLinesChunkParser(file: file, lineLimit: lineLimit)
            parser.notesRowsAfter = notesRowsAfter
            return parser
        }
        reader.blockSize = options.blockSize
        reader.workerCount = options.workers
        reader.lineLimit = lineLimit
        reader.blocksAhead = options.blocksAhead
        try reader.read(start: head, firstLine: 1, source: rest, sourceEnded: ended, expectedBytes: expectedBytes,
                        into: &table, ingest: &ingest, progress: progress)
        guard ingest.rowsRead > 0 else { return }
        if case .failure(let missing) = EventColumn.locate(in: JSONRecordConverter.names(ofColumns: reader.columnsNamed)) {
            throw .missingColumns(path: ingest.file, columns: missing.names)
        }
    }

    /// Whether `head` starts Defender JSON lines, to be streamed: its first non-blank line is a whole
    /// JSON object, not a Windows or Zeek record nor the query's output, and text follows it (else it
    /// may be one event, or an Advanced Hunting response, on one line). Any other `{` document is read
    /// whole by `readDocument` (a first line that is broken or longer than `lineLimit` included), as
    /// before. Nil when `head` ends before this can be told.
    static func isDefenderJSONLines(_ head: [UInt8], ended: Bool, lineLimit: Int) -> Bool? {
        head.withUnsafeBufferPointer { text -> Bool? in
            guard let first = text.firstIndex(where: { !isBlankByte($0) }) else { return false }
            guard let lineFeed = text[first...].firstIndex(of: 0x0A) else {
                return ended || text.count - first > lineLimit ? false : nil
            }
            guard lineFeed - first <= lineLimit else { return false }
            let line = TextLines.trimmed(UnsafeBufferPointer(rebasing: text[first..<lineFeed]))
            guard let object = try? JSONTextParser.parse(line), object.isObject,
                  !QueryResultReader.looksLikeQueryResult(text),
                  !WindowsEventJSONShape.isWindowsEvent(object), !ZeekJSONReader.isZeekRecord(object) else { return false }
            if text[(lineFeed + 1)...].contains(where: { !isBlankByte($0) }) { return true }
            return ended || text.count > 2 * lineLimit ? false : nil
        }
    }

    /// The size of the file at `path`, or 0 when it cannot be read (its turn will say why).
    private static func fileSize(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? max(Int(status.st_size), 0) : 0
    }

    // MARK: - Content checks

    /// Why `bytes` are not text this loader reads (another archive or compression, UTF-16, binary), or nil.
    static func foreignFormat(_ bytes: [UInt8]) -> String? {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "a zip archive (or .xlsx workbook); extract or export the CSV first" }
        if starts([0x42, 0x5A, 0x68]) { return "bzip2-compressed; only gzip is read" }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return "xz-compressed; only gzip is read" }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return "zstd-compressed; only gzip is read" }
        if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return "a 7-Zip archive; extract the file first" }
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return "an Excel 97-2003 workbook; export it as CSV (UTF-8)" }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) { return "UTF-16 text; save it as UTF-8" }
        if Gzip.isGzip(bytes) { return "gzip inside gzip" }

        let sample = bytes.prefix(1 << 16)
        var zeros = 0
        var oddZeros = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            zeros += 1
            if index % 2 == 1 { oddZeros += 1 }
        }
        // A stray NUL in a text export is a damaged row, reported by the reader while the other rows load;
        // binary data has them by the hundred.
        guard zeros > 0, zeros * 100 >= sample.count else { return nil }
        if zeros * 3 >= sample.count && oddZeros * 10 >= zeros * 9 { return "UTF-16 text; save it as UTF-8" }
        return "binary data (NUL bytes), not CSV or JSON text"
    }

    private static func isBlankByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether the first line (up to 64 KiB) decodes as UTF-8: a header that does not is not a text export.
    private static func firstLineIsUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = 0
        let limit = min(text.count, 1 << 16)
        while end < limit, text[end] != 0x0A { end += 1 }
        // Do not judge a multi-byte sequence cut by the 64 KiB limit.
        if end == limit && limit < text.count {
            while end > 0, text[end - 1] & 0xC0 == 0x80 { end -= 1 }
            if end > 0 && text[end - 1] >= 0xC0 { end -= 1 }
        }
        return isValidUTF8(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[0..<end])))
    }
}
