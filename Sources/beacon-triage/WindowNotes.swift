import BeaconEngine
import BeaconIngest
import KQL

extension InputFiles {
    /// What the analysis window leaves out of the loaded events (`WindowFit.notes`): a three-day capture
    /// analysed on its last day, a file of another year outside the window altogether. Then, for a
    /// headless user who has no key to widen the window, the `--start` that takes in every event. Empty
    /// when every event is inside, and for Kusto query results, which carry no event times. The lines
    /// are terminal-safe.
    static func windowNotes(_ loaded: LoadResult, _ analysis: BeaconAnalysis) -> [String] {
        guard !analysis.analysesQueryResults else { return [] }
        let fit = WindowFit(table: loaded.table, window: analysis.window)
        guard fit.leavesOutData else { return [] }
        let topBeacon = analysis.beacons.first.map { fit.counts(of: $0.key, in: loaded.table) }
        var notes = fit.notes(files: loaded.files.compactMap(\.windowFitFile), topBeacon: topBeacon)
        if let widened = fit.widenedStart, case .ago(let ticks) = widened {
            notes.append("  --start \(formatTimespan(ticks)) takes in every event" + eventCapCaveat(analysis, widened))
        }
        return notes
    }

    /// Quirk Q11 again: a window past 24.8 days overflows the query's event cap and reports nothing, so
    /// the hint says what to add when the widened window would.
    private static func eventCapCaveat(_ analysis: BeaconAnalysis, _ widened: WindowBound) -> String {
        var parameters = analysis.parameters
        guard parameters.mode != .hunt, parameters.maxEventsOverride == nil else { return "" }
        parameters.start = widened
        parameters.now = analysis.window.now
        let window = AnalysisWindow.resolve(parameters.basis, latestEvent: nil, fallbackNow: analysis.window.now)
        guard window.derivedMaxEvents == nil else { return "" }
        return " (past 24.8 days the query's event cap overflows, quirk Q11: add --mode hunt or --max-events)"
    }
}
