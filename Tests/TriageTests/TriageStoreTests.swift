import BeaconEngine
import Foundation
import Testing
@testable import Triage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shared between a test and the thread it starts.
final class ThreadBox: @unchecked Sendable {
    private let lock = NSLock()
    private var _stop = false
    private var _reads = 0
    private var _failures: [String] = []
    private var _errors: [String] = []

    var stop: Bool {
        get { lock.withLock { _stop } }
        set { lock.withLock { _stop = newValue } }
    }
    var reads: Int { lock.withLock { _reads } }
    var failures: [String] { lock.withLock { _failures } }
    var errors: [String] { lock.withLock { _errors } }
    func read() { lock.withLock { _reads += 1 } }
    func fail(_ message: String) { lock.withLock { _failures.append(message) } }
    func error(_ message: String) { lock.withLock { _errors.append(message) } }
}

func process(_ name: String, _ status: TriageStatus = .falsePositive, at seconds: Double = 0, id: String? = nil) -> TriageDecision {
    TriageDecision(id: id ?? TriageDecision.newID(), scope: .process(name), status: status, author: "test",
                   created: date(seconds))
}

@Suite struct TriageStoreTests {
    @Test func theDefaultFileSitsBesideTheData() {
        #expect(TriageStore.defaultPath(forDataFile: "/data/day1.csv.gz") == "/data/day1.csv.gz.triage.toml")
    }

    @Test func aMissingFileIsEmptyAndASaveCreatesIt() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/marks.triage.toml"
        var store = try TriageStore.open(path: path)
        #expect(store.decisions.isEmpty)
        #expect(readText(path) == nil)

        var book = TriageBook()
        book.mark([Fixture.key()], scope: .exactBeacon, status: .malicious, reason: "C2", author: "alice", at: date())
        book.mark([Fixture.key()], scope: .destination, status: .falsePositive, expires: date(3600), author: "alice", at: date(1))
        let result = try store.save(book.decisions)
        #expect(!result.merged)
        #expect(result.decisions == book.decisions)

        let reopened = try TriageStore.open(path: path)
        #expect(reopened.decisions == book.decisions)
        // Expiry survives the file: the destination mark applies before it and not after.
        let reread = TriageBook(decisions: reopened.decisions)
        #expect(reread.applicable(to: Fixture.key(device: "other"), at: date(3599)).map(\.status) == [.falsePositive])
        #expect(reread.applicable(to: Fixture.key(device: "other"), at: date(3600)).isEmpty)
        // No temporary file is left behind; the lock file stays for the next save.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["marks.triage.toml", "marks.triage.toml.lock"])
    }

    @Test func aReaderNeverSeesAHalfWrittenFile() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/t.toml"
        var store = try TriageStore.open(path: path)
        var decisions: [TriageDecision] = []
        _ = try store.save(decisions)

        let box = ThreadBox()
        let reader = Thread {
            while !box.stop {
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    box.fail("file missing")
                    continue
                }
                if case .failure(let error) = TriageFileFormat.parse(Array(bytes), file: path) {
                    box.fail(error.description)
                }
                box.read()
            }
        }
        reader.start()
        // Files of growing size (up to ~60 kB), so a torn write would show as a truncated table.
        for round in 0..<150 {
            decisions.append(process("p\(round).exe", at: Double(round)))
            decisions[round / 2].note = String(repeating: "x", count: round * 3)
            _ = try store.save(decisions)
        }
        box.stop = true
        while !reader.isFinished { usleep(1000) }
        let failures = box.failures.count
        #expect(failures == 0, "\(box.failures.prefix(3))")
        #expect(box.reads > 0)
        #expect(try TriageStore.open(path: path).decisions.count == 150)
    }

    @Test func aSecondConsoleMergesInsteadOfOverwriting() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/t.toml"
        var alice = try TriageStore.open(path: path)
        var bob = try TriageStore.open(path: path)
        var aliceBook = TriageBook(), bobBook = TriageBook()

        aliceBook.mark([Fixture.key()], scope: .process, status: .falsePositive, author: "alice", at: date())
        #expect(try alice.save(aliceBook.decisions).merged == false)

        // Bob read the file before Alice saved: his save must keep her mark.
        bobBook.mark([Fixture.key()], scope: .destination, status: .malicious, author: "bob", at: date(5))
        let bobSaved = try bob.save(bobBook.decisions)
        #expect(bobSaved.merged)
        #expect(Set(bobSaved.decisions.map(\.author)) == ["alice", "bob"])
        bobBook.adopt(bobSaved.decisions)

        // Alice undoes her mark; Bob's stays, and hers is not resurrected from his copy.
        aliceBook.undo(by: "alice", at: date(10))
        let aliceSaved = try alice.save(aliceBook.decisions)
        #expect(aliceSaved.merged)
        #expect(aliceSaved.decisions.map(\.author) == ["bob"])

        // Both change Bob's decision: the later update wins, whoever saves last.
        let shared = aliceSaved.decisions[0]
        var early = shared.touched(by: "alice", at: date(30)), late = shared.touched(by: "bob", at: date(20))
        early.status = .investigating
        late.status = .falsePositive
        _ = try bob.save([late])
        let final = try alice.save([early])
        #expect(final.decisions.map(\.status) == [.investigating])
        #expect(try TriageStore.open(path: path).decisions == final.decisions)
    }

    @Test func twoWritersAtOnceLoseNoDecision() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/t.toml"
        let box = ThreadBox()
        let writers = (0..<2).map { writer in
            Thread {
                do {
                    var store = try TriageStore.open(path: path)
                    var book = TriageBook(decisions: store.decisions)
                    for index in 0..<40 {
                        book.add(process("w\(writer)-\(index).exe", at: Double(index)))
                        try store.save(&book)
                    }
                } catch {
                    box.error("\(error)")
                }
                box.read()
            }
        }
        writers.forEach { $0.start() }
        while box.reads < 2 { usleep(1000) }
        #expect(box.errors.isEmpty, "\(box.errors)")
        let names = try TriageStore.open(path: path).decisions.map { name in
            if case .process(let process) = name.scope { return process }
            return ""
        }
        #expect(names.count == 80)
        #expect(Set(names).count == 80)
        let expected = Set((0..<2).flatMap { w in (0..<40).map { "w\(w)-\($0).exe" } })
        #expect(expected.subtracting(names).isEmpty, "missing \(expected.subtracting(names).sorted())")
    }

    @Test func aBrokenFileIsNeverOverwritten() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/t.toml"
        var store = try TriageStore.open(path: path)
        _ = try store.save([process("a.exe")])

        // Someone breaks the file by hand while the console runs.
        let broken = readText(path)!.replacingOccurrences(of: "status = \"false-positive\"", with: "status = \"maybe\"")
        try broken.write(toFile: path, atomically: false, encoding: .utf8)
        let brokenLine = broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("status") }! + 1

        #expect(throws: TriageStorageError.self) { try store.save([process("a.exe"), process("b.exe")]) }
        #expect(readText(path) == broken)
        do {
            _ = try TriageStore.open(path: path)
            Issue.record("a broken file opened")
        } catch {
            guard case .corrupt(let fileError) = error else { Issue.record("\(error)"); return }
            #expect(fileError.line == brokenLine)
            #expect(fileError.field == "status")
            #expect(error.description.contains("left untouched"))
        }
        #expect(readText(path) == broken)
    }

    @Test func aHeldLockMakesTheSaveWaitThenFail() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        var store = try TriageStore.open(path: folder + "/t.toml")
        store.lockTimeout = 0.05
        let fd = open(store.lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        #expect(throws: TriageStorageError.locked(path: folder + "/t.toml")) { try store.save([process("a.exe")]) }
        flock(fd, LOCK_UN)
        close(fd)
        #expect(try store.save([process("a.exe")]).decisions.count == 1)
    }
}

