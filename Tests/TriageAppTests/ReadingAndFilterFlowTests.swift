import BeaconEngine
import Foundation
import Testing
import Triage
import TriageUI
@testable import TriageApp

/// Issue 14, items 6 and 7 as the analyst meets them: the filter applied while typed, Esc and Ctrl-U in
/// its prompt, the hint for matches hidden as false positives; coarse and typed slider values, the rows a
/// step added highlighted until the clock passes, the rows it removed listed with `D`; the reader `v`.
/// ReducerTests' four beacons: steady (jitter 0), slow (jitter 0), wobbly (17.2 %) and noisy (68.85 %,
/// over the default 50 %).
@Suite struct ReadingAndFilterFlowTests {
    func names(_ state: AppState) -> [String] { state.rows.map(\.candidate.key.deviceName) }

    func type(_ text: String, into state: inout AppState) {
        for character in text { update(&state, .key(.character(character))) }
    }

    @Test func theFilterAppliesAsItIsTypedAndEnterKeepsIt() {
        var state = ReducerTests.state()
        update(&state, .key(.character("/")))
        type("device:s", into: &state)
        #expect(names(state) == ["steady", "slow"])           // both hold an s
        type("t", into: &state)
        #expect(names(state) == ["steady"])
        #expect(state.prompt != nil)
        #expect(state.message == "1 match")
        update(&state, .key(.enter))
        #expect(state.prompt == nil)
        #expect(state.filter.text == "device:st")
        #expect(names(state) == ["steady"])
        #expect(state.message == "1 match device:st")
    }

    @Test func escRestoresThePreviousFilterAndCtrlUClears() {
        var state = ReducerTests.state()
        update(&state, .key(.character("/")))
        type("device:slow", into: &state)
        update(&state, .key(.enter))
        #expect(names(state) == ["slow"])
        update(&state, .key(.character("/")))
        update(&state, .key(.control("u")))
        guard case .filter(let edit)? = state.prompt else {
            Issue.record("the filter prompt closed")
            return
        }
        #expect(edit.text == "" && edit.previous.text == "device:slow")
        #expect(state.filter.isEmpty)
        #expect(names(state) == ["steady", "slow", "wobbly"])
        type("wob", into: &state)
        #expect(names(state) == ["wobbly"])
        update(&state, .key(.escape))
        #expect(state.prompt == nil)
        #expect(state.filter.text == "device:slow")
        #expect(names(state) == ["slow"])
        #expect(state.message == "filter restored: device:slow")
    }

    @Test func aMistakeKeepsTheLastValidFilterAndEnterDoesNotCloseOnIt() {
        var state = ReducerTests.state()
        update(&state, .key(.character("/")))
        type("port:443", into: &state)
        #expect(names(state) == ["steady", "slow", "wobbly"])
        type(",", into: &state)                                 // an empty alternative: not a filter
        #expect(state.filter.text == "port:443")
        #expect(state.message == "filter: column 10: port has an empty value in its list, e.g. port:443")
        update(&state, .key(.enter))
        #expect(state.prompt != nil)
        type("99999", into: &state)
        #expect(state.message == "filter: column 10: port must be between 0 and 65535, not 99999")
        update(&state, .key(.backspace))
        #expect(state.filter.text == "port:443,9999")
        #expect(names(state) == ["steady", "slow", "wobbly"])
    }

    @Test func matchesHiddenAsFalsePositivesAreCountedWithTheKeyThatShowsThem() {
        var state = ReducerTests.state()
        update(&state, .key(.character("f")))                  // steady, this beacon only
        update(&state, .key(.enter))
        update(&state, .key(.enter))
        update(&state, .key(.enter))
        #expect(names(state) == ["slow", "wobbly"])
        update(&state, .key(.character("/")))
        type("status:fp", into: &state)
        #expect(state.rows.isEmpty)
        #expect(state.message == "0 match; 1 match hidden as false positives: press F")
        update(&state, .key(.enter))
        #expect(state.message == "0 match status:fp; 1 match hidden as false positives: press F")
        update(&state, .key(.character("F")))
        #expect(names(state) == ["steady"])
    }

    @Test func braceKeysMoveTenSteps() {
        var state = ReducerTests.state()
        #expect(state.focusedSlider == .jitter && state.parameters.jitter == 50)
        update(&state, .key(.character("{")))
        #expect(state.parameters.jitter == 40)
        update(&state, .key(.character("{")))
        update(&state, .key(.character("{")))                 // 20: wobbly's 17.2 % still passes
        #expect(names(state) == ["steady", "slow", "wobbly"])
        update(&state, .key(.character("{")))                 // 10: it does not
        #expect(names(state) == ["steady", "slow"])
        #expect(state.message == "+0 new, −1 gone (D lists it)")
        update(&state, .key(.character("{")))                 // 0 is below the range: 1
        #expect(state.parameters.jitter == 1)
        for _ in 0..<7 { update(&state, .key(.character("}"))) }  // 1 + 70 = 71 > 68.85: noisy passes
        #expect(state.parameters.jitter == 71)
        update(&state, .key(.shiftLeft))                       // Shift-← is { : 61
        #expect(state.parameters.jitter == 61)
        update(&state, .key(.shiftRight))
        #expect(state.parameters.jitter == 71)
        #expect(names(state) == ["steady", "slow", "wobbly", "noisy"])
    }

