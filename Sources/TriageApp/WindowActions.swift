import BeaconEngine
import KQL

/// `w`: the window widened to the data's whole span, for a capture longer than the default day.
enum WindowActions {
    static func widen(_ state: inout AppState) {
        guard state.queryResults == nil else {
            state.message = "needs raw events: this is a Kusto query result (thresholds only)"
            return
        }
        guard let fit = state.windowFit, fit.leavesOutData, let start = fit.widenedStart,
              case .ago(let ticks) = start else {
            state.message = "the window already holds every event"
            return
        }
        state.parameters.start = start
        state.rerun()
        var text = "window widened to \(formatTimespan(ticks)): " + (state.message ?? "")
        if overflowsEventCap(state.parameters, now: fit.window.now) {
            text += "; past 24.8 days the query's event cap overflows (quirk Q11): M for hunt mode"
        }
        state.message = text
    }

    /// Whether faithful or corrected mode would compute no event cap for this window (quirk Q11).
    static func overflowsEventCap(_ parameters: QueryParameters, now: Instant) -> Bool {
        guard parameters.mode != .hunt, parameters.maxEventsOverride == nil else { return false }
        var pinned = parameters
        pinned.now = pinned.now ?? now
        return AnalysisWindow.resolve(pinned.basis, latestEvent: nil, fallbackNow: now).derivedMaxEvents == nil
    }
}
