import BeaconEngine
import Testing
import TriageUI
@testable import TriageApp

/// How the console prepares at scale: it opens on a lean preparation (as `analyze` runs), a window or mode
/// change is prepared lean off the update step while the old list stays, and only the event-count slider
/// going below the opening cut measures every group. Each series of the fixture has 17 distinct
/// timestamps (16 gaps) and a group passes when its count exceeds the minimum (15 by default).
@Suite struct ConsolePreparationTests {
    static func backgroundState() -> AppState {
        ReducerTests.state(environment: ConsoleEnvironment(preparesInBackground: true))
    }

    static func names(_ state: AppState) -> [String] { state.rows.map(\.candidate.key.deviceName) }

    @Test func theConsoleOpensOnALeanPreparation() throws {
        guard case .events(_, let prepared) = Self.backgroundState().data else {
            Issue.record("the state holds no events")
            return
        }
        #expect(!prepared.measuresEveryGroup)
    }

    @Test func raisingTheMinimumDecidesAtOnce() {
        var state = Self.backgroundState()
        state.focusedSlider = .minEvents
        #expect(update(&state, .key(.right)).preparation == nil)  // 15 → 16: 17 > 16, all kept
        #expect(state.pendingPreparation == nil && state.analysis.parameters.minEvents == 16)
        #expect(Self.names(state) == ["steady", "slow", "wobbly"])
        update(&state, .key(.right))  // 16 → 17: none exceeds it
        #expect(state.pendingPreparation == nil && state.rows.isEmpty)
    }

    @Test func loweringTheMinimumMeasuresEveryGroupOffTheUpdateStep() throws {
        var state = Self.backgroundState()
        state.focusedSlider = .minEvents
        let shown = Self.names(state)
        let request = try #require(update(&state, .key(.left)).preparation)  // 15 → 14
        #expect(request.measuringEveryGroup && request.parameters.minEvents == 14)
        // The old list stays until the preparation comes back.
        #expect(state.analysis.parameters.minEvents == 15 && Self.names(state) == shown)
        #expect(state.message == "re-running the query …")
        update(&state, .prepared(request.prepare()))
        #expect(state.pendingPreparation == nil && state.analysis.parameters.minEvents == 14)
        // Every group measured: lower still is a re-decision.
        #expect(update(&state, .key(.left)).preparation == nil)
        #expect(state.analysis.parameters.minEvents == 13 && Self.names(state) == shown)
    }

    @Test(arguments: [(Character("M"), QuerySlider.jitter), (Character("]"), QuerySlider.windowStart)])
    func aModeOrWindowChangeIsPreparedLeanWhileTheOldListStays(key: Character, slider: QuerySlider) throws {
        var state = Self.backgroundState()
        state.focusedSlider = slider
        let shown = state.analysis
        let request = try #require(update(&state, .key(.character(key))).preparation)
        #expect(!request.measuringEveryGroup && request.parameters == state.parameters)
        #expect(state.analysis.parameters == shown.parameters && state.analysis.window == shown.window)
        #expect(Self.names(state) == ["steady", "slow", "wobbly"])
        update(&state, .prepared(request.prepare()))
        #expect(state.pendingPreparation == nil && state.analysis.parameters == request.parameters)
    }
}
