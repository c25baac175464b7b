import BeaconEngine
import Testing
import Triage
import TriageUI
@testable import TriageApp

/// Hunt mode in the console: the mode cycle, the score cut, the catalogue switch and the analyst's false
/// positives, on `HuntFixture`'s hand-scored table.
@Suite struct HuntReducerTests {
    func press(_ key: Key, _ times: Int = 1, _ state: inout AppState) {
        for _ in 0..<times { update(&state, .key(key)) }
    }

    @Test func mCyclesFaithfulCorrectedHuntAndTheSlidersAndSortFollow() {
        var state = ReducerTests.state()
        press(.character("M"), 1, &state)
        #expect(state.parameters.mode == .corrected)
        #expect(state.message?.hasPrefix("corrected mode: ") == true)
        press(.character("M"), 1, &state)
        #expect(state.parameters.mode == .hunt && state.showsHunt)
        #expect(state.message?.hasPrefix("hunt mode: ") == true)
        // Hunt mode opens on its highest scores, with its own sliders: the jitter one is gone.
        #expect(state.sort == SortOrder(column: .score, descending: true))
        #expect(state.focusedSlider == .minScore)
        #expect(sliderRow(state).sliders.map(\.label) == ["min score", "start", "end"])
        #expect(state.rows.allSatisfy { $0.hunt != nil })
        press(.character("M"), 1, &state)
        #expect(state.parameters.mode == .faithful)
        #expect(state.sort == SortOrder() && state.focusedSlider == .jitter)
        #expect(state.rows.allSatisfy { $0.hunt == nil })
        #expect(names(state) == ["steady", "slow", "wobbly"])
    }

    @Test func onTheConsolesThreadTheListTurnsHuntWhenThePreparationArrives() throws {
        var state = HuntFixture.state()
        press(.character("M"), 1, &state)  // hunt → faithful
        state.environment.preparesInBackground = true
        press(.character("M"), 2, &state)  // → corrected → hunt, each owing a preparation
        let owed = try #require(state.pendingPreparation)
        #expect(owed.mode == .hunt && state.message == "hunt mode: re-running the query …")
        // Until it arrives the list is the faithful one, without scores; the sliders are already hunt's.
        #expect(!state.showsHunt && state.rows.allSatisfy { $0.hunt == nil })
        #expect(state.focusedSlider == .minScore)
        update(&state, .prepared(BeaconQuery.prepare(state.events, parameters: owed)))
        #expect(state.showsHunt && state.pendingPreparation == nil)
        #expect(HuntFixture.names(state) == ["alpha", "bravo", "charlie", "delta"])
        #expect(state.message?.hasPrefix("hunt mode: ") == true)
    }

    @Test func rowsAreRankedByTheHandComputedScores() throws {
        let state = HuntFixture.state()
        #expect(HuntFixture.names(state) == ["alpha", "bravo", "charlie", "delta"])
        for name in ["alpha", "bravo", "charlie", "delta"] {
            let score = try #require(HuntFixture.score(name, in: state))
            #expect(abs(score - HuntFixture.scores[name]!) < 1e-6, "\(name)")
        }
        #expect(state.analysis.beacons.count == 4)
    }

    @Test func theMinScoreSliderStepsByFiveAndRedecides() {
        var state = HuntFixture.state()
        #expect(state.focusedSlider == .minScore)
        // 50 → 45: echo's 49.23 now passes.
        press(.left, 1, &state)
        #expect(state.parameters.hunt.minScore == 45)
        #expect(HuntFixture.names(state) == ["alpha", "bravo", "charlie", "delta", "echo"])
        #expect(state.message == "+1 new, −0 gone")
        // 70: delta's 70.33 still passes; 75 drops it.
        press(.right, 5, &state)
        #expect(state.parameters.hunt.minScore == 70 && state.rows.count == 4)
        press(.right, 1, &state)
        #expect(HuntFixture.names(state) == ["alpha", "bravo", "charlie"])
        // 85: only alpha's 86.67; 90: nothing.
        press(.right, 2, &state)
        #expect(HuntFixture.names(state) == ["alpha"])
        press(.right, 1, &state)
        #expect(state.rows.isEmpty)
        press(.right, 5, &state)
        #expect(state.parameters.hunt.minScore == 100)
        // 30: every scored group, foxtrot's 30.33 too; golf never has a score to pass.
        press(.left, 14, &state)
        #expect(state.parameters.hunt.minScore == 30)
        #expect(HuntFixture.names(state) == ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"])
        press(.left, 10, &state)
        #expect(state.parameters.hunt.minScore == 0)
        #expect(!HuntFixture.names(state).contains("golf"))
        press(.character("r"), 1, &state)
        #expect(state.parameters.hunt.minScore == HuntSettings.defaultMinScore && state.rows.count == 4)
    }

    @Test func tabCyclesOnlyTheHuntSliders() {
        var state = HuntFixture.state()
        press(.tab, 1, &state)
        #expect(state.focusedSlider == .windowStart)
        press(.tab, 2, &state)
        #expect(state.focusedSlider == .minScore)
        press(.backTab, 1, &state)
        #expect(state.focusedSlider == .windowEnd)
    }

