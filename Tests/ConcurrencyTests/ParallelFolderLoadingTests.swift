@testable import BeaconEngine
@testable import BeaconIngest
import Foundation
import Testing

/// The files of a folder read several at once, each on its own thread, and merged in file order: the
/// load must be the one reading them one after another gives, to the string ids, the issues and the files
/// left out, whichever file finished first.
@Suite struct ParallelFolderLoadingTests {
    /// One file at a time (the reference), two (one a core here), and more threads than files and cores.
    static let filesAtOnce = [1, 2, 5]

    /// Small blocks, so that the larger files are also parsed by workers within their file's thread.
    static func options(filesAtOnce: Int) -> EventLoader.ReadOptions {
        EventLoader.ReadOptions(blockSize: 64 << 10, workers: 2, filesAtOnce: filesAtOnce)
    }

    static func loads(_ paths: [String], provider: WindowsEventProvider = .auto) throws -> [LoadResult] {
        try filesAtOnce.map {
            try EventLoader.load(paths: paths, provider: provider, progress: nil, options: options(filesAtOnce: $0))
        }
    }

    /// Each file's figures against the same file loaded alone, for files whose events do not depend on
    /// the others': their events must be counted for their own file, not another's.
    static func expectEachFileAsLoadedAlone(_ result: LoadResult, provider: WindowsEventProvider = .auto,
                                            where included: (FileLoadSummary) -> Bool) throws {
        let files = result.files.filter(included)
        #expect(!files.isEmpty)
        for file in files {
            let alone = try #require(try EventLoader.load(paths: [file.path], provider: provider).files.first)
            #expect(file.rowsRead == alone.rowsRead, "\(file.path)")
            #expect(file.rowsLoaded == alone.rowsLoaded, "\(file.path)")
            #expect(file.rowsIgnored == alone.rowsIgnored, "\(file.path)")
            #expect(file.timeRange == alone.timeRange, "\(file.path)")
        }
    }

    // MARK: - Defender exports, against a table built one event at a time

