import BeaconEngine
import Foundation
import Testing
import TriageUI
@testable import TriageApp

/// Issue 17, item 1 in the console: ScreenSnapshotTests' four beacons with 1,000 failed connections of
/// another device beside them (left out by the query's ActionType filter, but rows of the table) and one
/// row dated 9999-12-31, the window anchored on the data. The header says how many rows were set aside and
/// where the first is; the window is where it would be without the row.
@Suite struct SetAsideHeaderTests {
    static func state(poisoned: Bool) -> AppState {
        let beacons = ReducerTests.series("steady", gaps: Array(repeating: 60, count: 16))
            + ReducerTests.series("slow", gaps: Array(repeating: 120, count: 16))
            + ReducerTests.series("wobbly", gaps: (0..<16).map { $0 % 2 == 0 ? 50 : 70 })
            + ReducerTests.series("spiky", gaps: Array(repeating: 60, count: 14) + [62, 75])
        // One failed connection a second from 01:00:00, the last at 01:16:39; slow's last call is at 01:32:00.
        let failed = (0..<1000).map { index in
            NetworkEvent(timestamp: Instant(ticks: (ReducerTests.base + 3600 + Int64(index)) * Instant.ticksPerSecond),
                         deviceId: "id-noisy", deviceName: "noisy", actionType: "ConnectionFailed",
                         remoteIP: "198.51.100.7", remotePort: 443, remoteIPType: "Public", initiatingProcessFileName: "x.exe")
        }
        var events = beacons + failed
        if poisoned {
            var late = failed[0]
            late.timestamp = Instant(ticks: 253_402_214_400 * Instant.ticksPerSecond)  // 9999-12-31T00:00:00Z
            events.append(late)
        }
        let environment = ConsoleEnvironment(setAsideRows: poisoned ? ["/data/day.csv:1070"] : [])
        var state = AppState(dataSetName: "snapshot", events: EventTable(events), parameters: QueryParameters(),
                             environment: environment)
        update(&state, .resize(width: 120, height: 40))
        return state
    }

    @Test func theHeaderNamesTheRowSetAsideAndTheWindowStaysOnTheData() throws {
        let clean = Self.state(poisoned: false), poisoned = Self.state(poisoned: true)
        // 1,069 rows: the minority is 1 row, the percentile the 2nd latest (slow's last call, 01:32:00); the window is the day up to it.
        #expect(poisoned.analysis.window.setAside?.count == 1)
        #expect(poisoned.analysis.window.end == clean.analysis.window.end)
        #expect(poisoned.analysis.beacons.map(\.key) == clean.analysis.beacons.map(\.key))
        let header = view(poisoned, glyphs: .unicode).text().split(separator: "\n")[0]
        #expect(header.contains("1 row set aside (/data/day.csv:1070) │ 2023-12-31T01:32:01 → 2024-01-01T01:32:00"))
        #expect(!view(clean, glyphs: .unicode).text().contains("set aside"))
        try expectSnapshot(view(poisoned, glyphs: .unicode).text(), named: "set-aside-header-120x40")
    }
}
