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

    /// The rows the window's anchor set aside as not credible (`WindowAnchor`), counted and the first few
    /// named by file:line (`SetAsideRowLocator`, which reads their files again); empty when none were.
    static func setAsideNotes(_ loaded: LoadResult, _ analysis: BeaconAnalysis,
                              provider: WindowsEventProvider) -> [String] {
        guard let setAside = analysis.window.setAside else { return [] }
        let rows = SetAsideRowLocator.locate(setAside, in: loaded.files, provider: provider)
        return SetAsideRowLocator.notes(setAside, rows: rows)
    }

    /// The exit status of a run that reported no beacon while most events fell outside its window: a
    /// script must not take "0 beacons" for a clean result when the window missed the data.
    static let windowMissedDataStatus: Int32 = 3

    /// Why the run ends with `windowMissedDataStatus`: no beacon reported and more than half the events
    /// outside the window; nil otherwise, and for Kusto query results, which carry no event times.
    static func windowMissedData(_ loaded: LoadResult, _ analysis: BeaconAnalysis) -> String? {
        guard !analysis.analysesQueryResults, analysis.beacons.isEmpty else { return nil }
        let fit = WindowFit(table: loaded.table, window: analysis.window)
        guard fit.eventsOutside * 2 > fit.eventCount else { return nil }
        return "beacon-triage: no beacon reported, and \(fit.eventsOutside) of \(fit.eventCount) events fall outside "
            + "the window: it is not where the data is (--start, --end and --now move it); exit status \(windowMissedDataStatus)"
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
