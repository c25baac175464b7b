import BeaconEngine
import Testing
import TriageUI
@testable import TriageApp

/// A capture longer than the window: the header says how much of the top beacon falls outside, and `w`
/// widens the window to take it all in.
@Suite struct WindowActionsTests {
    /// One beacon an hour for 72 hours (71 gaps of 3600 s). The window is anchored on the data: now is
    /// the last event + 1 s and the window starts a day before now, so the events 0-23 h before the last
    /// one are inside (24) and the 48 before them outside. The capture spans 71 h: "3-day" to the day.
    static func state() -> AppState {
        let events = ReducerTests.series("hourly", gaps: Array(repeating: 3600, count: 71))
        return AppState(dataSetName: "3 days", events: EventTable(events), parameters: QueryParameters())
    }

    @Test func theHeaderSaysWhatTheWindowLeavesOutAndWWidensIt() throws {
        var state = Self.state()
        let note = "3-day capture: 48 of 72 events of the top beacon fall outside the 1d window"
        #expect(state.windowNotes == [note])
        #expect(state.warnings == [note] && state.message == note + " (w widens the window)")
        update(&state, .resize(width: 200, height: 40))
        #expect(view(state).text().split(separator: "\n")[0].contains(note + " (w widens)"))

        update(&state, .key(.character("w")))
        // 71 h + 1 s back from now: more than two days, so whole days: 3d.
        #expect(state.parameters.start == .ago(ticks: 3 * Instant.ticksPerDay))
        #expect(state.windowNotes.isEmpty)
        #expect(state.analysis.window.start.ticks <= state.events.timestamp.min()!)
        #expect(state.message?.hasPrefix("window widened to 3d: ") == true)
        update(&state, .key(.character("w")))
        #expect(state.message == "the window already holds every event")
    }

    @Test func aDayInsideTheWindowSaysNothing() {
        let state = ReducerTests.state()
        #expect(state.windowNotes.isEmpty && state.warnings.isEmpty)
    }
}
