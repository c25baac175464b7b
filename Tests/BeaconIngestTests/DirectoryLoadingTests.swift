import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// A directory stands for the files under it: recursively, sorted, hidden ones aside; files that hold no
/// events are left out and listed, damaged ones still stop the load.
@Suite struct DirectoryLoadingTests {
    static func day(_ hour: Int) -> String { String(format: "2024-01-01T%02d:00:00Z", hour) }

    @Test func filesUnderADirectoryLoadRecursivelyInSortedOrder() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(atPath: scratch.path("b/inner"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.path("a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.path(".git"), withIntermediateDirectories: true)
        try scratch.write("b/inner/3.csv", standardHeader + "\n" + csvRow(Self.day(3)) + "\n")
        try scratch.write("b/2.csv", standardHeader + "\n" + csvRow(Self.day(2)) + "\n")
        try scratch.write("a/1.csv.gz", try gzipped(Array((standardHeader + "\n" + csvRow(Self.day(1)) + "\n").utf8)))
        try scratch.write("a/10.csv", standardHeader + "\n" + csvRow(Self.day(10)) + "\n")
        try scratch.write(".hidden.csv", "not,a,header\n")
        try scratch.write(".git/config", "[core]\n")
        try scratch.write("README", "Three hours of events.\n")
        try scratch.write("notes.json", #"{"analyst": "me", "verdict": "benign"}"#)

        let result = try EventLoader.load(paths: [scratch.url.path])
        let names = result.files.map { String($0.path.dropFirst(scratch.url.path.count + 1)) }
        #expect(names == ["a/1.csv.gz", "a/10.csv", "b/2.csv", "b/inner/3.csv"])
        #expect((0..<result.table.count).map { result.table.event(at: $0).timestamp }
                == [1, 10, 2, 3].map { TimestampParser.parse(Substring(Self.day($0)))! })
        // The README and the JSON note are not event files: left out, and the note's row is not loaded.
        #expect(result.filesLeftOut.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["README", "notes.json"])
        #expect(result.table.count == 4)
    }

    @Test func aDamagedFileInADirectoryStillStopsTheLoad() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("ok.csv", standardHeader + "\n" + csvRow() + "\n")
        var corrupted = try gzipped(Array((standardHeader + "\n" + csvRow() + "\n").utf8))
        // The CRC-32 in the trailer no longer matches the content.
        corrupted[corrupted.count - 6] ^= 0xFF
        let broken = try scratch.write("z.csv.gz", corrupted)
        #expect(throws: LoadError.corruptGzip(path: broken, reason: "incorrect data check")) {
            try EventLoader.load(paths: [scratch.url.path])
        }
    }

    @Test func aFileNamedExplicitlyIsStillStrict() throws {
        let scratch = try ScratchDirectory()
        let readme = try scratch.write("README", "hello\n")
        #expect(throws: LoadError.missingColumns(path: readme, columns: [
            "Timestamp", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteUrl", "RemoteIPType",
            "InitiatingProcessFileName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain",
        ])) { try EventLoader.load(paths: [readme]) }
    }

    @Test func symbolicLinksToFoldersAreNotFollowed() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(atPath: scratch.path("logs"), withIntermediateDirectories: true)
        try scratch.write("logs/1.csv", standardHeader + "\n" + csvRow() + "\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.path("logs/loop"), withDestinationPath: scratch.path("logs"))
        try FileManager.default.createSymbolicLink(atPath: scratch.path("logs/2.csv"), withDestinationPath: scratch.path("logs/1.csv"))
        let result = try EventLoader.load(paths: [scratch.path("logs")])
        #expect(result.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["1.csv", "2.csv"])
        #expect(result.table.count == 2)
    }
}