    @Test func theCatalogueKeyTurnsTheCatalogueOffAndOn() throws {
        var state = HuntFixture.state()
        press(.character("C"), 1, &state)
        #expect(!state.parameters.hunt.usesCatalogue)
        #expect(state.message == "catalogue off: +1 new, −0 gone")
        // Without its catalogue entry foxtrot scores as alpha does: 86.67.
        let foxtrot = try #require(state.rows.first { $0.candidate.key.deviceName == "foxtrot" })
        #expect(abs(foxtrot.hunt!.score - HuntFixture.scores["alpha"]!) < 1e-6)
        #expect(foxtrot.hunt?.knownBenign == nil)
        #expect(headerText(state).contains("hunt −catalogue"))
        // A reset leaves the switch where the analyst put it.
        press(.character("r"), 1, &state)
        #expect(!state.parameters.hunt.usesCatalogue && state.parameters.hunt.catalogue == [HuntFixture.agent])
        press(.character("C"), 1, &state)
        #expect(state.parameters.hunt.usesCatalogue)
        #expect(state.message == "catalogue on: +0 new, −1 gone (D lists it)")
        #expect(!HuntFixture.names(state).contains("foxtrot"))
    }

    @Test func theCatalogueKeyOutsideHuntModeSaysWhereItCounts() {
        var state = ReducerTests.state()
        press(.character("C"), 1, &state)
        #expect(state.message == "catalogue off (it counts in hunt mode: M)")
        press(.character("C"), 1, &state)
        #expect(state.message == "catalogue on (no entries loaded) (it counts in hunt mode: M)")
    }

    @Test func aFalsePositiveLowersTheScoreByTheCatalogueFactorAndDropsItBelowTheCut() throws {
        var state = HuntFixture.state()
        // Shown false positives, so that only the score can take the row away.
        press(.character("F"), 1, &state)
        press(.down, 3, &state)
        #expect(state.selected?.key.deviceName == "delta")
        press(.character("f"), 1, &state)
        press(.enter, 3, &state)  // exact beacon, no reason, no expiry
        #expect(state.parameters.hunt.falsePositives.count == 1)
        // 70.33 × 0.35 = 24.62 < 50.
        #expect(HuntFixture.names(state) == ["alpha", "bravo", "charlie"])
        #expect(state.message == "beacon marked false positive (exact beacon); +0 new, −1 gone (D lists it)")
        // At a cut of 20 it is back, with the analyst's entry as the known-benign factor.
        press(.left, 6, &state)
        let delta = try #require(state.rows.first { $0.candidate.key.deviceName == "delta" })
        let score = try #require(delta.hunt)
        #expect(abs(score.score - HuntFixture.scores["delta"]! * 0.35) < 1e-6)
        #expect(score.knownBenign?.category == "analyst" && score.knownBenign?.name == "false positive (analyst)")
        // Undone, the mark no longer counts.
        press(.character("u"), 1, &state)
        #expect(state.parameters.hunt.falsePositives.isEmpty)
        #expect(abs((HuntFixture.score("delta", in: state) ?? 0) - HuntFixture.scores["delta"]!) < 1e-6)
    }

    @Test func theBooksFalsePositivesAreJudgedAtTheStatesClock() throws {
        var state = HuntFixture.state()
        let delta = try #require(state.rows.first { $0.candidate.key.deviceName == "delta" }?.candidate.key)
        // Expired an hour before the console's clock: it no longer counts, as the status does not either.
        state.book.mark([delta], scope: .exactBeacon, status: .falsePositive, reason: nil,
                        expires: state.clock.addingTimeInterval(-3600), author: "a", at: state.clock.addingTimeInterval(-7200))
        #expect(state.syncFalsePositives() == nil)
        #expect(state.parameters.hunt.falsePositives.isEmpty)
        state.book.mark([delta], scope: .exactBeacon, status: .falsePositive, reason: nil, expires: nil, author: "a",
                        at: state.clock)
        #expect(state.syncFalsePositives() == "+0 new, −1 gone (D lists it)")
        #expect(state.parameters.hunt.falsePositives.count == 1)
    }

    @Test func scoreSortKeepsUnscoredGroupsLastBothWays() {
        var state = HuntFixture.state()
        press(.character("x"), 2, &state)  // every rejected group, golf's three connections too
        #expect(HuntFixture.names(state) == ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"])
        press(.character("S"), 1, &state)
        #expect(state.message == "sorted by Score ascending")
        #expect(HuntFixture.names(state) == ["foxtrot", "echo", "delta", "charlie", "bravo", "alpha", "golf"])
        // The next column in hunt mode is the rank: the query's order, highest score first.
        press(.character("s"), 1, &state)
        #expect(state.sort == SortOrder(column: .rank))
        #expect(HuntFixture.names(state).prefix(4) == ["alpha", "bravo", "charlie", "delta"])
    }

    func names(_ state: AppState) -> [String] { state.rows.map(\.candidate.key.deviceName) }
}
