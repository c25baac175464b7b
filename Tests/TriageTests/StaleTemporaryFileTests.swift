import Foundation
import Testing
@testable import Triage

/// Issue 17 item 8: a kill during a save left `.<name>.tmp-XXXXXX` beside the triage file for ever; the
/// next save removes such files, holding the lock, and nothing else.
@Suite struct StaleTemporaryFileTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stale-tmp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let names = [
        ".team.triage.toml.tmp-Ab12Cd",  // ours, left by a killed save: removed
        ".team.triage.toml.tmp-Ab12C",  // five characters: not mkstemp's
        ".team.triage.toml.tmp-Ab12Cde",  // seven
        "team.triage.toml.tmp-Ab12Cd",  // no leading dot
        ".other.toml.tmp-Ab12Cd",  // another file's
    ]

    @Test func theNextSaveRemovesOnlyOurOwnPattern() throws {
        let folder = try Self.folder()
        for name in Self.names { _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)) }
        var store = try TriageStore.open(path: folder + "/team.triage.toml")
        _ = try store.save([])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(left == Set(Self.names.dropFirst()).union(["team.triage.toml", "team.triage.toml.lock"]))
    }

    @Test func aSaveThatCannotTakeTheLockLeavesThemAlone() throws {
        let folder = try Self.folder()
        let live = folder + "/.team.triage.toml.tmp-Zz9Yy8"
        _ = FileManager.default.createFile(atPath: live, contents: Data("x".utf8))
        var store = try TriageStore.open(path: folder + "/team.triage.toml")
        store.lockTimeout = 0
        // Another writer holds the lock (its temporary file may be live): the save waits its turn, and
        // here gives up, touching nothing.
        _ = try FileLock.withLock(store.lockPath) { () throws(TriageStorageError) in
            #expect(throws: TriageStorageError.self) { _ = try store.save([]) }
        }
        #expect(FileManager.default.fileExists(atPath: live))
        _ = try store.save([])
        #expect(!FileManager.default.fileExists(atPath: live))
    }
}
