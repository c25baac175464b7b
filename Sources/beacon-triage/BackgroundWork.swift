import BeaconEngine
import BeaconIngest
import Foundation
import Triage
import TriageApp

/// Loads the files and prepares the first analysis on another thread, so the console draws and takes
/// keys while a large export loads.
final class BackgroundLoad: PendingLoad, @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<AppState, any Error>?
    private let started = Date()
    /// How far the files are read, updated by the loader on its thread.
    let progress = LoadProgress()

    /// The advice to run the query in Kusto instead (`KustoHandOver`), shown while loading.
    private let handOver: String?

    /// The console's first state is built on the loader's thread too (its first preparation is the
    /// expensive part), with the book and environment the console opened with, at the time it is ready.
    /// `estimate` is the files' (`LoadEstimate`), and `handOver` the advice it gave, already among the
    /// environment's warnings; the count once loaded may give it instead.
    init(files: [String], provider: WindowsEventProvider, parameters: QueryParameters, book: TriageBook = TriageBook(),
         environment: ConsoleEnvironment = ConsoleEnvironment(), estimate: LoadEstimate? = nil, handOver: String? = nil) {
        let name = InputFiles.name(files)
        self.handOver = handOver
        Thread.detachNewThread { [self] in
            let result = Result { () throws -> AppState in
                let loaded = try InputFiles.load(files, provider: provider, progress: progress, estimate: estimate)
                var environment = environment
                environment.warnings += InputFiles.warnings(loaded)
                if handOver == nil, let counted = KustoHandOver.advice(events: loaded.table.rowsRead, estimated: false) {
                    environment.warnings.append(counted)
                }
                environment.files = loaded.files.compactMap(\.windowFitFile)
                let clock = Date()
                if !loaded.queryResults.isEmpty {
                    return AppState(dataSetName: name, queryResults: loaded.queryResults, parameters: parameters,
                                    book: book, environment: environment, clock: clock)
                }
                // The rows the anchor sets aside are named once, here, off the UI thread: naming them reads
                // their files again. The state's preparation judges the same table at the same clock.
                if parameters.now == nil,
                   let setAside = loaded.table.anchor(clock: Instant(clock)).setAside {
                    let rows = SetAsideRowLocator.locate(setAside, in: loaded.files, provider: provider)
                    environment.warnings += SetAsideRowLocator.notes(setAside, rows: rows)
                    environment.setAsideRows = rows.map(\.place)
                }
                return AppState(dataSetName: name, events: loaded.table, parameters: parameters, book: book,
                                environment: environment, clock: clock)
            }
            lock.withLock { outcome = result }
        }
    }

    var result: Result<AppState, any Error>? { lock.withLock { outcome } }
    var elapsedSeconds: Double { Date().timeIntervalSince(started) }

    /// What the loading screen shows now.
    var status: LoadingStatus {
        LoadingStatus(bytesRead: progress.bytesRead, totalBytes: progress.totalBytes,
                      eventsLoaded: progress.eventsLoaded, elapsedSeconds: elapsedSeconds, notice: handOver)
    }
}
