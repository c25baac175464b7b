import BeaconEngine
import Testing
import TriageUI
@testable import TriageApp

/// Events in, state out: the update step on a small hand-built data set.
@Suite struct ReducerTests {
    /// 2024-01-01T00:00:00Z in Unix seconds (`date -u -d 2024-01-01 +%s`).
    static let base: Int64 = 1_704_067_200

    static func series(_ device: String, gaps: [Int64]) -> [NetworkEvent] {
        var seconds = base + 3600
        var events: [NetworkEvent] = []
        for gap in [0] + gaps {
            seconds += gap
            events.append(NetworkEvent(timestamp: Instant(ticks: seconds * Instant.ticksPerSecond), deviceId: "id-" + device,
                                       deviceName: device, actionType: "ConnectionSuccess", remoteIP: "203.0.113.5",
                                       remotePort: 443, remoteIPType: "Public", initiatingProcessFileName: "c2.exe"))
        }
        return events
    }

    /// Three beacons: "steady" (jitter 0, 60 s), "slow" (jitter 0, 120 s) and "wobbly" (gaps 50/70:
    /// mean 60, sample stdev 10·sqrt(16/15) = 10.33, jitter 17.2 %); and "noisy" (gaps 20/100: mean 60,
    /// stdev 41.3, jitter 68.9 %), a near miss at the default 50 %.
    static func state(environment: ConsoleEnvironment = ConsoleEnvironment()) -> AppState {
        let events = series("steady", gaps: Array(repeating: 60, count: 16))
            + series("slow", gaps: Array(repeating: 120, count: 16))
            + series("wobbly", gaps: (0..<16).map { $0 % 2 == 0 ? 50 : 70 })
            + series("noisy", gaps: (0..<16).map { $0 % 2 == 0 ? 20 : 100 })
        var parameters = QueryParameters()
        parameters.now = Instant(ticks: (base + 20 * 3600) * Instant.ticksPerSecond)
        return AppState(dataSetName: "test", events: EventTable(events), parameters: parameters, environment: environment)
    }

    func names(_ state: AppState) -> [String] { state.rows.map(\.candidate.key.deviceName) }

    @Test func opensOnTheQuerysOrderWithTheFirstRowSelected() {
        let state = Self.state()
        // Jitter asc: 0 (avg 60 before avg 120), then 17.2 %.
        #expect(names(state) == ["steady", "slow", "wobbly"])
        #expect(state.selected?.key.deviceName == "steady")
    }

    @Test func arrowsAndPagingMoveTheSelectionWithinTheList() {
        var state = Self.state()
        update(&state, .key(.down))
        #expect(state.selected?.key.deviceName == "slow")
        update(&state, .key(.character("j")))
        update(&state, .key(.down))
        #expect(state.selected?.key.deviceName == "wobbly")
        update(&state, .key(.home))
        #expect(state.selected?.key.deviceName == "steady")
        update(&state, .key(.up))
        #expect(state.selected?.key.deviceName == "steady")
        update(&state, .key(.end))
        #expect(state.selected?.key.deviceName == "wobbly")
    }

    @Test func sortCyclesColumnsAndReverses() {
        var state = Self.state()
        update(&state, .key(.character("s")))  // rank → device
        #expect(state.sort.column == .device)
        #expect(names(state) == ["slow", "steady", "wobbly"])
        update(&state, .key(.character("S")))
        #expect(names(state) == ["wobbly", "steady", "slow"])
        #expect(state.message == "sorted by Device descending")
    }

    @Test func loweringTheJitterSliderDropsARowAndKeepsTheSelection() {
        var state = Self.state()
        update(&state, .key(.down))  // select "slow"
        #expect(state.focusedSlider == .jitter)
        // 50 → 17: wobbly's 17.2 % is no longer below the threshold.
        for _ in 0..<33 { update(&state, .key(.left)) }
        #expect(state.parameters.jitter == 17)
        #expect(names(state) == ["steady", "slow"])
        #expect(state.selected?.key.deviceName == "slow")
        // wobbly's 17.21 % still passed at 18; the last step, 18 → 17, removed it.
        #expect(state.message == "+0 new, −1 gone (D lists it)")
    }

