import BeaconEngine
import Foundation

/// Loads `DeviceNetworkEvents` exports (CSV, Advanced Hunting JSON, JSON arrays, JSON lines), Sysmon 3 and
/// Security 5156 events (JSON lines, XML) and Zeek conn logs (TSV, JSON lines), each optionally
/// gzip-compressed, into one `EventTable`. Directories are read recursively.
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
    public static func load(paths: [String], provider: WindowsEventProvider = .auto) throws -> LoadResult {
        var result = LoadResult(table: EventTable(), files: [], issues: [], skippedRows: 0)
        var native = NativeLogBatch()
        for file in try InputExpansion.expand(paths) {
            let bytes = try readFile(file.path)
            native.readingFromDirectory = file.foundInDirectory
            native.noteFileRead(file.path)
            let rowsBefore = result.table.count
            let outcome = Result { () throws(LoadError) in try ingest(bytes, name: file.path, into: &result, native: &native) }
            if case .failure(let error) = outcome {
                guard file.foundInDirectory && error.isNotAnEventFile else { throw error }
                result.filesLeftOut.append(error)
                InputExpansion.dropRows(after: rowsBefore, of: &result.table)
            }
        }
        try NativeLogs.finish(&native, into: &result, provider: provider, lookBesideFiles: true)
        return result
    }

    /// Loads one file's content; `name` stands for the file in messages. Throws only `LoadError`.
    public static func load(bytes: [UInt8], name: String, provider: WindowsEventProvider = .auto) throws -> LoadResult {
        var result = LoadResult(table: EventTable(), files: [], issues: [], skippedRows: 0)
        var native = NativeLogBatch()
        try ingest(bytes, name: name, into: &result, native: &native)
        try NativeLogs.finish(&native, into: &result, provider: provider, lookBesideFiles: false)
        return result
    }

    // MARK: - One file

    private static func ingest(_ raw: [UInt8], name: String, into result: inout LoadResult,
                               native: inout NativeLogBatch) throws(LoadError) {
        guard !raw.isEmpty else { throw .empty(path: name) }
        var content = raw
        let compressed = Gzip.isGzip(raw)
        if compressed {
            do {
                content = try Gzip.decompress(raw)
            } catch {
                switch error {
                case .corrupt(let reason): throw .corruptGzip(path: name, reason: reason)
                }
            }
        }
        if let reason = foreignFormat(content) { throw .unknownFormat(path: name, reason: reason) }

        var ingest = FileIngest(file: name)
        let fileIndex = result.files.count
        let format: InputFormat = try content.withUnsafeBufferPointer { (whole) throws(LoadError) -> InputFormat in
            // A UTF-8 byte order mark is not part of the data.
            let hasBOM = whole.count >= 3 && whole[0] == 0xEF && whole[1] == 0xBB && whole[2] == 0xBF
            let text = UnsafeBufferPointer(rebasing: whole[(hasBOM ? 3 : 0)...])
            if QueryResultReader.looksLikeQueryResult(text) {
                let read = try QueryResultReader.read(text, ingest: &ingest)
                result.queryResults += read.rows
                return read.format
            }
            guard let first = text.firstIndex(where: { !isBlankByte($0) }) else { throw .empty(path: name) }
            // Sysmon, Security 5156 and Zeek, told from their content; their events join the table at the end.
            if let format = try NativeLogs.read(text, file: name, fileIndex: fileIndex, ingest: &ingest, batch: &native) {
                return format
            }
            if text[first] == 0x5B /* [ */ {
                var reader = JSONReader(text)
                try reader.readArray(into: &result.table, ingest: &ingest)
                return .jsonArray
            }
            if text[first] == 0x7B /* { */ {
                var reader = JSONReader(text)
                return try reader.readObjectDocument(into: &result.table, ingest: &ingest)
            }
            guard firstLineIsUTF8(text) else {
                throw .unknownFormat(path: name, reason: "not UTF-8 text (the first line is not valid UTF-8)")
            }
            var reader = CSVReader(text)
            try reader.read(into: &result.table, ingest: &ingest)
            return .csv
        }

        let hasEvents = result.files.contains { !$0.format.isQueryResult && $0.rowsLoaded > 0 } || result.table.count > 0
        let hasResults = result.files.contains { $0.format.isQueryResult } || format.isQueryResult
        if hasEvents && hasResults { throw .mixesResultsAndEvents(path: name) }
        result.files.append(FileLoadSummary(path: name, format: format, compressed: compressed,
                                            rowsRead: ingest.rowsRead, rowsLoaded: ingest.rowsLoaded,
                                            rowsSkipped: ingest.rowsSkipped))
        result.issues += ingest.issues
        result.skippedRows += ingest.rowsSkipped
    }

    // MARK: - Reading files

    /// The file's bytes, with a clear error when it is missing, a directory or unreadable.
    static func readFile(_ path: String) throws(LoadError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw .isDirectory(path: path) }

        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: errnoDescription(errno)) }
        defer { close(descriptor) }

        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0

        // The announced size straight into the array's storage, then whatever is left (a file that grew,
        // or a pipe whose size is unknown) in chunks.
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                if count > 0 {
                    initialized += count
                } else if count == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        if failure != 0 { throw .unreadable(path: path, reason: errnoDescription(failure)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                throw .unreadable(path: path, reason: errnoDescription(errno))
            }
        }
    }

    private static func errnoDescription(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code))
        }
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
        var iterator = UnsafeBufferPointer(rebasing: text[0..<end]).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
