import BeaconEngine
import Foundation

/// What the native readers add to a file's summary once the whole load is known.
struct NativeFileExtras: Sendable {
    var rowsIgnored = 0
    var notes: [String] = []
}

/// The native formats' records, held until every file of a load has been read, because they depend on
/// one another: a Sysmon record in one file may describe the connection of a 5156 record in another, and a
/// Zeek conn record's host name may sit in any http or ssl log of the rotation.
struct NativeLogBatch: Sendable {
    var windows: [PendingWindowsConnection] = []
    var zeekConnections: [PendingZeekConnection] = []
    var zeekHosts = ZeekHostIndex()
    /// Conn logs read, by path, for finding their http and ssl logs.
    var zeekConnLogs: [String] = []
    /// An http or ssl log named explicitly (not found in a directory), which needs a conn log in the load.
    var explicitCompanion: String?
    /// Every file read, standardised, so a companion is not read twice.
    var filesRead: Set<String> = []
    var extras: [Int: NativeFileExtras] = [:]
    /// Whether the file being read was found in a directory rather than named.
    var readingFromDirectory = false

    mutating func noteFileRead(_ path: String) {
        filesRead.insert(URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    func wasRead(_ path: String) -> Bool {
        filesRead.contains(URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    /// Adds what one file read apart left (`FilePart.native`, numbered as file 0), as file `index` of the
    /// load: as if that file had been read into this batch after the ones before.
    mutating func absorb(_ file: NativeLogBatch, asFile index: Int) {
        windows += file.windows.map { connection in
            var renumbered = connection
            renumbered.fileIndex += index
            return renumbered
        }
        zeekConnections += file.zeekConnections.map { connection in
            var renumbered = connection
            renumbered.fileIndex += index
            return renumbered
        }
        zeekHosts.absorb(file.zeekHosts)
        zeekConnLogs += file.zeekConnLogs
        if explicitCompanion == nil { explicitCompanion = file.explicitCompanion }
        filesRead.formUnion(file.filesRead)
        for (fileIndex, extra) in file.extras { extras[fileIndex + index] = extra }
    }
}

/// Detection of the native formats from content, and the end of a load that holds them.
enum NativeLogs {
    /// The longest first line that is tried as a Windows event or Zeek record.
    static let longestRecordLine = 1 << 20

    /// Reads `text` when it is Windows event XML or JSON lines, or a Zeek log (TSV or JSON lines); nil
    /// when it is none of them (the Defender readers take it). `text` is gunzipped, without a BOM.
    static func read(_ text: UnsafeBufferPointer<UInt8>, file: String, fileIndex: Int, ingest: inout FileIngest,
                     batch: inout NativeLogBatch) throws(LoadError) -> InputFormat? {
        var extras = NativeFileExtras()
        let format = try detectAndRead(text, file: file, fileIndex: fileIndex, ingest: &ingest, extras: &extras, batch: &batch)
        // Only a file that was read gets its extras: a file that threw leaves its index to the next one.
        if format != nil && (extras.rowsIgnored > 0 || !extras.notes.isEmpty) { batch.extras[fileIndex] = extras }
        return format
    }

    private static func detectAndRead(_ text: UnsafeBufferPointer<UInt8>, file: String, fileIndex: Int,
                                      ingest: inout FileIngest, extras: inout NativeFileExtras,
                                      batch: inout NativeLogBatch) throws(LoadError) -> InputFormat? {
        guard let firstLine = TextLines.firstNonBlankLine(in: text) else { return nil }

        if firstLine.first == 0x3C /* < */ {
            guard WindowsEventXMLReader.isWindowsEventXML(text) else {
                throw .unknownFormat(path: file, reason: "XML without Windows <Event> elements")
            }
            let connections = WindowsEventXMLReader.read(text, fileIndex: fileIndex, ingest: &ingest, extras: &extras)
            noteIfWithoutConnections(connections, &extras, ingest: ingest)
            batch.windows += connections
            return .windowsEventXML
        }
        if ZeekTSVReader.isZeekTSV(text) {
            let content = ZeekTSVReader.read(text, fileIndex: fileIndex, ingest: &ingest)
            return try accept(content, file: file, connFormat: .zeekConnTSV, extras: &extras, batch: &batch)
        }
        // A Windows or Zeek record is a line of a few kilobytes; a longer first line is a Defender document
        // (an Advanced Hunting response on one line), not worth parsing twice.
        guard firstLine.first == 0x7B /* { */, firstLine.count <= Self.longestRecordLine,
              let first = try? JSONTextParser.parse(firstLine) else { return nil }
        if WindowsEventJSONShape.isWindowsEvent(first) {
            let connections = WindowsEventJSONReader.read(text, fileIndex: fileIndex, ingest: &ingest, extras: &extras)
            noteIfWithoutConnections(connections, &extras, ingest: ingest)
            batch.windows += connections
            return .windowsEventJSON
        }
        if ZeekJSONReader.isZeekRecord(first) {
            let content = ZeekJSONReader.read(text, fileIndex: fileIndex, ingest: &ingest)
            return try accept(content, file: file, connFormat: .zeekConnJSON, extras: &extras, batch: &batch)
        }
        return nil
    }

    private static func accept(_ content: ZeekFileContent, file: String, connFormat: InputFormat,
                               extras: inout NativeFileExtras, batch: inout NativeLogBatch) throws(LoadError) -> InputFormat {
        for entry in content.hosts { batch.zeekHosts.add(kind: entry.kind, uid: entry.uid, host: entry.host) }
        if content.otherRecords > 0 {
            extras.rowsIgnored += content.otherRecords
            extras.notes.append("\(content.otherRecords) records of other Zeek logs left out")
        }
        switch content.kind {
        case .conn:
            batch.zeekConnections += content.connections
            batch.zeekConnLogs.append(file)
            return connFormat
        case .http, .ssl:
            if !batch.readingFromDirectory && batch.explicitCompanion == nil { batch.explicitCompanion = file }
            return content.kind == .http ? .zeekHTTP : .zeekSSL
        case .other(let name):
            let log = name.isEmpty ? "a Zeek log of unknown kind (no #path, no conn, http or ssl fields)" : "a Zeek \(name) log"
            throw .unknownFormat(path: file, reason: log + "; only conn logs (with their http and ssl logs) hold connections")
        }
    }

    /// A Windows event file of other events (process creations, logons) loads nothing: say why.
    private static func noteIfWithoutConnections(_ connections: [PendingWindowsConnection], _ extras: inout NativeFileExtras,
                                                 ingest: FileIngest) {
        if connections.isEmpty && ingest.rowsRead > 0 && ingest.rowsSkipped == 0 {
            extras.notes.append("no outbound Sysmon event 3 or Security event 5156 in this file")
        }
    }

    // MARK: - The end of a load

    /// Joins Zeek host names, drops the 5156 records Sysmon repeats (or the provider not chosen), appends
    /// every pending event to the table and completes the files' summaries. `lookBesideFiles` reads the
    /// http and ssl logs that sit beside each conn log and were not part of the load.
    static func finish(_ batch: inout NativeLogBatch, into result: inout LoadResult, provider: WindowsEventProvider,
                       lookBesideFiles: Bool) throws(LoadError) {
        if lookBesideFiles {
            for connLog in batch.zeekConnLogs {
                for companion in ZeekCompanionLogs.existing(forConnLog: connLog) where !batch.wasRead(companion) {
                    try readCompanion(companion, batch: &batch, into: &result)
                }
            }
        }
        if batch.zeekConnLogs.isEmpty, let companion = batch.explicitCompanion {
            throw .notConnectionEvents(path: companion, reason: "a Zeek http or ssl log only names the hosts of a conn "
                                       + "log's connections; load the conn log (or the folder) with it")
        }

        var loaded: [Int: Int] = [:]
        // Each file's event times, as its events join the table.
        var times: [Int: TimeRangeTracker] = [:]
        for connection in batch.zeekConnections {
            var event = connection.event
            if event.remoteUrl.isEmpty, let host = batch.zeekHosts.host(for: connection.uid) { event.remoteUrl = host }
            result.table.append(event)
            loaded[connection.fileIndex, default: 0] += 1
            times[connection.fileIndex, default: TimeRangeTracker()].include(event.timestamp.ticks)
        }

        var merged: [Int: Int] = [:]
        var leftOut: [Int: Int] = [:]
        let duplicates = provider == .auto ? ProviderDeduplication.duplicates(in: batch.windows)
            : [Bool](repeating: false, count: batch.windows.count)
        for (index, connection) in batch.windows.enumerated() {
            let source = connection.event.source
            if (provider == .sysmon && source != .sysmon) || (provider == .wfp && source != .windowsFilteringPlatform) {
                leftOut[connection.fileIndex, default: 0] += 1
            } else if duplicates[index] {
                merged[connection.fileIndex, default: 0] += 1
            } else {
                result.table.append(connection.event)
                loaded[connection.fileIndex, default: 0] += 1
                times[connection.fileIndex, default: TimeRangeTracker()].include(connection.event.timestamp.ticks)
            }
        }

        for index in result.files.indices {
            let extras = batch.extras[index] ?? NativeFileExtras()
            result.files[index].rowsLoaded += loaded[index] ?? 0
            // Only native files have events here; the Defender files' ranges were set as they were read.
            if let fileTimes = times[index] { result.files[index].timeRange = fileTimes.range }
            result.files[index].mergedDuplicates += merged[index] ?? 0
            result.files[index].rowsIgnored += extras.rowsIgnored + (leftOut[index] ?? 0)
            result.files[index].notes += extras.notes
            if let count = leftOut[index] {
                let other = provider == .sysmon ? "Security 5156" : "Sysmon 3"
                result.files[index].notes.append("\(count) \(other) records left out (provider \(provider.rawValue))")
            }
            if let count = merged[index] {
                result.files[index].notes.append("\(count) Security 5156 records merged into the Sysmon record of the same connection")
            }
        }
        result.mergedDuplicates += merged.values.reduce(0, +)
        batch = NativeLogBatch()
    }

    /// An http or ssl log found beside a conn log: its host names join, and it is listed among the files.
    private static func readCompanion(_ path: String, batch: inout NativeLogBatch, into result: inout LoadResult) throws(LoadError) {
        let (content, compressed) = try EventLoader.readContent(path)
        batch.noteFileRead(path)
        guard !content.isEmpty else { return }
        var ingest = FileIngest(file: path)
        let fileIndex = result.files.count
        let read: ZeekFileContent? = content.withUnsafeBufferPointer { text in
            if ZeekTSVReader.isZeekTSV(text) { return ZeekTSVReader.read(text, fileIndex: fileIndex, ingest: &ingest) }
            if let line = TextLines.firstNonBlankLine(in: text), let first = try? JSONTextParser.parse(line),
               ZeekJSONReader.isZeekRecord(first) {
                return ZeekJSONReader.read(text, fileIndex: fileIndex, ingest: &ingest)
            }
            return nil
        }
        // A file named like a companion that is not one is none of this load's business.
        guard let read, read.kind == .http || read.kind == .ssl else { return }
        for entry in read.hosts { batch.zeekHosts.add(kind: entry.kind, uid: entry.uid, host: entry.host) }
        result.files.append(FileLoadSummary(path: path, format: read.kind == .http ? .zeekHTTP : .zeekSSL,
                                            compressed: compressed, rowsRead: ingest.rowsRead, rowsLoaded: 0,
                                            rowsSkipped: ingest.rowsSkipped))
        result.issues += ingest.issues
        result.skippedRows += ingest.rowsSkipped
    }
}