    @Test func aMixedFolderLoadsAsItsEventsAppendedInFileOrder() throws {
        let folder = try Scratch()
        let day = MixedFolder.events
        try folder.write("01-early.csv", MixedFolder.csv(day[0]))
        try folder.gzip("02-many.csv", MixedFolder.csv(day[1]))
        try folder.write("03-README", "Hourly exports of the proxy.\n")
        try folder.write("04-bad-ports.csv", MixedFolder.csv(day[2], badPortAfter: [1, 3]))
        try folder.gzip("05-stream.jsonl", MixedFolder.jsonLines(day[3]))
        try folder.write("06-empty.csv", "")
        try folder.write("07-array.json", "[" + day[4].map(MixedFolder.jsonObject).joined(separator: ",\n") + "]\n")
        try folder.gzip("08-more.csv", MixedFolder.csv(day[5]))

        // Worked out from the layout: every event of every file, in file order, appended one by one.
        let expected = EventTable(day.joined())
        let leftOut = ["03-README", "06-empty.csv"]
        // Lines of 04-bad-ports.csv: header, row 0, row 1, bad, row 2, row 3, bad.
        let badLines = [4, 7]

        for (index, result) in try Self.loads([folder.url.path]).enumerated() {
            let run = "\(Self.filesAtOnce[index]) at once"
            expectSameTable(result.table, expected, run)
            #expect(result.files.map(\.rowsLoaded) == day.map(\.count), "\(run)")
            #expect(result.files.map(\.rowsRead) == [day[0].count, day[1].count, day[2].count + 2, day[3].count,
                                                     day[4].count, day[5].count], "\(run)")
            #expect(result.files.map(\.compressed) == [false, true, false, true, false, true], "\(run)")
            #expect(result.files.map(\.format) == [.csv, .csv, .csv, .jsonLines, .jsonArray, .csv], "\(run)")
            #expect(result.filesLeftOut.map { URL(fileURLWithPath: $0.path).lastPathComponent } == leftOut, "\(run)")
            #expect(result.issues.map(\.line) == badLines, "\(run)")
            #expect(result.issues.allSatisfy { $0.field == "RemotePort" && $0.file.hasSuffix("04-bad-ports.csv") }, "\(run)")
            #expect(result.skippedRows == 2, "\(run)")
            #expect(result.files.map(\.timeRange) == day.map { events in
                events.map(\.timestamp).min()!...events.map(\.timestamp).max()!
            }, "\(run)")
        }
    }

    @Test func progressEndsAtTheFolderSizeAndItsEvents() throws {
        let folder = try Scratch()
        let day = MixedFolder.events
        var size = 0
        for (index, events) in day.enumerated() {
            size += try folder.gzip(String(format: "%02d.csv", index), MixedFolder.csv(events))
        }
        let progress = LoadProgress()
        let watcher = ProgressWatcher(progress)
        let result = Result { try EventLoader.load(paths: [folder.url.path], progress: progress,
                                                   options: Self.options(filesAtOnce: 2)) }
        let watched = watcher.stop()
        #expect(try result.get().table.count == day.joined().count)
        #expect(progress.bytesRead == size)
        #expect(progress.totalBytes == size)
        #expect(progress.eventsLoaded == day.joined().count)
        #expect(watched.wentBack == 0)
    }

    // MARK: - Native formats, which join across files at the end of the load

    /// RITA's rotated Zeek folder: gzipped hourly conn logs with their http and ssl logs beside them, whose
    /// host names join the conn records of other files.
    @Test func aRotatedZeekFolderWithItsCompanionsLoadsTheSameOnEveryThreadCount() throws {
        let folder = Self.fixture("native/rita-zeek-beacons/original/missing_host")
        let loads = try Self.loads([folder])
        // The shared real-data converter's rows of the same logs, an independent count.
        let converted = try EventLoader.load(paths: [Self.fixture("native/rita-zeek-beacons/mde/missing_host.zeekconn.query-columns.csv.gz")])
        #expect(loads[0].table.count == converted.table.count)
        #expect(loads[0].files.count + loads[0].filesLeftOut.count == Self.filesUnder(folder))
        #expect(loads[0].files.contains { $0.format == .zeekHTTP } && loads[0].files.contains { $0.format == .zeekSSL })
        // A conn log's records are its own whatever else is loaded (the others only name their hosts).
        try Self.expectEachFileAsLoadedAlone(loads[0]) { $0.format == .zeekConnTSV }
        for (index, result) in loads.enumerated().dropFirst() {
            expectSameLoad(result, loads[0], "\(Self.filesAtOnce[index]) at once")
        }
    }

    /// Sysmon and Security 5156 records of the same connections in different files: the duplicates are
    /// told apart by file, so the files' numbers must survive the merge.
    @Test func windowsEventFilesMergeTheirDuplicatesTheSameOnEveryThreadCount() throws {
        let folder = Self.fixture("native/otrf-mordor-empire-sysmon/original")
        let loads = try Self.loads([folder])
        #expect(loads[0].mergedDuplicates > 0)
        #expect(loads[0].files.count == Self.filesUnder(folder))
        for (index, result) in loads.enumerated().dropFirst() {
            expectSameLoad(result, loads[0], "\(Self.filesAtOnce[index]) at once")
        }
        // With one provider nothing is merged across files, so each file counts what it holds alone.
        let sysmonOnly = try Self.loads([folder], provider: .sysmon)
        for result in sysmonOnly {
            try Self.expectEachFileAsLoadedAlone(result, provider: .sysmon) { _ in true }
        }
    }

    // MARK: - Problems keep their file-order meaning

    @Test func theFirstDamagedFileInFileOrderStopsTheLoad() throws {
        let folder = try Scratch()
        for hour in 0..<6 { try folder.gzip(String(format: "%02d.csv", hour), MixedFolder.csv(MixedFolder.events[0])) }
        // Two damaged files: the earlier one is the one named, however fast the later one fails.
        for name in ["02.csv.gz", "04.csv.gz"] {
            var bytes = try [UInt8](Data(contentsOf: folder.url.appendingPathComponent(name)))
            // The CRC-32 in the gzip trailer no longer matches the content.
            bytes[bytes.count - 6] ^= 0xFF
            try folder.write(name, bytes)
        }
        for filesAtOnce in Self.filesAtOnce {
            #expect(throws: LoadError.corruptGzip(path: folder.path("02.csv.gz"), reason: "incorrect data check")) {
                try EventLoader.load(paths: [folder.url.path], progress: nil, options: Self.options(filesAtOnce: filesAtOnce))
            }
        }
    }

    /// Events, then the query's results: the results file is the one that mixes, judged in file order.
    @Test func resultsAfterEventsStopTheLoadAtTheResultsFile() throws {
        let folder = try Scratch()
        for hour in 0..<4 { try folder.write(String(format: "%02d.csv", hour), MixedFolder.csv(MixedFolder.events[hour])) }
        let results = try folder.write("05-results.csv", """
            DeviceId,DeviceName,InitiatingProcessAccountName,InitiatingProcessAccountDomain,InitiatingProcessFileName,\
            RemoteIP,RemotePort,dcount_DeviceId,count_,min_Timestamp,max_Timestamp,Duration,TimeDeltaList,Jitter,Domains,Timestamp
            a1b2,ws-17.corp,alice,corp,rundll32.exe,64.225.56.201,80,1,3,2024-04-19T00:04:00Z,2024-04-19T00:06:00Z,120,"[60,60]",0,[],2024-04-19T00:04:00Z

            """)
        for filesAtOnce in Self.filesAtOnce {
            #expect(throws: LoadError.mixesResultsAndEvents(path: results)) {
                try EventLoader.load(paths: [folder.url.path], progress: nil, options: Self.options(filesAtOnce: filesAtOnce))
            }
        }
    }

    @Test func aNamedFileThatHoldsNoEventsStillStopsTheLoad() throws {
        let folder = try Scratch()
        let first = try folder.write("a.csv", MixedFolder.csv(MixedFolder.events[0]))
        let readme = try folder.write("README", "notes\n")
        let last = try folder.write("z.csv", MixedFolder.csv(MixedFolder.events[1]))
        for filesAtOnce in Self.filesAtOnce {
            do {
                _ = try EventLoader.load(paths: [first, readme, last], progress: nil, options: Self.options(filesAtOnce: filesAtOnce))
                Issue.record("the load went on past \(readme) (\(filesAtOnce) at once)")
            } catch {
                // Found in a folder it would be left out; named, it is the load's error.
                #expect(error.path == readme)
                #expect(error.isNotAnEventFile)
            }
        }
    }

    // MARK: - Checks

    func expectSameTable(_ table: EventTable, _ expected: EventTable, _ run: String) {
        #expect(table.count == expected.count, "\(run)")
        #expect(table.pool.strings == expected.pool.strings, "\(run)")
        #expect(table.timestamp == expected.timestamp, "\(run)")
        #expect(table.origin == expected.origin, "\(run)")
        #expect(table.target == expected.target, "\(run)")
        #expect(table.origins == expected.origins, "\(run)")
        #expect(table.targets == expected.targets, "\(run)")
    }

    func expectSameLoad(_ result: LoadResult, _ expected: LoadResult, _ run: String) {
        expectSameTable(result.table, expected.table, run)
        #expect(result.files.map(FileFigures.init) == expected.files.map(FileFigures.init), "\(run)")
        #expect(result.issues == expected.issues, "\(run)")
        #expect(result.filesLeftOut == expected.filesLeftOut, "\(run)")
        #expect(result.skippedRows == expected.skippedRows, "\(run)")
        #expect(result.mergedDuplicates == expected.mergedDuplicates, "\(run)")
    }

    /// Everything a file's summary says, comparable.
    struct FileFigures: Equatable {
        var path: String, format: InputFormat, compressed: Bool
        var read: Int, loaded: Int, skipped: Int, ignored: Int, merged: Int
        var notes: [String]
        var timeRange: ClosedRange<Instant>?

        init(_ file: FileLoadSummary) {
            (path, format, compressed) = (file.path, file.format, file.compressed)
            (read, loaded, skipped) = (file.rowsRead, file.rowsLoaded, file.rowsSkipped)
            (ignored, merged, notes, timeRange) = (file.rowsIgnored, file.mergedDuplicates, file.notes, file.timeRange)
        }
    }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../EndToEndTests/Fixtures/\(name)").standardizedFileURL.path
    }

    static func filesUnder(_ folder: String) -> Int {
        FileManager.default.enumerator(atPath: folder)!.compactMap { $0 as? String }.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.count
    }
}

