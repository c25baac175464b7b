import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// Over a hundred malformed files, generated from the real fixtures (never committed), through the loader:
/// no crash, a message naming the file (and, for a bad row, its line and field), and every good row loaded.
@Suite struct MalformedCorpusTests {
    static let corpus: [CorpusCase] = CorpusFormat.allCases.flatMap { format in
        (try? CorpusMutations.cases(for: format)) ?? []
    }

    @Test func theCorpusCoversEveryFormatWithOverAHundredFiles() throws {
        #expect(Self.corpus.count >= 100)
        // A format whose fixture could not be cut would be missing here, silently shrinking the corpus.
        for format in CorpusFormat.allCases {
            #expect(try CorpusMutations.cases(for: format).count >= 15, "\(format)")
        }
        #expect(Set(Self.corpus.map(\.fileName)).count == Self.corpus.count)
    }

    /// The clean documents load whole: the base every expectation counts from.
    @Test(arguments: CorpusFormat.allCases)
    func cleanDocumentsLoadEveryRecord(format: CorpusFormat) throws {
        let text = try CorpusBase.render(format, try CorpusBase.records(format))
        let loaded = try EventLoader.load(bytes: text.bytes, name: "clean")
        #expect(rowCount(loaded) == CorpusFormat.recordCount)
        #expect(loaded.issues.isEmpty)
    }

    @Test(arguments: corpus)
    func malformedFile(_ corpusCase: CorpusCase) throws {
        let scratch = try ScratchFolder()
        let path = try scratch.place(corpusCase)
        let outcome: Result<LoadResult, LoadError>
        do {
            outcome = .success(try EventLoader.load(paths: [path.path]))
        } catch let error as LoadError {
            outcome = .failure(error)
        }
        switch (corpusCase.expected, outcome) {
        case (.rows(let loaded, let faultyLines, let required), .success(let result)):
            #expect(loaded.contains(rowCount(result)), "rows loaded: \(rowCount(result)), expected \(loaded)")
            for issue in result.issues {
                #expect(issue.file == path.path)
                #expect(issue.line.map(faultyLines.contains) == true, "\(issue)")
                #expect(issue.description.hasPrefix(path.path + ":"))
            }
            for want in required {
                #expect(result.issues.contains { $0.line == want.line && (want.field == nil || $0.field == want.field) },
                        "no issue at line \(want.line) field \(want.field ?? "-"): \(result.issues)")
            }
            // Every record read is accounted for: loaded, skipped (and reported), or left out as another kind.
            for file in result.files where !file.format.isCompanion {
                #expect(file.rowsRead == file.rowsLoaded + file.rowsSkipped + file.rowsIgnored + file.mergedDuplicates)
            }
        case (.fileError(let kind), .failure(let error)):
            #expect(kind.matches(error), "\(error)")
            #expect(error.path == path.path)
            #expect(error.description.hasPrefix(path.path + ":"))
        case (.rows, .failure(let error)):
            Issue.record("expected rows, the file was refused: \(error)")
        case (.fileError(let kind), .success(let result)):
            Issue.record("expected \(kind), loaded \(rowCount(result)) rows, issues \(result.issues)")
        }
    }
}

/// Rows the analysis gets: events, or the query's result rows for a result file.
func rowCount(_ result: LoadResult) -> Int { result.table.count + result.queryResults.count }

/// A fresh folder for corpus files, removed afterwards.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // A file made unreadable must be readable again for the removal to work as another user.
        try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        try? FileManager.default.removeItem(at: url)
    }

    /// Puts the case on disk and returns the path to load.
    func place(_ corpusCase: CorpusCase) throws -> URL {
        let target = url.appendingPathComponent(corpusCase.fileName)
        switch corpusCase.content {
        case .bytes(let bytes):
            try Data(bytes).write(to: target)
        case .directory:
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        case .fifo:
            guard mkfifo(target.path, 0o600) == 0 else { throw CorpusError(message: "mkfifo failed: \(errno)") }
        case .symlinkLoop:
            try FileManager.default.createSymbolicLink(atPath: target.path, withDestinationPath: target.lastPathComponent)
        case .unreadable(let bytes):
            try Data(bytes).write(to: target)
            if geteuid() == 0 {
                // root reads files whatever their mode, so permissions cannot make this read fail here: a path
                // whose read fails instead, /proc/self/mem (its first page is unmapped: EIO), under the case's name.
                try FileManager.default.removeItem(at: target)
                try FileManager.default.createSymbolicLink(atPath: target.path, withDestinationPath: "/proc/self/mem")
            } else {
                try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: target.path)
            }
        }
        return target
    }
}
