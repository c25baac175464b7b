import BeaconEngine
import Foundation
import Testing
import Triage
@testable import TriageApp

/// The real effects on a real triage file: another console's save is noticed, merged and handed in.
@Suite struct LiveEffectsTests {
    static func scratchFile() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-effects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("team.triage.toml").path
    }

    static let key = BeaconKey(deviceId: "id-a", deviceName: "a", initiatingProcessAccountName: "", initiatingProcessAccountDomain: "",
                               initiatingProcessFileName: "c2.exe", remoteIP: "203.0.113.5", remotePort: 443)
    static let other = BeaconKey(deviceId: "id-b", deviceName: "b", initiatingProcessAccountName: "", initiatingProcessAccountDomain: "",
                                 initiatingProcessFileName: "c2.exe", remoteIP: "203.0.113.5", remotePort: 443)

    @Test func anotherConsolesSaveIsMergedWithOursAndHandedIn() throws {
        let path = try Self.scratchFile()
        let start = Date(timeIntervalSince1970: 1_704_186_000)
        let effects = LiveEffects(store: try TriageStore.open(path: path))
        let ours = TriageDecision(scope: .exactBeacon(Self.key), status: .malicious, author: "me", created: start)
        // The save is written off the UI thread and answered when waited for (or at a later poll).
        #expect(effects.perform(.save([ours])) == nil)
        guard case .saved(.success(let written))? = effects.finish().first else {
            Issue.record("the save did not succeed")
            return
        }
        #expect(written.decisions == [ours] && !written.merged)
        // Our own save is not news.
        #expect(effects.poll(now: start + 1).isEmpty)

        var colleague = try TriageStore.open(path: path)
        let theirs = TriageDecision(scope: .exactBeacon(Self.other), status: .investigating, author: "them", created: start + 2)
        _ = try colleague.save([ours, theirs])
        let news = effects.poll(now: start + 3)
        guard case .triageFileChanged(.success(let merged), let time)? = news.first else {
            Issue.record("no news of the colleague's save: \(news)")
            return
        }
        #expect(Set(merged) == [ours, theirs] && time == start + 3)
        // Seen once: the next look finds nothing new.
        #expect(effects.poll(now: start + 4).isEmpty)
    }

    /// Issue 17 item 8: a save off the UI thread. Saves asked for in a row land in order and the last
    /// book is what the file holds; they are handed in as one, once written.
    @Test func queuedSavesLandInOrderAndTheLastOneWins() throws {
        let path = try Self.scratchFile()
        let start = Date(timeIntervalSince1970: 1_704_186_000)
        let effects = LiveEffects(store: try TriageStore.open(path: path))
        var books: [[TriageDecision]] = []
        for index in 0..<20 {
            let key = BeaconKey(deviceId: "id-\(index)", deviceName: "d\(index)", initiatingProcessAccountName: "",
                                initiatingProcessAccountDomain: "", initiatingProcessFileName: "c2.exe",
                                remoteIP: "203.0.113.5", remotePort: 443)
            books.append((books.last ?? []) + [TriageDecision(scope: .exactBeacon(key), status: .malicious, author: "me",
                                                              created: start + Double(index))])
            #expect(effects.perform(.save(books[index])) == nil)
        }
        let answers = effects.finish()
        #expect(answers.count == 1)
        guard case .saved(.success(let written))? = answers.first else {
            Issue.record("no save answered: \(answers)")
            return
        }
        #expect(written.decisions == books[19] && !written.merged)
        #expect(try TriageStore.open(path: path).decisions == books[19])
        #expect(effects.lastSaveError == nil)
        #expect(effects.finish().isEmpty)
    }

    @Test func aFailedSaveIsHandedBackAsAMessage() throws {
        let path = try Self.scratchFile()
        let effects = LiveEffects(store: try TriageStore.open(path: path))
        // The folder goes away: the lock file cannot be created.
        try FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
        let ours = TriageDecision(scope: .exactBeacon(Self.key), status: .malicious, author: "me", created: Date(timeIntervalSince1970: 0))
        #expect(effects.perform(.save([ours])) == nil)
        let answers = effects.finish()
        guard case .saved(.failure)? = answers.first, answers.count == 1 else {
            Issue.record("the failure was not handed back: \(answers)")
            return
        }
        #expect(effects.lastSaveError != nil)
    }

    @Test func refreshKeepsWhatThisConsoleHasNotSavedYet() throws {
        let path = try Self.scratchFile()
        let start = Date(timeIntervalSince1970: 1_704_186_000)
        var mine = try TriageStore.open(path: path)
        var theirsStore = try TriageStore.open(path: path)
        let theirs = TriageDecision(scope: .exactBeacon(Self.other), status: .investigating, author: "them", created: start)
        _ = try theirsStore.save([theirs])
        // A decision this console holds but could not save yet (the file was locked, say).
        let unsaved = TriageDecision(scope: .exactBeacon(Self.key), status: .malicious, author: "me", created: start + 1)
        let merged = try #require(try mine.refresh(ours: [unsaved]))
        #expect(Set(merged) == [theirs, unsaved])
        #expect(try mine.refresh(ours: merged) == nil)
        // The next save writes both without treating the colleague's as removed.
        let written = try mine.save(merged)
        #expect(Set(written.decisions) == [theirs, unsaved] && !written.merged)
    }
}
