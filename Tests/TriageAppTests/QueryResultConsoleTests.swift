import BeaconEngine
import Testing
import TriageUI
@testable import TriageApp

/// The console over a Kusto result: thresholds filter the returned rows; the window and mode cannot move.
@Suite struct QueryResultConsoleTests {
    static func state() -> AppState {
        func row(_ device: String, _ deltas: [Int64]) -> QueryResultRow {
            QueryResultRow(key: BeaconKey(deviceId: device, deviceName: device, initiatingProcessAccountName: "a",
                                          initiatingProcessAccountDomain: "d", initiatingProcessFileName: "p.exe",
                                          remoteIP: "203.0.113.9", remotePort: 443),
                           minTimestamp: Instant(ticks: 0), maxTimestamp: Instant(ticks: 0), duration: 0,
                           deltas: deltas, deviceCount: 1, domains: [])
        }
        // jitter 0 and 17.2 % (50/70 alternating: sample stdev 10.33 over mean 60).
        return AppState(dataSetName: "kusto.csv", queryResults: [
            row("steady", Array(repeating: 60, count: 16)), row("wobbly", (0..<16).map { $0 % 2 == 0 ? 50 : 70 }),
        ], parameters: QueryParameters())
    }

    @Test func jitterSliderFiltersTheReturnedRows() {
        var state = Self.state()
        #expect(state.rows.map(\.candidate.key.deviceName) == ["steady", "wobbly"])
        state.focusedSlider = .jitter
        for _ in 0..<33 { update(&state, .key(.left)) }  // 50 % → 17 %
        #expect(state.rows.map(\.candidate.key.deviceName) == ["steady"])
        // The last step, 18 % → 17 %, is the one that passes under wobbly's 17.2 %.
        #expect(state.message == "+0 new, −1 gone (D lists it)")
    }

    @Test func windowAndModeSayTheyNeedRawEvents() {
        var state = Self.state()
        state.focusedSlider = .windowStart
        update(&state, .key(.right))
        #expect(state.message == "needs raw events: this is a Kusto query result (thresholds only)")
        #expect(state.parameters.start == QueryParameters().start)
        update(&state, .key(.character("M")))
        #expect(state.parameters.mode == .faithful)
        #expect(state.message == "needs raw events: this is a Kusto query result (thresholds only)")
        #expect(headerText(state).contains("Kusto query result: 2 rows, thresholds only"))
    }
}
