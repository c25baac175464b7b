import BeaconEngine

/// Reads a beacon's rows back from the files it was loaded from (LocalIP, LocalPort, Protocol, ReportId,
/// file and line). The command line gives the console one over its input files; `TriageApp` knows no
/// file formats, and without one the view shows what the event table keeps.
public typealias ConnectionDetailSource = @Sendable (BeaconKey) -> ConnectionDetailsRead

/// What `Effect.loadConnections` needs to list one beacon's connections off the UI thread: the events,
/// the candidate (its timestamps and scores) and the window and parameters it was decided under.
public struct ConnectionsRequest: Sendable {
    public let key: BeaconKey
    let candidate: BeaconCandidate
    let events: EventTable
    let window: AnalysisWindow
    let parameters: QueryParameters

    /// The connections from the table, with the columns `details` re-reads attached; the answer to the
    /// effect.
    public func load(details: ConnectionDetailSource?) -> Message {
        var connections = BeaconConnections.list(candidate, in: events, window: window, parameters: parameters)
        var notes: [String] = []
        if let details {
            let read = details(key)
            connections = BeaconConnections.attach(read.details, to: connections)
            notes = read.notes
            let missing = connections.count(where: { $0.detail == nil })
            if missing > 0 && read.notes.isEmpty {
                notes.append("\(missing) of \(connections.count) rows were not found again in the files (changed since loading?)")
            }
        } else {
            notes.append("LocalIP, LocalPort, Protocol, ReportId and the file are read from the input files, which this console was not given")
        }
        return .connectionsLoaded(key, connections, notes: notes)
    }
}