    @Test func aTypedValueSetsTheFocusedSlider() {
        var state = ReducerTests.state()
        update(&state, .key(.character("=")))
        #expect(state.prompt == .sliderValue(.jitter, text: ""))
        type("abc", into: &state)
        update(&state, .key(.enter))
        #expect(state.prompt == .sliderValue(.jitter, text: "abc"))
        #expect(state.message == "jitter takes a number from 1 to 200%, not 'abc'")
        update(&state, .key(.control("u")))
        type("300", into: &state)
        update(&state, .key(.enter))
        #expect(state.message == "jitter takes a number from 1 to 200%, not '300'")
        #expect(state.parameters.jitter == 50)
        update(&state, .key(.control("u")))
        type("69%", into: &state)
        update(&state, .key(.enter))
        #expect(state.prompt == nil)
        #expect(state.parameters.jitter == 69)
        #expect(names(state) == ["steady", "slow", "wobbly", "noisy"])
        #expect(state.message == "+1 new, −0 gone")
    }

    @Test func windowBoundsTakeASpanBeforeNow() {
        let hour = Instant.ticksPerSecond * 3600
        var parameters = QueryParameters()
        parameters.start = .ago(ticks: 24 * hour)
        #expect(QuerySlider.windowStart.setting("3d", in: parameters).map(\.start) == .success(.ago(ticks: 72 * hour)))
        // The end keeps its second after now, as its steps do.
        #expect(QuerySlider.windowEnd.setting("2h", in: parameters).map(\.end)
                == .success(.ago(ticks: 2 * hour + Instant.ticksPerSecond)))
        #expect(QuerySlider.windowStart.setting("30m", in: parameters).map(\.start)
                == .failure(SliderEntryError(message: "start takes a span before now of at least 1h 00m, such as 3d or 12h, not '30m'")))
        #expect(QuerySlider.minEvents.setting("1001", in: parameters).map(\.minEvents)
                == .failure(SliderEntryError(message: "min events takes a whole number from 1 to 1000, not '1001'")))
        #expect(QuerySlider.outlierMax.setting("2.5", in: parameters).map(\.outlierMax) == .success(2.5))
    }

    @Test func addedRowsAreHighlightedUntilTheClockPassesTwoSeconds() {
        var state = ReducerTests.state()
        update(&state, .resize(width: 120, height: 40))
        let pressed = state.clock.addingTimeInterval(10)
        update(&state, .input(.key(.character("=")), at: pressed))
        type("69", into: &state)
        update(&state, .input(.key(.enter), at: pressed))
        let noisy = state.rows[3].candidate.key
        #expect(noisy.deviceName == "noisy")
        #expect(state.lastChange?.added == [noisy])
        func noisyLine() -> String { view(state).text().components(separatedBy: "\n")[6] }
        #expect(noisyLine().hasPrefix("┃●+") && noisyLine().contains("noisy"))
        update(&state, .tick(pressed.addingTimeInterval(1.75)))
        #expect(noisyLine().hasPrefix("┃●+"))
        update(&state, .tick(pressed.addingTimeInterval(2)))
        #expect(noisyLine().hasPrefix("┃● ") && noisyLine().contains("noisy"))
    }

    @Test func dListsTheRowsTheLastStepRemovedWithTheirStage() {
        var state = ReducerTests.state()
        update(&state, .key(.character("D")))
        #expect(state.modal == nil)
        #expect(state.message == "no row has gone since the console opened")
        for _ in 0..<5 { update(&state, .key(.character("{"))) }  // 50 → 0, held at 1
        update(&state, .key(.character("D")))
        #expect(state.modal == .reader(.removed, scroll: 0))
        let text = view(state).text()
        #expect(text.contains("Gone at the last re-run: 1 beacon"))
        #expect(text.contains("1  wobbly  c2.exe → 203.0.113.5:443  — rejected at"))
        update(&state, .key(.escape))
        #expect(state.modal == nil)
    }

    @Test func vShowsAWholeNoteWrappedAndScrolls() throws {
        var state = ReducerTests.state()
        let note = (1...40).map { "word\($0)" }.joined(separator: " ")
        update(&state, .key(.character("c")))
        type(note, into: &state)
        update(&state, .key(.enter))
        update(&state, .key(.character("v")))
        #expect(state.modal == .reader(.fields, scroll: 0))
        // The note's lines: the one labelled "note" and the unlabelled ones after it, each within the width.
        let entries = Reader.fieldEntries(state)
        let start = try #require(entries.firstIndex { $0.keys == "note" })
        let lines = [entries[start]] + entries[(start + 1)...].prefix { $0.keys.isEmpty && $0.section == "Triage" }
        #expect(lines.count > 1)
        #expect(lines.map(\.action).joined(separator: " ") == note)
        // 80 columns less the widest label ("device id"), the border, padding and the gap after the labels.
        #expect(lines.allSatisfy { $0.action.count <= 80 - 9 - 8 })
        let text = view(state).text()
        #expect(text.contains("note       word1 word2 word3"))
        update(&state, .key(.down))
        #expect(state.modal == .reader(.fields, scroll: 1))
        update(&state, .key(.escape))
        #expect(state.modal == nil)
    }
}
