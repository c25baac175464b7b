import BeaconEngine
import BeaconIngest
import Foundation
import Testing

@Suite struct FileErrorTests {
    @Test func missingFile() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("nope.csv")
        #expect(throws: LoadError.fileNotFound(path: path)) { try EventLoader.load(paths: [path]) }
        #expect(LoadError.fileNotFound(path: "nope.csv").description == "nope.csv: no such file")
    }

    /// A directory stands for the files under it; one with none (hidden files aside) is an error.
    @Test func directoryWithoutFiles() throws {
        let scratch = try ScratchDirectory()
        try scratch.write(".hidden.csv", standardHeader + "\n")
        #expect(throws: LoadError.noFiles(path: scratch.url.path)) { try EventLoader.load(paths: [scratch.url.path]) }
        #expect(LoadError.noFiles(path: "d").description == "d: directory without files to read")
        #expect(LoadError.isDirectory(path: "d").description == "d: is a directory, not a file")
    }

    // Root reads any file, so this can only be checked as an ordinary user.
    @Test(.enabled(if: getuid() != 0, "root can read files without read permission"))
    func unreadableFile() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("secret.csv", GzipAndFormatTests.csv)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        #expect(throws: LoadError.unreadable(path: path, reason: "permission denied")) {
            try EventLoader.load(paths: [path])
        }
    }

    @Test func unreadableDescription() {
        #expect(LoadError.unreadable(path: "s.csv", reason: "permission denied").description
                == "s.csv: cannot read: permission denied")
    }

    @Test(arguments: [
        [UInt8](), Array("   \r\n\n\t".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0A, 0x0A],
    ])
    func emptyContent(bytes: [UInt8]) {
        #expect(throws: LoadError.empty(path: "e.csv")) { try EventLoader.load(bytes: bytes, name: "e.csv") }
    }

    @Test func aStrayNulByteDamagesOneValueNotTheWholeFile() throws {
        // One NUL in a 3-row export used to make the file "binary data": now the rows load, the NUL kept in its
        // value (escaped wherever it is shown).
        let text = standardHeader + "\n" + csvRow() + "\n" + csvRow(name: "ho\u{0}st") + "\n" + csvRow() + "\n"
        let result = try loadText(text, name: "nul.csv")
        #expect(result.table.count == 3)
        #expect(result.table.event(at: 1).deviceName == "ho\u{0}st")
    }

    @Test func emptyFileOnDiskAndGzippedEmptiness() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("zero.csv", [])
        #expect(throws: LoadError.empty(path: path)) { try EventLoader.load(paths: [path]) }
        #expect(throws: LoadError.empty(path: "z.gz")) { try EventLoader.load(bytes: try gzipped([]), name: "z.gz") }
    }

    /// "Timestamp,DeviceId" as UTF-16LE without a byte order mark.
    static let utf16WithoutBOM: [UInt8] = Array("Timestamp,DeviceId".utf16).flatMap { unit -> [UInt8] in
        [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }

    @Test(arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] as [UInt8], "zip"),
        ([0x42, 0x5A, 0x68, 0x39, 0x31, 0x41], "bzip2"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00], "xz"),
        ([0x28, 0xB5, 0x2F, 0xFD, 0x00], "zstd"),
        ([0xFF, 0xFE, 0x54, 0x00, 0x69, 0x00], "UTF-16"),
        (utf16WithoutBOM, "UTF-16"),
        ([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00], "binary"),
    ] as [([UInt8], String)])
    func unknownFormats(bytes: [UInt8], word: String) throws {
        do {
            _ = try EventLoader.load(bytes: bytes, name: "x.bin")
            Issue.record("expected an error")
        } catch let error as LoadError {
            guard case .unknownFormat(let path, let reason) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(path == "x.bin")
            #expect(reason.contains(word))
            #expect(error.description.hasPrefix("x.bin: unknown format: "))
        }
    }

    @Test func headerThatIsNotUTF8() throws {
        // "Timestamp" then a Latin-1 byte in the header line.
        let bytes = Array("Timestamp,Device".utf8) + [0xC9] + Array("Id\n".utf8)
        do {
            _ = try EventLoader.load(bytes: bytes, name: "l1.csv")
            Issue.record("expected an error")
        } catch let error as LoadError {
            guard case .unknownFormat(_, let reason) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(reason.contains("UTF-8"))
        }
    }

    @Test func severalFilesInOrderWithIssuesCappedPerFile() throws {
        let scratch = try ScratchDirectory()
        var bad = standardHeader + "\n"
        for _ in 0..<12 { bad += csvRow(port: "x") + "\n" }
        bad += csvRow(domain: "from-bad") + "\n"
        let badPath = try scratch.write("bad.csv", bad)
        let goodPath = try scratch.write("good.csv", standardHeader + "\n" + csvRow(domain: "from-good") + "\n")
        let morePath = try scratch.write("more.csv", bad)
        let result = try EventLoader.load(paths: [badPath, goodPath, morePath])
        #expect(result.table.count == 3)
        #expect((0..<3).map { result.table.event(at: $0).initiatingProcessAccountDomain }
                == ["from-bad", "from-good", "from-bad"])
        #expect(result.files.map(\.path) == [badPath, goodPath, morePath])
        #expect(result.files.map(\.rowsSkipped) == [12, 0, 12])
        #expect(result.skippedRows == 24)
        #expect(result.issues.count == 20)
        #expect(result.issues.filter { $0.file == badPath }.count == 10)
        #expect(result.issues.filter { $0.file == morePath }.count == 10)
    }

    @Test func aBadFileAmongGoodOnesStopsTheLoad() throws {
        let scratch = try ScratchDirectory()
        let good = try scratch.write("good.csv", GzipAndFormatTests.csv)
        let missing = scratch.path("missing.csv")
        #expect(throws: LoadError.fileNotFound(path: missing)) { try EventLoader.load(paths: [good, missing, good]) }
    }

    @Test func errorDescriptionsAreOneSafeLine() {
        let errors: [LoadError] = [
            .fileNotFound(path: "a\nb.csv"), .isDirectory(path: "\u{1B}[2J"), .empty(path: "x"),
            .unknownFormat(path: "x", reason: "r"), .missingColumns(path: "x", columns: ["RemotePort"]),
            .corruptGzip(path: "x", reason: "r\n"), .invalidJSON(path: "x", line: 3, reason: "r"),
            .invalidJSON(path: "x", line: nil, reason: "r"), .unreadable(path: "x", reason: "r"),
        ]
        for error in errors {
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        }
        #expect(LoadError.fileNotFound(path: "a\nb.csv").description == "a\\nb.csv: no such file")
        #expect(LoadError.missingColumns(path: "x", columns: ["RemotePort"]).description
                == "x: missing required column: RemotePort")
        #expect(LoadError.invalidJSON(path: "x", line: 3, reason: "r").description == "x:3: invalid JSON document: r")
        #expect(LoadError.empty(path: "x").description == "x: empty file, no header or events")
    }
}
