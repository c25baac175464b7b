import Foundation
import Testing

/// A sample of the corpus through the built binary, as an analyst's script would run it: exit status 2 and
/// one line naming the file when nothing usable remains; otherwise the analysis, with the bad rows named.
@Suite struct MalformedCLITests {
    /// Cases where nothing usable remains: the file is refused, every record in it is, or it holds no
    /// event at all (a header alone, an empty array).
    static let refused = [
        "defender-csv-header-only.csv", "defender-json-array-header-only.json", "zeek-tsv-header-only.log",
        "defender-csv-empty.csv", "zeek-tsv-gzip-corrupted.log", "windows-json-gzip-corrupted.jsonl",
        "windows-json-directory-instead-of-file.jsonl", "kusto-result-csv-unreadable.csv",
        "defender-csv-column-missing.csv", "defender-advanced-hunting-column-missing.json",
        "zeek-tsv-zeek-fields-header-missing.log", "zeek-json-column-missing.jsonl",
    ]
    /// Cases where good rows remain, with the line and field (when a cell is at fault) the message must name.
    static let partial: [(name: String, line: Int, field: String?)] = [
        ("windows-xml-truncated-mid-row.xml", 6, nil),
        ("defender-json-lines-port-out-of-range.jsonl", 7, "RemotePort"),
        ("zeek-tsv-ip-malformed.log", 16, "id.resp_h"),
        ("kusto-result-csv-time-out-of-range.csv", 4, "min_Timestamp"),
        ("defender-json-array-json-unclosed-object.json", 6, nil),
    ]

    static func corpusCase(_ fileName: String) throws -> CorpusCase {
        try #require(MalformedCorpusTests.corpus.first { $0.fileName == fileName }, "no corpus case \(fileName)")
    }

    @Test(arguments: refused)
    func nothingUsableExitsWithStatus2NamingTheFile(fileName: String) throws {
        let scratch = try ScratchFolder()
        let path = try scratch.place(try Self.corpusCase(fileName)).path
        let result = try beaconTriage(["analyze", path], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.errors.contains(path), "\(result.errors)")
        #expect(!result.errors.contains("Fatal error") && !result.errors.contains("Backtrace"))
    }

    /// Kusto's output with a header and no rows is its answer "no beacons", not a broken file.
    @Test func aQueryResultWithoutRowsIsAnAnswer() throws {
        let scratch = try ScratchFolder()
        let path = try scratch.place(try Self.corpusCase("kusto-result-csv-header-only.csv")).path
        let result = try beaconTriage(["analyze", path], in: scratch.url)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test(arguments: partial.indices)
    func goodRowsAreAnalysedAndTheBadOneNamed(index: Int) throws {
        let (fileName, line, field) = Self.partial[index]
        let fault = (line: line, field: field)
        let scratch = try ScratchFolder()
        let path = try scratch.place(try Self.corpusCase(fileName)).path
        let result = try beaconTriage(["analyze", path], in: scratch.url)
        #expect(result.status == 0, "\(result.errors)")
        let expected = "\(path):\(fault.line): " + (fault.field.map { "field '\($0)'" } ?? "")
        #expect(result.errors.contains(expected), "\(result.errors)")
    }
}

struct CLIResult {
    var output: String
    var errors: String
    var status: Int32
}

/// The built `beacon-triage`, which sits beside the test bundle.
func builtBinary() throws -> String {
    URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        .deletingLastPathComponent().appendingPathComponent("beacon-triage").path
}

/// Runs the built `beacon-triage` from the tests' working directory.
func beaconTriage(_ arguments: [String], in folder: URL) throws -> CLIResult {
    try runProgram(try builtBinary(), arguments, in: folder, changingDirectory: false)
}

/// Runs `program`, in `folder` unless `changingDirectory` is false; output goes through files in `folder`
/// so that neither pipe can fill up and block it.
func runProgram(_ program: String, _ arguments: [String], in folder: URL,
                changingDirectory: Bool = true) throws -> CLIResult {
    let outputFile = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
    let errorFile = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
    try Data().write(to: outputFile)
    try Data().write(to: errorFile)
    defer {
        try? FileManager.default.removeItem(at: outputFile)
        try? FileManager.default.removeItem(at: errorFile)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if changingDirectory { process.currentDirectoryURL = folder }
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    process.waitUntilExit()
    return CLIResult(output: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
                     errors: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self), status: process.terminationStatus)
}
