import BeaconEngine
import Foundation
import Testing
import Triage
import TriageUI
@testable import TriageApp

/// Working down a list: where the selection lands, what the empty list says, what is written and what
/// is refused, and the warnings of a session.
@Suite struct TriageFlowTests {
    func names(_ state: AppState) -> [String] { state.rows.map(\.candidate.key.deviceName) }

    @Test func keysBehindTheTooSmallScreenDoNothingButQuit() {
        var state = ReducerTests.state()
        update(&state, .resize(width: 40, height: 12))
        let effects = update(&state, .key(.character("i")))
        #expect(effects.isEmpty && state.book.decisions.isEmpty)
        update(&state, .key(.character("f")))
        #expect(state.modal == nil)
        #expect(view(state).text().contains("keys are ignored"))
        update(&state, .key(.character("q")))
        #expect(state.isQuitting)
    }

    @Test func hidingTheSelectedRowSelectsTheNextOne() {
        var state = ReducerTests.state()
        update(&state, .key(.down))  // slow, 2/3
        update(&state, .key(.character("f")))
        update(&state, .key(.enter))
        update(&state, .key(.enter))
        update(&state, .key(.enter))
        #expect(names(state) == ["steady", "wobbly"])
        #expect(state.selected?.key.deviceName == "wobbly")
    }

    @Test func aSliderThatDropsTheSelectedLastRowSelectsTheOneBefore() {
        var state = ReducerTests.state()
        update(&state, .key(.end))  // wobbly, jitter 17.2 %
        state.focusedSlider = .jitter
        for _ in 0..<33 { update(&state, .key(.left)) }  // 50 % → 17 %
        #expect(names(state) == ["steady", "slow"])
        #expect(state.selected?.key.deviceName == "slow")
    }

    @Test func theEmptyListNamesTheFilter() {
        var state = ReducerTests.state()
        update(&state, .key(.character("/")))
        for character in "process:nothing.exe" { update(&state, .key(.character(character))) }
        update(&state, .key(.enter))
        #expect(state.rows.isEmpty)
        #expect(DetailView.emptyListMessage(state) == "The filter process:nothing.exe matches none of the 3 beacons listed: Esc clears the filter.")
    }

    @Test func theEmptyListNamesTheHiddenFalsePositives() {
        var state = ReducerTests.state()
        update(&state, .key(.character("f")))
        update(&state, .key(.character("3")))  // the destination, for every device: all three
        update(&state, .key(.enter))
        update(&state, .key(.enter))
        #expect(state.rows.isEmpty)
        #expect(DetailView.emptyListMessage(state) == "All 3 beacons listed are marked false positive and hidden: F shows them.")
    }

    @Test func theEmptyListNamesTheFilterAndTheHiddenFalsePositives() {
        var state = ReducerTests.state()
        update(&state, .key(.character("f")))
        update(&state, .key(.enter))  // steady, this beacon
        update(&state, .key(.enter))
        update(&state, .key(.enter))
        update(&state, .key(.character("/")))
        for character in "device:steady" { update(&state, .key(.character(character))) }
        update(&state, .key(.enter))
        #expect(state.rows.isEmpty)
        #expect(DetailView.emptyListMessage(state) == "The filter device:steady matches none of the 2 beacons listed, and 1 false positive is hidden: Esc clears the filter, F shows the false positives.")
    }

    @Test func aStatusTheBeaconAlreadyHasWritesNothing() {
        var state = ReducerTests.state()
        let effects = update(&state, .key(.character("b")))
        #expect(effects.isEmpty && state.book.decisions.isEmpty)
        #expect(state.message == "already new: nothing to save")
        #expect(update(&state, .key(.character("m"))).saves.count == 1)
        #expect(update(&state, .key(.character("m"))).isEmpty)
        #expect(state.book.decisions.count == 1)
        // Picked beacons: only those whose status changes are written.
        update(&state, .key(.character("a")))
        let picked = update(&state, .key(.character("m")))
        #expect(picked.saves.count == 1 && state.message == "2 beacons marked malicious (exact beacon)")
    }

    @Test func warningsShowInTheStatusLineAndUnderBang() {
        let warnings = ["theme neon: no such theme in themes/; using dark", "catalogue not loaded"]
        var state = ReducerTests.state(environment: ConsoleEnvironment(warnings: warnings))
        #expect(state.message == "catalogue not loaded")
        #expect(view(state).text().contains("! 2 warnings"))
        update(&state, .key(.character("!")))
        #expect(state.modal == .warnings(scroll: 0))
        let screen = view(state).text()
        #expect(screen.contains("Warnings") && screen.contains("theme neon: no such theme"))
        update(&state, .key(.character("x")))
        #expect(state.modal == nil && state.rejectedShown == .none)
    }

    @Test func theStatusBarSaysSavingUntilTheBookAsShownIsOnDisk() {
        var state = ReducerTests.state()
        let effects = update(&state, .key(.character("m")))
        guard case .save(let firstBook)? = effects.first(where: { if case .save = $0 { true } else { false } }) else {
            Issue.record("a mark asks for a save")
            return
        }
        #expect(view(state).text().contains("saving"))
        // A second mark before the first save answers: that answer is for an older book.
        _ = update(&state, .key(.character("j")))
        _ = update(&state, .key(.character("i")))
        _ = update(&state, .saved(.success(TriageStore.SaveResult(decisions: firstBook, merged: false))))
        #expect(state.savePending && view(state).text().contains("saving"))
        _ = update(&state, .saved(.success(TriageStore.SaveResult(decisions: state.book.decisions, merged: false))))
        #expect(!state.savePending && !view(state).text().contains("saving"))
    }

    @Test func aFailedSaveBecomesAWarning() {
        var state = ReducerTests.state()
        update(&state, .saved(.failure(.locked(path: "team.triage.toml"))))
        #expect(state.warnings.count == 1 && state.warnings[0].hasPrefix("could not save marks"))
    }
}