@Suite struct TriageMergeTests {
    let a = process("a.exe", id: "a"), b = process("b.exe", id: "b"), c = process("c.exe", id: "c")

    @Test func withoutRemovalsItIsTheUnionByID() {
        #expect(TriageMerge.merge(base: [a], ours: [a, b], theirs: [a, c]).map(\.id) == ["a", "b", "c"])
    }

    @Test func aRemovalWinsOverAnUnchangedCopyButNotOverAnEdit() {
        // We removed b; they still have it unchanged: gone.
        #expect(TriageMerge.merge(base: [a, b], ours: [a], theirs: [a, b]).map(\.id) == ["a"])
        // We removed b; they edited it after our base: kept, theirs.
        var edited = b.touched(by: "them", at: date(100))
        edited.status = .malicious
        #expect(TriageMerge.merge(base: [a, b], ours: [a], theirs: [a, edited]) == [a, edited])
        // Removed on both sides: gone.
        #expect(TriageMerge.merge(base: [a, b], ours: [a], theirs: [a]).map(\.id) == ["a"])
    }

    @Test func theLaterUpdateWinsAndOursOnATie() {
        var ours = a.touched(by: "us", at: date(10)), theirs = a.touched(by: "them", at: date(20))
        #expect(TriageMerge.merge(base: [a], ours: [ours], theirs: [theirs]) == [theirs])
        theirs.updated = ours.updated
        ours.note = "ours"
        #expect(TriageMerge.merge(base: [a], ours: [ours], theirs: [theirs]) == [ours])
    }
}

@Suite struct AtomicFileTests {
    @Test func anExistingFileIsKeptUnlessOverwriting() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/out.csv"
        try AtomicFile.write("first", to: path, overwrite: false)
        #expect(throws: TriageStorageError.exists(path: path)) { try AtomicFile.write("second", to: path, overwrite: false) }
        #expect(readText(path) == "first")
        try AtomicFile.write("third", to: path, overwrite: true)
        #expect(readText(path) == "third")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])
    }

    @Test func aReplacedFileKeepsItsPermissions() throws {
        let folder = temporaryFolder()
        defer { removeFolder(folder) }
        let path = folder + "/t.toml"
        try AtomicFile.write("a", to: path)
        var status = stat()
        stat(path, &status)
        #expect(status.st_mode & 0o777 == 0o644)
        chmod(path, 0o640)
        try AtomicFile.write("b", to: path)
        stat(path, &status)
        #expect(status.st_mode & 0o777 == 0o640)
    }

    @Test func aMissingFolderIsAClearError() throws {
        #expect(throws: TriageStorageError.self) { try AtomicFile.write("x", to: "/nonexistent-folder-\(UUID())/f") }
        #expect(throws: TriageStorageError.self) { try AtomicFile.read("/") }
        #expect(try AtomicFile.read("/nonexistent-\(UUID())") == nil)
    }
}
