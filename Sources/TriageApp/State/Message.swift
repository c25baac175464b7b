import BeaconEngine
import Foundation
import Triage
import TriageUI

/// Everything that can change the state, each carrying the time it happened: the update step never
/// reads a clock, so marks made a minute apart carry times a minute apart only because their key
/// presses did.
public enum Message: Sendable {
    /// A key, click or resize, stamped by the runtime when it arrived.
    case input(InputEvent, at: Date)
    /// The runtime's timer while no input comes: the clock moves, expiries lapse.
    case tick(Date)
    /// The triage file was written (or not): a merge with another console's marks is adopted.
    case saved(Result<TriageStore.SaveResult, TriageStorageError>)
    /// An export was written, or a file is in the way, or it failed.
    case exported(ExportRequest, Result<Void, TriageStorageError>)
    /// A query file was written, or a file is in the way, or it failed.
    case wroteQuery(QueryFileRequest, Result<Void, TriageStorageError>)
    /// A preparation asked for with `Effect.prepare` finished off the UI thread.
    case prepared(PreparedQuery)
    /// A beacon's connections listed off the UI thread (`Effect.loadConnections`), with notes on files
    /// whose extra columns could not be re-read.
    case connectionsLoaded(BeaconKey, [BeaconConnection], notes: [String])
    /// Another console saved the triage file: its decisions merged with this console's.
    case triageFileChanged(Result<[TriageDecision], TriageStorageError>, at: Date)
}

/// What the update step asks the runtime to do; it performs them in order, before drawing the next
/// frame, and answers each with a `Message`.
public enum Effect: Sendable {
    /// Write the book's decisions to the triage file.
    case save([TriageDecision])
    case export(ExportRequest)
    case writeQuery(QueryFileRequest)
    /// Prepare the query off the UI thread (the window or the mode moved, or the event-count slider went
    /// below what the preparation measured).
    case prepare(PreparationRequest)
    /// List a beacon's connections and re-read its rows' other columns from the files, off the UI thread.
    case loadConnections(ConnectionsRequest)
    /// Put this text on the clipboard: the runtime hands it to the terminal (OSC 52), which owns the output.
    case copyToClipboard(String)

    /// A short name, for tests and traces.
    public var name: String {
        switch self {
        case .save: "save"
        case .export: "export"
        case .writeQuery: "writeQuery"
        case .prepare: "prepare"
        case .loadConnections: "loadConnections"
        case .copyToClipboard: "copyToClipboard"
        }
    }
}
