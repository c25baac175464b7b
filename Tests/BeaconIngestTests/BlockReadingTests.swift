import BeaconEngine
@testable import BeaconIngest
import Foundation
import Synchronization
import Testing

/// Files are read in blocks parsed on several threads; tiny blocks put record boundaries, quoted line
/// breaks and CRLF pairs across block edges, and the result must be what the rows say, line numbers
/// included.
@Suite struct BlockReadingTests {
    static let tinyBlocks = EventLoader.ReadOptions(blockSize: 64, workers: 2)
    static let oneBlock = EventLoader.ReadOptions(blockSize: 1 << 24, workers: 2)

    /// A file built row by row, remembering what each good row holds and on which line each bad one is.
    struct BuiltFile {
        var text = standardHeader + "\n"
        var line = 2
        var devices: [String] = []
        var urls: [String] = []
        var badLines: [Int] = []

        mutating func good(_ device: String, url: String = "u.example", cell: String? = nil, lines: Int = 1, ending: String = "\n") {
            text += csvRow(device: device, url: cell ?? url) + ending
            devices.append(device)
            urls.append(url)
            line += lines
        }

        mutating func badPort(ending: String = "\n") {
            text += csvRow(port: "p\(line)") + ending
            badLines.append(line)
            line += 1
        }
    }

    /// 400 rows: every 7th url quoted with a comma, a doubled quote and a line break (two lines), every 9th
    /// row ending in CRLF, every 23rd a bad port.
    static func mixedFile() -> BuiltFile {
        var file = BuiltFile()
        for index in 0..<400 {
            if index % 23 == 5 {
                file.badPort(ending: index % 2 == 0 ? "\r\n" : "\n")
            } else if index % 7 == 3 {
                file.good("dev\(index)", url: "a,\"b\"\nc\(index)", cell: "\"a,\"\"b\"\"\nc\(index)\"", lines: 2)
            } else {
                file.good("dev\(index)", ending: index % 9 == 0 ? "\r\n" : "\n")
            }
        }
        return file
    }

    func check(_ result: LoadResult, against file: BuiltFile) {
        #expect(result.table.count == file.devices.count)
        #expect((0..<result.table.count).map { result.table.event(at: $0).deviceId } == file.devices)
        #expect((0..<result.table.count).map { result.table.event(at: $0).remoteUrl } == file.urls)
        #expect(result.skippedRows == file.badLines.count)
        #expect(result.files.first?.rowsRead == file.devices.count + file.badLines.count)
        #expect(result.issues.map(\.line) == Array(file.badLines.prefix(EventLoader.issuesReportedPerFile)))
        #expect(result.issues.allSatisfy { $0.field == "RemotePort" })
    }

    /// However far the workers run ahead of the merge (one block at a time, or many blocks queued as a
    /// two-pass census lets them), the rows come out in file order with their lines.
    @Test(arguments: [1, 3, 16, 1000]) func blocksAheadDoNotChangeTheRead(_ ahead: Int) throws {
        let file = Self.mixedFile()
        var options = Self.tinyBlocks
        options.blocksAhead = ahead
        check(try EventLoader.load(bytes: Array(file.text.utf8), name: "mixed.csv", progress: nil, options: options),
              against: file)
    }

    @Test func tinyBlocksReadWhatTheRowsSay() throws {
        let file = Self.mixedFile()
        #expect(file.badLines.count == 18)
        // Lines by hand: header 1, rows 0-2 on lines 2-4, row 3 (quoted, two lines) on 5-6, row 4 on 7,
        // row 5 (the first bad port) on 8.
        #expect(file.badLines.first == 8)
        let bytes = Array(file.text.utf8)
        check(try EventLoader.load(bytes: bytes, name: "mixed.csv", progress: nil, options: Self.tinyBlocks), against: file)
        check(try EventLoader.load(bytes: bytes, name: "mixed.csv", progress: nil, options: Self.oneBlock), against: file)
        for blockSize in [97, 250, 1000] {
            let options = EventLoader.ReadOptions(blockSize: blockSize, workers: 3)
            check(try EventLoader.load(bytes: bytes, name: "mixed.csv", progress: nil, options: options), against: file)
        }
    }

    @Test func gzipIsInflatedAsItIsRead() throws {
        let file = Self.mixedFile()
        let compressed = try gzipped(Array(file.text.utf8))
        let result = try EventLoader.load(bytes: compressed, name: "mixed.csv.gz", progress: nil, options: Self.tinyBlocks)
        check(result, against: file)
        #expect(result.files.first?.compressed == true)

        // Two members, the file cut between them at an arbitrary row.
        let cut = file.text.index(file.text.startIndex, offsetBy: 5000)
        let members = try gzipped(Array(file.text[..<cut].utf8)) + gzipped(Array(file.text[cut...].utf8))
        check(try EventLoader.load(bytes: members, name: "two.gz", progress: nil, options: Self.tinyBlocks), against: file)
    }

    @Test func aStrayQuoteThatFoolsTheBlockCutsChangesNothing() throws {
        // Row 1's url holds a literal quote in an unquoted cell (the tokenizer keeps it as text), so
        // counting quotes from the start is one off from then on: the line break inside row 2's quoted
        // url looks like a record's end, and a block cut there ends inside a record.
        var file = BuiltFile()
        file.good("dev0")
        file.good("dev1", url: "say\"hi")
        file.good("dev2", url: "one\ntwo", cell: "\"one\ntwo\"", lines: 2)
        for index in 3..<40 {
            if index % 10 == 0 { file.badPort() } else { file.good("dev\(index)") }
        }
        // Header 1, dev0 2, dev1 3, dev2 4-5, then row k on line k + 3: 13, 23, 33.
        #expect(file.badLines == [13, 23, 33])
        for blockSize in [64, 120, 200, 400] {
            let options = EventLoader.ReadOptions(blockSize: blockSize, workers: 2)
            check(try EventLoader.load(bytes: Array(file.text.utf8), name: "stray.csv", progress: nil, options: options),
                  against: file)
        }
    }

