import BeaconEngine
import Testing
import TriageUI
@testable import TriageApp

/// `n`/`N` between the filter's matches, `&` between hiding and marking, and `b` back to new.
@Suite struct MatchingReducerTests {
    func filter(_ text: String, _ state: inout AppState) {
        update(&state, .key(.character("/")))
        for character in text { update(&state, .key(.character(character))) }
        update(&state, .key(.enter))
    }

    func names(_ state: AppState) -> [String] { state.rows.map(\.candidate.key.deviceName) }

    @Test func markingFilterKeepsEveryRowAndNJumpsBetweenMatchesWrapping() {
        var state = ReducerTests.state()
        update(&state, .key(.character("&")))
        #expect(state.message == "the filter marks its matches; n/N jump")
        update(&state, .key(.end))  // wobbly, which the filter below does not match
        filter("device:s*", &state)
        // Every row stays; steady and slow match. The selection left the non-match for the first match.
        #expect(names(state) == ["steady", "slow", "wobbly"])
        #expect(state.rows.map(\.matchesFilter) == [true, true, false])
        #expect(state.selected?.key.deviceName == "steady")
        update(&state, .key(.character("n")))
        #expect(state.selected?.key.deviceName == "slow")
        #expect(state.message == "match 2 of 2")
        update(&state, .key(.character("n")))
        #expect(state.selected?.key.deviceName == "steady")
        #expect(state.message == "match 1 of 2 (wrapped)")
        update(&state, .key(.character("N")))
        #expect(state.selected?.key.deviceName == "slow")
        #expect(state.message == "match 2 of 2 (wrapped)")
    }

    @Test func hidingFilterShowsOnlyMatchesAndAmpersandBringsTheRestBack() {
        var state = ReducerTests.state()
        filter("device:s*", &state)
        #expect(names(state) == ["steady", "slow"])
        #expect(state.message == "2 match device:s*")
        update(&state, .key(.character("&")))
        #expect(names(state) == ["steady", "slow", "wobbly"])
        update(&state, .key(.character("&")))
        #expect(names(state) == ["steady", "slow"])
    }

    @Test func nWithoutAFilterOrAMatchSaysSo() {
        var state = ReducerTests.state()
        update(&state, .key(.character("n")))
        #expect(state.message == "no filter: press / to search")
        update(&state, .key(.character("&")))
        filter("device:nobody", &state)
        update(&state, .key(.character("N")))
        #expect(state.message == "no beacon matches device:nobody")
        #expect(state.selected?.key.deviceName == "steady")
    }

    @Test func matchesAreMarkedAndTheRestDimmedOnScreen() {
        var state = ReducerTests.state()
        update(&state, .key(.character("&")))
        filter("device:slow", &state)
        let table = ListView.table(state, glyphs: .unicode)
        #expect(table.rows.map(\.role) == [.dim, .match, .dim])
    }

    @Test func bPutsAMarkedBeaconBackToNew() {
        var state = ReducerTests.state()
        update(&state, .key(.character("m")))
        #expect(state.status(of: state.selected!.key).0 == .malicious)
        update(&state, .key(.character("b")))
        #expect(state.status(of: state.selected!.key).0 == .new)
    }
}

/// A window or mode change on the console's thread: the preparation is owed, then adopted if it still fits.
@Suite struct BackgroundPreparationTests {
    @Test func aWindowChangeWaitsForThePreparationAndAStaleOneIsDropped() throws {
        var state = ReducerTests.state(environment: ConsoleEnvironment(preparesInBackground: true))
        let before = state.analysis.window
        state.focusedSlider = .windowStart
        update(&state, .key(.character("]")))  // start 1d → 25h ago
        let first = try #require(state.pendingPreparation)
        #expect(state.analysis.window == before)
        #expect(state.message == "re-running the query …")
        update(&state, .key(.character("]")))  // 26h, before the first preparation came back
        let second = try #require(state.pendingPreparation)
        #expect(second != first)

        // The first one no longer fits: dropped, still owed.
        update(&state, .prepared(BeaconQuery.prepare(state.events, parameters: first)))
        #expect(state.pendingPreparation == second)
        #expect(state.analysis.window == before)

        update(&state, .prepared(BeaconQuery.prepare(state.events, parameters: second)))
        #expect(state.pendingPreparation == nil)
        // The data ends at 04:16 (the slowest series: 16 gaps of 120 s after 01:00); the window is anchored
        // on now (20:00), so its start is 26 h earlier.
        #expect(state.analysis.window.start.ticks == (ReducerTests.base + 20 * 3600 - 26 * 3600) * Instant.ticksPerSecond)
        #expect(state.message == "no change")
        #expect(state.rows.map(\.candidate.key.deviceName) == ["steady", "slow", "wobbly"])
    }

    @Test func aThresholdChangeStillDecidesAtOnce() {
        var state = ReducerTests.state(environment: ConsoleEnvironment(preparesInBackground: true))
        state.focusedSlider = .jitter
        for _ in 0..<33 { update(&state, .key(.left)) }  // 50 % → 17 %, under wobbly's 17.2 %
        #expect(state.pendingPreparation == nil)
        #expect(state.parameters.jitter == 17)
        #expect(state.rows.map(\.candidate.key.deviceName) == ["steady", "slow"])
    }

    @Test func pKeepsPrivateDestinations() {
        var state = ReducerTests.state()
        update(&state, .key(.character("P")))
        #expect(state.parameters.keepPrivate)
        #expect(state.message?.hasPrefix("keeping private destinations") == true)
        update(&state, .key(.character("r")))
        #expect(state.parameters.keepPrivate)
    }
}