/// Six files' events: shared devices and addresses, and strings each file adds, so that the merge must
/// translate ids a later file shares with an earlier one and hand out new ones in the right order.
enum MixedFolder {
    static let baseSeconds: Int64 = 1_709_510_400 // 2024-03-04T00:00:00Z

    static let events: [[NetworkEvent]] = (0..<6).map { file in
        // The second file is large enough for many 64 KiB blocks.
        let count = file == 1 ? 6_000 : 4 + file
        return (0..<count).map { row in
            let shared = row % 3
            return NetworkEvent(
                timestamp: Instant(ticks: (baseSeconds + Int64(file * 3_600 + row)) * 10_000_000),
                deviceId: "dev\(shared)", deviceName: "host\(shared)", actionType: "ConnectionSuccess",
                remoteIP: "20.\(file).\(row % 250).9", remotePort: Int32(443 + row % 2), remoteUrl: "f\(file)-\(row % 7).example.net",
                remoteIPType: "Public", initiatingProcessAccountName: "user\(row % 4)",
                initiatingProcessAccountDomain: "corp", initiatingProcessFileName: "agent\(file % 2).exe")
        }
    }

    static let columns = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteUrl",
                          "RemoteIPType", "InitiatingProcessFileName", "InitiatingProcessAccountName",
                          "InitiatingProcessAccountDomain"]

    static func values(_ event: NetworkEvent) -> [String] {
        [formatKustoDatetime(event.timestamp), event.deviceId, event.deviceName, event.actionType, event.remoteIP,
         event.remotePort.map(String.init) ?? "", event.remoteUrl, event.remoteIPType, event.initiatingProcessFileName,
         event.initiatingProcessAccountName, event.initiatingProcessAccountDomain]
    }

    /// A CSV export; after the rows numbered in `badPortAfter`, a row whose port is not a number.
    static func csv(_ events: [NetworkEvent], badPortAfter: Set<Int> = []) -> String {
        var lines = [columns.joined(separator: ",")]
        for (index, event) in events.enumerated() {
            lines.append(values(event).joined(separator: ","))
            if badPortAfter.contains(index) {
                var bad = values(event)
                bad[5] = "https"
                lines.append(bad.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func jsonObject(_ event: NetworkEvent) -> String {
        let members = zip(columns, values(event)).map { name, value in
            name == "RemotePort" ? "\"\(name)\": \(value)" : "\"\(name)\": \"\(value)\""
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    static func jsonLines(_ events: [NetworkEvent]) -> String {
        events.map(jsonObject).joined(separator: "\n") + "\n"
    }
}

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("parallel-folder-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Writes `name.gz`, compressed by the system's gzip (not the reader under test); returns its size.
    @discardableResult
    func gzip(_ name: String, _ text: String) throws -> Int {
        try write(name, text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", path(name)]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try FileManager.default.attributesOfItem(atPath: path(name + ".gz"))[.size] as! Int
    }
}
