import BeaconEngine
import Foundation
import Triage

/// The effects for real: the triage file, exports and query files written atomically, the triage file
/// saved and preparations run on other threads, and the triage file watched for saves by another console.
public final class LiveEffects: EffectPerformer {
    /// Nil when the triage file could not be read (the console is read-only then).
    private let saving: BackgroundSaving?
    private let triagePath: String?
    /// The console's decisions as last handed over (a save, or a merge it adopted): "ours" in a merge
    /// with what another console saved.
    private var ours: [TriageDecision]
    /// At most one preparation runs; while it does, only the latest one asked for waits its turn.
    private var preparation: BackgroundPreparation?
    private var waiting: PreparationRequest?
    /// The triage file's identity and age when last seen, to notice another console's save cheaply.
    private var seenStamp: FileStamp?
    private var lastLook = Date.distantPast
    /// How often the triage file's stamp is looked at.
    public var watchInterval: TimeInterval = 0.5
    /// The connections view's rows being listed (only the latest asked for is kept), and what re-reads
    /// their columns from the input files.
    private var connections: BackgroundConnections?
    private let connectionDetails: ConnectionDetailSource?

    /// Why the last save handed in failed; nil once one succeeds. Read after the console quits, so that a
    /// book that could not be written is said on the normal screen.
    public private(set) var lastSaveError: TriageStorageError?

    public init(store: TriageStore?, connectionDetails: ConnectionDetailSource? = nil) {
        saving = store.map(BackgroundSaving.init)
        triagePath = store?.path
        self.connectionDetails = connectionDetails
        ours = store?.decisions ?? []
        seenStamp = store.flatMap { FileStamp(path: $0.path) }
    }

    public var isBusy: Bool { preparation != nil || connections != nil || isSaving }

    /// A save asked for is still being written.
    var isSaving: Bool { saving?.isBusy == true }

    public func perform(_ effect: Effect) -> Message? {
        switch effect {
        case .save(let decisions):
            // Answered at a later poll (`.saved`), once written off the UI thread.
            saving?.save(decisions)
            return nil
        case .export(let request):
            let result = Result { () throws(TriageStorageError) in
                try TriageExport.write(request.rows, format: request.format, context: request.context,
                                       to: request.path, overwrite: request.overwrite)
            }
            return .exported(request, result)
        case .writeQuery(let request):
            let result = Result { () throws(TriageStorageError) in
                try AtomicFile.write(request.text, to: request.path, overwrite: request.overwrite)
            }
            return .wroteQuery(request, result)
        case .prepare(let request):
            if preparation == nil {
                preparation = BackgroundPreparation(request)
            } else {
                waiting = request
            }
            return nil
        case .loadConnections(let request):
            connections = BackgroundConnections(request, details: connectionDetails)
            return nil
        case .copyToClipboard:
            // The terminal's to perform: `ConsoleRuntime` hands it there and never here.
            return nil
        }
    }

    public func poll(now: Date) -> [Message] {
        var news = savesFinished()
        if let finished = preparation?.result {
            preparation = waiting.map(BackgroundPreparation.init)
            waiting = nil
            news.append(.prepared(finished))
        }
        if let listed = connections?.result {
            connections = nil
            news.append(listed)
        }
        if let change = triageFileChange(now: now) { news.append(change) }
        return news
    }

    /// Waits for the saves still queued and hands in how they ended: the analyst quit, and nothing marked
    /// may be lost.
    public func finish() -> [Message] {
        saving?.waitUntilIdle()
        return savesFinished()
    }

    private func savesFinished() -> [Message] {
        guard let saving, let path = triagePath else { return [] }
        return saving.takeFinished().map { result in
            switch result {
            case .success(let written):
                ours = written.decisions
                seenStamp = FileStamp(path: path)
                lastSaveError = nil
            case .failure(let error):
                lastSaveError = error
            }
            return .saved(result)
        }
    }

    /// Another console's save, merged with this console's decisions; nil when the file is unchanged, and
    /// while a save of ours runs or waits (the file is looked at again after it).
    private func triageFileChange(now: Date) -> Message? {
        guard let saving, let path = triagePath, now.timeIntervalSince(lastLook) >= watchInterval else { return nil }
        let ours = self.ours
        let stamp = FileStamp(path: path)
        guard stamp != seenStamp else { return nil }
        guard let result = saving.withIdleStore({ reader in
            Result { () throws(TriageStorageError) in try reader.refresh(ours: ours) }
        }) else { return nil }
        lastLook = now
        seenStamp = stamp
        switch result {
        case .success(nil): return nil
        case .success(let merged?):
            self.ours = merged
            return .triageFileChanged(.success(merged), at: now)
        case .failure(let error):
            return .triageFileChanged(.failure(error), at: now)
        }
    }
}

/// What changes when a file is replaced or written: its inode, size and modification time.
struct FileStamp: Equatable {
    var inode: UInt64
    var size: Int64
    var modified: Date

    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date else { return nil }
        inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        self.modified = modified
    }
}
