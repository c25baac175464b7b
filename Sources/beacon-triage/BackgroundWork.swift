import BeaconEngine
import BeaconIngest
import Foundation
import TriageApp

/// Loads the files and prepares the first analysis on another thread, so the console draws and takes
/// keys while a large export loads.
final class BackgroundLoad: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<AppState, any Error>?
    private let started = Date()
    /// How far the files are read, updated by the loader on its thread.
    let progress = LoadProgress()

    init(files: [String], provider: WindowsEventProvider, parameters: QueryParameters) {
        let name = InputFiles.name(files)
        Thread.detachNewThread { [self] in
            let result = Result { () throws -> AppState in
                let loaded = try InputFiles.load(files, provider: provider, progress: progress)
                if !loaded.queryResults.isEmpty {
                    return AppState(dataSetName: name, queryResults: loaded.queryResults, parameters: parameters)
                }
                return AppState(dataSetName: name, events: loaded.table, parameters: parameters)
            }
            lock.withLock { outcome = result }
        }
    }

    var result: Result<AppState, any Error>? { lock.withLock { outcome } }
    var elapsedSeconds: Double { Date().timeIntervalSince(started) }

    /// What the loading screen shows now.
    var status: LoadingStatus {
        LoadingStatus(bytesRead: progress.bytesRead, totalBytes: progress.totalBytes,
                      eventsLoaded: progress.eventsLoaded, elapsedSeconds: elapsedSeconds)
    }
}

/// A preparation of the query (the window or mode moved) computed on another thread, so that holding a
/// slider key over millions of events never freezes the screen.
final class BackgroundPreparation: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: PreparedQuery?

    init(events: EventTable, parameters: QueryParameters) {
        Thread.detachNewThread { [self] in
            let prepared = BeaconQuery.prepare(events, parameters: parameters)
            lock.withLock { outcome = prepared }
        }
    }

    var result: PreparedQuery? { lock.withLock { outcome } }
}