    @Test func raisingTheJitterSliderAdmitsTheNearMissAndSaysSo() {
        var state = Self.state()
        for _ in 0..<18 { update(&state, .key(.right)) }  // 50 → 68
        #expect(state.parameters.jitter == 68)
        #expect(names(state) == ["steady", "slow", "wobbly"])
        update(&state, .key(.character("]")))  // 68.85 < 69: noisy passes
        #expect(names(state) == ["steady", "slow", "wobbly", "noisy"])
        #expect(state.message == "+1 new, −0 gone")
        update(&state, .key(.character("r")))
        #expect(state.parameters.jitter == 50)
        #expect(state.message == "+0 new, −1 gone (D lists it)")
    }

    @Test func nearMissesToggleShowsRejectedCandidatesAfterTheReportedOnes() {
        var state = Self.state()
        update(&state, .key(.character("x")))
        #expect(names(state) == ["steady", "slow", "wobbly", "noisy"])
        #expect(state.rows.last?.candidate.rejection?.stage == .jitter)
        update(&state, .key(.character("x")))
        // Every rejected group: the same here, since each has 17 connections.
        #expect(names(state) == ["steady", "slow", "wobbly", "noisy"])
        update(&state, .key(.character("x")))
        #expect(names(state) == ["steady", "slow", "wobbly"])
    }

    @Test func theSecondPressAddsGroupsWithTooFewConnections() {
        // "oneoff": three connections, dropped at the event count, so not a near miss.
        var parameters = QueryParameters()
        parameters.now = Instant(ticks: (Self.base + 20 * 3600) * Instant.ticksPerSecond)
        let events = Self.series("steady", gaps: Array(repeating: 60, count: 16)) + Self.series("oneoff", gaps: [60, 60])
        var state = AppState(dataSetName: "t", events: EventTable(events), parameters: parameters)
        update(&state, .key(.character("x")))
        #expect(names(state) == ["steady"])
        update(&state, .key(.character("x")))
        #expect(names(state) == ["steady", "oneoff"])
        #expect(state.rows.last?.candidate.rejection?.stage == .eventCount)
        #expect(state.message == "showing every rejected group (x again hides them)")
    }

    @Test func tabCyclesSlidersAndModeToggles() {
        var state = Self.state()
        update(&state, .key(.tab))
        #expect(state.focusedSlider == .minEvents)
        update(&state, .key(.backTab))
        update(&state, .key(.backTab))
        #expect(state.focusedSlider == .windowEnd)
        update(&state, .key(.character("M")))
        #expect(state.parameters.mode == .corrected)
    }

    @Test func helpOpensAndAnyKeyClosesItWithoutActing() {
        var state = Self.state()
        update(&state, .key(.character("?")))
        #expect(state.showingHelp)
        update(&state, .key(.character("q")))
        #expect(!state.showingHelp)
        #expect(!state.isQuitting)
        update(&state, .key(.character("q")))
        #expect(state.isQuitting)
    }

    @Test func mouseWheelAndClickSelect() {
        var state = Self.state()
        update(&state, .resize(width: 120, height: 40))
        update(&state, .mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5)))
        #expect(state.selected?.key.deviceName == "wobbly")
        // The list box starts at row 1: border on row 1, header on row 2, first beacon on row 3.
        update(&state, .mouse(MouseEvent(kind: .press, x: 10, y: 3)))
        #expect(state.selected?.key.deviceName == "steady")
    }
}


@Suite struct SelectionTests {
    @Test func spaceTogglesAndMovesOnAllAndClear() {
        var state = ReducerTests.state()
        update(&state, .key(.character(" ")))
        #expect(state.picked.map(\.deviceName) == ["steady"])
        #expect(state.selected?.key.deviceName == "slow")
        update(&state, .key(.up))
        update(&state, .key(.character(" ")))
        #expect(state.picked.isEmpty)
        update(&state, .key(.character("a")))
        #expect(Set(state.picked.map(\.deviceName)) == ["steady", "slow", "wobbly"])
        #expect(state.message == "3 selected")
        update(&state, .key(.character("A")))
        #expect(state.picked.isEmpty)
    }

    @Test func pickedRowsCarryAStar() {
        var state = ReducerTests.state()
        update(&state, .resize(width: 120, height: 40))
        update(&state, .key(.character(" ")))
        let lines = view(state).text().components(separatedBy: "\n")
        // The star sits beside the status glyph, which stays visible.
        #expect(lines[3].hasPrefix("┃●★") && lines[3].contains("steady"))
        #expect(lines[4].hasPrefix("┃●"))
    }
}