    @Test func everyCellQuotedIsCutByCountingQuotes() throws {
        // Some exporters quote every cell: 22 quotes a row, so block cuts count them densely.
        var file = BuiltFile()
        func quotedRow(_ cells: [String]) -> String { cells.map { "\"" + $0 + "\"" }.joined(separator: ",") + "\n" }
        file.text = quotedRow(standardHeader.components(separatedBy: ","))
        for index in 0..<500 {
            let port = index == 450 ? "x" : "443"
            file.text += quotedRow(["2024-01-01T00:00:00Z", "dev\(index)", "host1", "ConnectionSuccess", "8.8.8.8", port,
                                    "u,\(index)", "Public", "chrome.exe", "alice", "corp"])
            if index == 450 {
                file.badLines.append(file.line)
            } else {
                file.devices.append("dev\(index)")
                file.urls.append("u,\(index)")
            }
            file.line += 1
        }
        #expect(file.badLines == [452])
        check(try EventLoader.load(bytes: Array(file.text.utf8), name: "quoted.csv", progress: nil,
                                   options: .init(blockSize: 4096, workers: 2)), against: file)
    }

    @Test func loneCarriageReturnsEndRecordsAcrossBlocks() throws {
        var file = BuiltFile()
        file.text = standardHeader + "\r"
        for index in 0..<60 {
            if index == 40 { file.badPort(ending: "\r") } else { file.good("dev\(index)", ending: "\r") }
        }
        #expect(file.badLines == [42])
        check(try EventLoader.load(bytes: Array(file.text.utf8), name: "cr.csv", progress: nil, options: Self.tinyBlocks),
              against: file)
    }

    @Test func issuesPastTheTenthAreCountedAcrossBlocks() throws {
        var file = BuiltFile()
        for index in 0..<200 {
            if index % 5 == 0 { file.badPort() } else { file.good("dev\(index)") }
        }
        #expect(file.badLines.count == 40)
        #expect(file.badLines.prefix(3) == [2, 7, 12])
        check(try EventLoader.load(bytes: Array(file.text.utf8), name: "bad.csv", progress: nil, options: Self.tinyBlocks),
              against: file)
    }
}

@Suite struct LoadProgressTests {
    /// `count` good rows; each is 93 bytes long (`csvRow()` with a 4-digit device).
    func rows(_ count: Int) -> String {
        standardHeader + "\n" + (0..<count).map { csvRow(device: String(format: "d%03d", $0 % 1000)) + "\n" }.joined()
    }

    @Test func endsAtTheFilesSizesAndTheirEvents() throws {
        let scratch = try ScratchDirectory()
        let plain = try scratch.write("a.csv", rows(3000))
        let compressedBytes = try gzipped(Array(rows(500).utf8))
        let compressed = try scratch.write("b.csv.gz", compressedBytes)
        // JSON is read whole, then counted.
        let lines = (0..<7).map { _ in JSONTests.event() }.joined(separator: "\n") + "\n"
        let json = try scratch.write("c.jsonl", lines)
        let plainSize = try FileManager.default.attributesOfItem(atPath: plain)[.size] as! Int
        #expect(plainSize == standardHeader.utf8.count + 1 + 3000 * (csvRow(device: "d000").utf8.count + 1))

        let progress = LoadProgress()
        #expect(progress.fraction == nil)
        let result = try EventLoader.load(paths: [plain, compressed, json], progress: progress,
                                          options: .init(blockSize: 4096, workers: 2))
        #expect(result.table.count == 3507)
        // Bytes are what was read from the files: the .gz file counts compressed.
        #expect(progress.totalBytes == plainSize + compressedBytes.count + lines.utf8.count)
        #expect(progress.bytesRead == progress.totalBytes)
        #expect(progress.eventsLoaded == 3507)
        #expect(progress.fraction == 1)
    }

    @Test func anotherThreadSeesItOnlyGrow() throws {
        let bytes = Array(rows(20_000).utf8)
        let progress = LoadProgress()
        let watcher = Watcher()
        Thread.detachNewThread {
            while !watcher.done.load(ordering: .acquiring) {
                watcher.samples.withLock { $0.append((progress.bytesRead, progress.eventsLoaded)) }
                usleep(50)
            }
            watcher.stopped.store(true, ordering: .releasing)
        }
        let result = try EventLoader.load(bytes: bytes, name: "big.csv", progress: progress,
                                          options: .init(blockSize: 16_384, workers: 2))
        watcher.done.store(true, ordering: .releasing)
        while !watcher.stopped.load(ordering: .acquiring) { usleep(100) }
        #expect(result.table.count == 20_000)
        #expect(progress.bytesRead == bytes.count)
        #expect(progress.totalBytes == bytes.count)
        #expect(progress.eventsLoaded == 20_000)
        let seen = watcher.samples.withLock { $0 }
        for (earlier, later) in zip(seen, seen.dropFirst()) {
            #expect(earlier.bytes <= later.bytes && earlier.events <= later.events)
        }
        #expect(seen.allSatisfy { $0.bytes <= bytes.count && $0.events <= 20_000 })
    }
}

/// What the watching thread shares with the test.
final class Watcher: Sendable {
    let done = Atomic<Bool>(false)
    let stopped = Atomic<Bool>(false)
    let samples = Mutex<[(bytes: Int, events: Int)]>([])
}
