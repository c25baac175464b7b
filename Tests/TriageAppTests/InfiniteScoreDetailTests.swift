import BeaconEngine
import Testing
import TriageUI
@testable import TriageApp

/// The detail pane says why an outlier scores ±∞ (quirk Q13) where the ∞ is shown.
@Suite struct InfiniteScoreDetailTests {
    /// One near-perfect 60 s beacon: ten 60s, 59, ten 60s, 61, ten 60s, 59, six 60s, 61. Sorted, indices 2
    /// to 37 are 60, so P10 = P90 = 60: faithful mode scores the 59s −∞ and the 61s +∞, four outliers > 3.
    static func state() -> AppState {
        let gaps: [Int64] = Array(repeating: 60, count: 10) + [59] + Array(repeating: 60, count: 10) + [61]
            + Array(repeating: 60, count: 10) + [59] + Array(repeating: 60, count: 6) + [61]
        var parameters = QueryParameters()
        parameters.now = Instant(ticks: (ReducerTests.base + 20 * 3600) * Instant.ticksPerSecond)
        var state = AppState(dataSetName: "test", events: EventTable(ReducerTests.series("perfect", gaps: gaps)),
                             parameters: parameters, environment: ConsoleEnvironment())
        update(&state, .key(.character("x")))  // the near misses
        return state
    }

    @Test func outlierLinesStartWithWhyTheyAreInfinite() throws {
        let state = Self.state()
        let candidate = try #require(state.selected)
        // From 01:00:00 on 2024-01-01: + 10 × 60 + 59 = 01:10:59; + 10 × 60 + 61 = 01:22:00;
        // + 10 × 60 + 59 = 01:32:59; + 6 × 60 + 61 = 01:40:00.
        #expect(DetailText.outliers(candidate, parameters: state.parameters) == [
            "±∞: P10 = P90: division by zero (Q13)",
            "±∞: corrected mode needs a spread ≥ 2 s (M)",
            "Δ 59s  score −∞  at 2024-01-01T01:10:59.0000000Z",
            "Δ 61s  score +∞  at 2024-01-01T01:22:00.0000000Z",
            "Δ 59s  score −∞  at 2024-01-01T01:32:59.0000000Z",
            "Δ 61s  score +∞  at 2024-01-01T01:40:00.0000000Z",
        ])
    }

    @Test(arguments: [(120, 40), (200, 60)])
    func theDetailPaneShowsTheExplanation(width: Int, height: Int) {
        var state = Self.state()
        update(&state, .resize(width: width, height: height))
        let text = view(state).text()
        #expect(text.contains("±∞: P10 = P90: division by zero (Q13)"))
        #expect(text.contains("±∞: corrected mode needs a spread ≥ 2 s (M)"))
    }

    @Test func correctedModeHasNoInfinityAndNoNote() throws {
        var state = Self.state()
        update(&state, .key(.character("M")))  // faithful → corrected
        let candidate = try #require(state.selected)
        #expect(state.parameters.mode == .corrected && candidate.key.deviceName == "perfect")
        // Spread floored at 2 s: the 61s score (61 − 60) / 2 × 2.7726 = 1.39, not > 2; the 59s −1.39, not < −2.
        #expect(candidate.outlierScores.count == 40)
        #expect(DetailText.outliers(candidate, parameters: state.parameters).isEmpty)
    }
}
