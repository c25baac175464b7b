import Testing
@testable import BeaconEngine

/// The explain trail says why an outlier scores ±∞ (quirk Q13) and leaves the numbers alone.
@Suite struct InfiniteScoreNoteTests {
    /// 40 deltas: ten of 60 s, 59, ten of 60, 61, ten of 60, 59, six of 60, 61. Sorted, indices 2 to 37 are
    /// 60, so linear P10 (position 3.9) and P90 (35.1) are both 60 and the spread is 0.
    static let gaps: [Int64] = Array(repeating: 60, count: 10) + [59] + Array(repeating: 60, count: 10) + [61]
        + Array(repeating: 60, count: 10) + [59] + Array(repeating: 60, count: 6) + [61]

    @Test func faithfulModeExplainsItsInfiniteScores() throws {
        let candidate = try #require(run(series(at: timestamps(gaps: Self.gaps)), parameters(.faithful)).candidates.first)
        // The two 59s score −∞ and the two 61s +∞: four outliers, more than 3.
        let scores = candidate.outlierScores
        #expect(scores.filter { $0 == -.infinity }.count == 2)
        #expect(scores.filter { $0 == .infinity }.count == 2)
        #expect(scores.filter { $0 == 0 }.count == 36)
        #expect(candidate.rejection?.stage == .outliers)
        #expect(candidate.rejection?.detail == "outliers 4 > 3 (score > 2 or < -3); 4 score ±∞: P10 = P90: "
                + "division by zero (Q13); corrected mode needs a spread ≥ 2 s")
    }

    @Test func correctedModeHasNoInfinityToExplain() throws {
        // Spread floored at 2 s: the 61s score (61 − 60) / 2 × 2.7726 = 1.39 ≤ 2, the 59s −1.39 ≥ −2.
        let candidate = try #require(run(series(at: timestamps(gaps: Self.gaps)), parameters(.corrected)).beacons.first)
        #expect(candidate.trail.last?.detail == "outliers 0 ≤ 3 (score > 2 or < -2)")
    }

    @Test func theZeroSwitchScoresZeroAndSaysNothing() throws {
        var asked = parameters(.faithful)
        asked.basis.zeroSpread = .zero
        let candidate = try #require(run(series(at: timestamps(gaps: Self.gaps)), asked).beacons.first)
        #expect(candidate.trail.last?.detail == "outliers 0 ≤ 3 (score > 2 or < -3)")
    }

    @Test func thePhraseNamesCorrectedModesFloor() {
        #expect(InfiniteScoreNote.phrase == "P10 = P90: division by zero (Q13); corrected mode needs a spread ≥ 2 s")
        #expect(InfiniteScoreNote.count([.infinity, -.infinity, 5, 1, -4], high: 2, low: -3) == 2)
    }
}
