import Foundation
import Testing

/// Issue 17, item 2: under `prlimit --as=1073741824` every malformed and every large input ends with
/// status 2 and a message, never with an allocation failure (134) or a kill (137). And item 8's special
/// files, through the built binary.
@Suite(.serialized) struct MemoryLimitCLITests {
    static let addressSpace = "1073741824"

    static var prlimit: String? {
        ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `beacon-triage ARGS` under the 1 GiB address-space limit.
    static func limited(_ arguments: [String], in folder: URL) throws -> CLIResult {
        try runProgram(prlimit!, ["--as=\(addressSpace)", try builtBinary()] + arguments, in: folder)
    }

    @Test(.enabled(if: prlimit != nil, "prlimit (util-linux) is not installed"))
    func theDemoDayStillLoadsUnderTheLimit() throws {
        let scratch = try ScratchFolder()
        let result = try Self.limited(["analyze"], in: scratch.url)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test(.enabled(if: prlimit != nil, "prlimit (util-linux) is not installed"), arguments: MalformedCorpusTests.corpus)
    func everyMalformedInputEndsCleanlyUnderTheLimit(_ corpusCase: CorpusCase) throws {
        let scratch = try ScratchFolder()
        let path = try scratch.place(corpusCase).path
        let result = try Self.limited(["analyze", path], in: scratch.url)
        // 0 when good rows remain, 2 when nothing usable does, 3 when the window left most events out
        // (a row dated far ahead in a file too small for the anchor's rules): never a crash.
        #expect([0, 2, 3].contains(result.status), "status \(result.status): \(result.errors.suffix(400))")
        #expect(!result.errors.contains("Fatal error"))
        if result.status == 2 { #expect(result.errors.contains(path), "\(result.errors)") }
    }

    /// One line of about 1 GiB in a gzip of about 1 MB, as each shape; built once per run, streamed.
    static let bigLines: [(name: String, prefix: String, suffix: String)] = [
        ("one-gigabyte-line.csv.gz", "Timestamp,DeviceId,RemoteUrl\n2026-11-19T00:00:00Z,d1,", "\n"),
        ("one-gigabyte-line.jsonl.gz", "{\"Timestamp\":\"2026-11-19T00:00:00Z\",\"RemoteUrl\":\"", "\"}\n"),
        ("one-gigabyte-line.json.gz", "[{\"Timestamp\":\"2026-11-19T00:00:00Z\",\"RemoteUrl\":\"", "\"}]\n"),
    ]

    static let bigInputs: URL? = {
        guard prlimit != nil else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("big-inputs-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
        import gzip, sys
        path, prefix, suffix = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
        chunk = b"a" * (1 << 20)
        with gzip.open(path, "wb", compresslevel=9) as out:
            out.write(prefix)
            for _ in range(1024):
                out.write(chunk)
            out.write(suffix)
        """
        for input in bigLines {
            _ = try? runProgram("/usr/bin/env", ["python3", "-c", script, folder.appendingPathComponent(input.name).path,
                                                 input.prefix, input.suffix], in: folder)
        }
        return folder
    }()

    @Test(.enabled(if: prlimit != nil, "prlimit (util-linux) is not installed"), arguments: bigLines.map(\.name))
    func aGigabyteLineInASmallGzipEndsWithStatus2(name: String) throws {
        let folder = try #require(Self.bigInputs)
        let path = folder.appendingPathComponent(name).path
        #expect(FileManager.default.fileExists(atPath: path))
        let result = try Self.limited(["analyze", path], in: folder)
        #expect(result.status == 2, "status \(result.status): \(result.errors.suffix(400))")
        #expect(result.errors.contains(path), "\(result.errors.suffix(400))")
    }

    @Test(.enabled(if: prlimit != nil, "prlimit (util-linux) is not installed"))
    func aFileWhoseEstimateExceedsTheLimitIsRefusedBeforeLoading() throws {
        let scratch = try ScratchFolder()
        // A sparse 4 GB CSV: never read, since its estimate alone is beyond 1 GiB.
        let path = scratch.url.appendingPathComponent("huge.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("Timestamp,DeviceId\n".utf8)))
        #expect(truncate(path, 4 << 30) == 0)
        let result = try Self.limited(["analyze", path], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.errors.contains("of memory and"), "\(result.errors)")
        #expect(result.errors.contains("RLIMIT_AS"), "\(result.errors)")
    }

    // MARK: Special files (item 8)

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let scratch = try ScratchFolder()
        let path = scratch.url.appendingPathComponent("events.csv").path
        #expect(mkfifo(path, 0o600) == 0)
        for command in [["analyze", path], ["export", "--out", scratch.url.appendingPathComponent("x.csv").path, path]] {
            let result = try beaconTriage(command, in: scratch.url)
            #expect(result.status == 2)
            #expect(result.errors.contains("\(path): not a regular file (a FIFO)"), "\(result.errors)")
        }
    }

    @Test func aFIFOInAFolderIsLeftOutAndListed() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.copyItem(atPath: "demo-data/generated-day/defender-day.csv.gz".relativeToRepository,
                                         toPath: scratch.url.appendingPathComponent("day.csv.gz").path)
        #expect(mkfifo(scratch.url.appendingPathComponent("pipe").path, 0o600) == 0)
        let result = try beaconTriage(["analyze", scratch.url.path], in: scratch.url)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("left out \(scratch.url.path)/pipe: not a regular file (a FIFO)"), "\(result.errors)")
    }

    @Test func aPipeTheShellHandsOverIsRead() throws {
        let scratch = try ScratchFolder()
        let day = "demo-data/generated-day/defender-day.csv.gz".relativeToRepository
        let binary = try builtBinary()
        let direct = try beaconTriage(["analyze", day], in: scratch.url)
        let piped = try runProgram("/bin/bash", ["-c", "'\(binary)' analyze <(gzip -dc '\(day)')"], in: scratch.url)
        #expect(piped.status == 0, "\(piped.errors)")
        #expect(piped.errors.contains("/dev/fd/"), "\(piped.errors)")
        #expect(!piped.output.isEmpty && piped.output == direct.output)
    }

    @Test func aSymlinkLoopIsNamedAsOne() throws {
        let scratch = try ScratchFolder()
        let path = scratch.url.appendingPathComponent("loop.csv").path
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "loop.csv")
        let result = try beaconTriage(["analyze", path], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.errors.contains("too many levels of symbolic links (a symlink loop)"), "\(result.errors)")
        #expect(!result.errors.contains("no such file"))
    }

    @Test(arguments: [("\"just a string\"", "a JSON document that is a string"),
                      ("12.5", "a JSON document that is a number"),
                      ("[1, 2, 3]", "a JSON array of numbers, not of event objects"),
                      ("[\"a\", null]", "a JSON array of strings and nulls, not of event objects")])
    func aNonObjectJSONDocumentIsNamedAsSuch(text: String, message: String) throws {
        let scratch = try ScratchFolder()
        let path = scratch.url.appendingPathComponent("events.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try beaconTriage(["analyze", path], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(!result.errors.contains("missing required column"))
    }
}

extension String {
    /// A path of the repository, which holds the test sources.
    var relativeToRepository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(self).path
    }
}

/// Runs `program` with output through files (so no pipe fills up and blocks it).
