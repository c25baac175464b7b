import BeaconEngine
import KQL
import Foundation
import Testing
import TriageUI
@testable import TriageApp

/// Hunt mode on screen: the score column, the period and the catalogue label in the list, and the "why
/// this score" block in the detail, on `HuntFixture`'s table; and a snapshot of the whole screen.
@Suite struct HuntScreenTests {
    /// 120×40 at a cut of 30 (four steps down from 50), foxtrot (the lowest score) selected.
    static func foxtrotScreen(catalogue: [KnownBenignEntry] = [HuntFixture.agent]) -> (AppState, [String]) {
        var state = HuntFixture.state(catalogue: catalogue)
        update(&state, .resize(width: 120, height: 40))
        for _ in 0..<4 { update(&state, .key(.left)) }
        update(&state, .key(.end))
        return (state, view(state, glyphs: .unicode).text().components(separatedBy: "\n"))
    }

    @Test func theListShowsScorePeriodAndCatalogueLabel() {
        let (state, lines) = Self.foxtrotScreen()
        #expect(state.selected?.key.deviceName == "foxtrot")
        #expect(lines.allSatisfy { displayWidth($0) <= 120 })
        #expect(lines[1].contains("Beacons 6") && lines[1].contains("sort: Score ▼"))
        #expect(lines[2].contains("Score") && lines[2].contains("Period") && lines[2].contains("Known"))
        // The query's columns that do not decide in hunt mode are gone.
        #expect(!lines[2].contains("Avg") && !lines[2].contains("Outl") && !lines[2].contains("Devs"))
        // Rows 3-8 in score order with the table's scores (one decimal) and periods.
        let expected = [("alpha", "86.7", "50m 00s"), ("bravo", "83.3", "40m 00s"), ("charlie", "82.8", "1h 00m"),
                        ("delta", "70.3", "1m 00s"), ("echo", "49.2", "1m 00s"), ("foxtrot", "30.3", "50m 00s")]
        for (offset, (name, score, period)) in expected.enumerated() {
            let line = lines[3 + offset]
            #expect(line.contains(name) && line.contains(" \(score) ") && line.contains(" \(period) "), "\(line)")
        }
        #expect(lines[8].contains("Example Agent"))
        #expect(lines[Layout.sliderArea((120, 40)).y].contains("min score <30>"))
        #expect(lines[39].contains("C catalogue"))
        #expect(lines[0].contains("│ hunt"))
    }

    @Test func theDetailExplainsTheScore() {
        let (_, lines) = Self.foxtrotScreen()
        let text = lines.joined(separator: "\n")
        #expect(text.contains("status new"))
        #expect(text.contains("why this score: 30.3 of 100 (cut 30), period 50m 00s"))
        #expect(text.contains("known benign: Example Agent (monitoring)"))
        // The factors in the score's order; those beyond the pane's height, and the trail after them, are
        // counted on its last row.
        #expect(text.contains("  periodicity 1.00 ^1: period 50m 00s ± 2 %: 16 of 16 gaps"))
        #expect(text.contains("more lines (z shows them)"))
        // Nothing spills over the pane's right border.
        for line in lines[19...37] { #expect(line.hasSuffix("│"), "\(line)") }
    }

    @Test func zoomedTheWholeExplanationShows() throws {
        var (state, _) = Self.foxtrotScreen()
        update(&state, .key(.character("z")))
        let text = view(state).text()
        let score = try #require(state.selectedRow?.hunt)
        // One line (wrapped or not) per factor, each starting with its name and value, and nothing left out.
        for factor in score.factors {
            #expect(text.contains("  \(factor.name) \(String(format: "%.2f", factor.value)) ^"), "\(factor.name)")
        }
        #expect(!text.contains("more lines"))
        #expect(text.contains("✓ events: distinct timestamps 17 ≥ 5"))
        #expect(text.contains("✓ score: score 30.3 ≥ 30"))
        // Unwrapped: 30.33 × (1/0.35 − 1) = 56.3 points lost to the catalogue, 30.33 × (1/0.8667 − 1) = 4.7
        // to the coverage of 16 × 3000 s / 86,399 s = 56 % of the window.
        let block = HuntDetail.lines(score, minScore: 30, width: 500)
        #expect(block.contains { $0.hasSuffix(" 0.35 ^1 (−56.3 points): Example Agent (monitoring): https://example.com/agent") })
        #expect(block.contains { $0.hasSuffix(" 0.87 ^1 (−4.7 points): callbacks span 56 % of the window") })
        #expect(block.count == 2 + score.factors.count)
    }

    @Test func catalogueNamesAreShownEscaped() {
        var hostile = HuntFixture.agent
        hostile.name = "Agent\u{1b}[31m\u{202e}X"
        let (_, lines) = Self.foxtrotScreen(catalogue: [hostile])
        let text = lines.joined(separator: "\n")
        #expect(text.contains("known benign: Agent\\x1b[31m<U+202E>X (monitoring)"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x202e })
    }

    @Test func wrappingKeepsWordsAndIndentsTheRest() {
        let lines = HuntDetail.wrap("  one two three four five", width: 12, indent: "    ")
        #expect(lines == ["  one two", "    three", "    four", "    five"])
        #expect(HuntDetail.wrap("short", width: 12, indent: "  ") == ["short"])
        // Escaped before measuring: the escape is what takes the columns.
        #expect(HuntDetail.wrap("a\u{1b}b cd", width: 6, indent: "") == ["a\\x1bb", "cd"])
    }

    /// The screen as a reviewed picture (`SNAPSHOT_RECORD=1` rewrites it; read the diff before committing).
    @Test func huntScreenMatchesItsSnapshot() throws {
        let text = Self.foxtrotScreen().1.joined(separator: "\n")
        try expectSnapshot(text, named: "hunt-list-detail-120x40")
    }
}

/// Quirk Q11 said plainly in the console: a 30-day window empties the query's result whatever the sliders.
@Suite struct EventCapOverflowScreenTests {
    @Test func aMonthLongWindowSaysTheQueryCannotPassAnythingAndHuntModeCan() {
        var parameters = QueryParameters(mode: .faithful)
        parameters.now = Instant(ticks: (ReducerTests.base + 20 * 3600) * Instant.ticksPerSecond)
        parameters.start = .ago(ticks: 30 * Instant.ticksPerDay)
        var state = AppState(dataSetName: "month", events: EventTable(HuntFixture.events()), parameters: parameters)
        update(&state, .resize(width: 120, height: 40))
        // toint(30 d / 1 ms) = 2,592,000,000 > Int32.max: TotalEventsThresholdMax is null.
        #expect(state.rows.isEmpty)
        #expect(view(state, glyphs: .unicode).text().contains("overflow int (quirk Q11)"))
        update(&state, .key(.character("M")))
        update(&state, .key(.character("M")))
        #expect(state.parameters.mode == .hunt)
        #expect(!state.rows.isEmpty)
    }
}
