import BeaconEngine
import Foundation
import Testing
import Triage
import TriageUI
@testable import TriageApp

/// The false-positive dialog says what each scope would hide, and asks again before hiding beacons
/// marked malicious or investigating.
///
/// Five zero-jitter beacons (17 connections each):
/// ws-01 powershell.exe and ws-02 PowerShell.exe and ws-04 chrome.exe to 203.0.113.66:443,
/// ws-03 powershell.exe to 198.51.100.7:8443, ws-05 powershell.exe to 192.0.2.10:443.
/// The book: ws-03 marked malicious (exact beacon), 203.0.113.66:443 investigating for everyone.
@Suite struct MarkPreviewTests {
    static func series(_ device: String, _ process: String, _ ip: String, _ port: Int32, gap: Int64) -> [NetworkEvent] {
        (0...16).map { index in
            NetworkEvent(timestamp: Instant(ticks: (ReducerTests.base + 3600 + Int64(index) * gap) * Instant.ticksPerSecond),
                         deviceId: "id-" + device, deviceName: device, actionType: "ConnectionSuccess", remoteIP: ip,
                         remotePort: port, remoteIPType: "Public", initiatingProcessFileName: process)
        }
    }

    static func key(_ state: AppState, _ device: String) -> BeaconKey? {
        state.analysis.beacons.first { $0.key.deviceName == device }?.key
    }

    static func state(marked: Bool = true) -> AppState {
        let events = series("ws-01", "powershell.exe", "203.0.113.66", 443, gap: 60)
            + series("ws-02", "PowerShell.exe", "203.0.113.66", 443, gap: 60)
            + series("ws-03", "powershell.exe", "198.51.100.7", 8443, gap: 120)
            + series("ws-04", "chrome.exe", "203.0.113.66", 443, gap: 300)
            + series("ws-05", "powershell.exe", "192.0.2.10", 443, gap: 90)
        var parameters = QueryParameters()
        parameters.now = Instant(ticks: (ReducerTests.base + 20 * 3600) * Instant.ticksPerSecond)
        var state = AppState(dataSetName: "marks", events: EventTable(events), parameters: parameters)
        let at = Date(timeIntervalSince1970: 0)
        if marked, let ws03 = key(state, "ws-03") {
            state.book = TriageBook(decisions: [
                TriageDecision(scope: .exactBeacon(ws03), status: .malicious, author: "bob", created: at),
                TriageDecision(scope: .destination(remoteIP: "203.0.113.66", remotePort: 443), status: .investigating,
                               author: "bob", created: at),
            ])
            state.rebuildRows()
        }
        state.selectedKey = key(state, "ws-01")
        return state
    }

    @Test func everyBeaconIsListed() {
        let state = Self.state()
        #expect(Set(state.rows.map(\.candidate.key.deviceName)) == ["ws-01", "ws-02", "ws-03", "ws-04", "ws-05"])
    }

    /// On ws-01: the beacon alone; powershell.exe (either case) to 203.0.113.66:443 is ws-01 and ws-02,
    /// both investigating under the destination's mark, which the narrower mark beats; the destination's
    /// own mark is replaced, so ws-01, ws-02 and ws-04 go; powershell.exe everywhere is broader than the
    /// destination's mark and ws-03's, so only ws-05 goes.
    @Test func eachScopeSaysItsValuesAndWhatItHides() {
        let options = MarkPreview.options(Self.state())
        #expect(options == [
            "hides 1 (1 investigating) · this beacon: ws-01 powershell.exe → 203.0.113.66:443",
            "hides 2 (2 investigating) · this process to this destination: powershell.exe → 203.0.113.66:443",
            "hides 3 (3 investigating) · this destination: 203.0.113.66:443",
            "hides 1 · this process everywhere: powershell.exe",
        ])
    }

    /// Without marks, powershell.exe everywhere takes four beacons off the list, PowerShell.exe included.
    @Test func aProcessEverywhereCountsEveryCase() {
        let options = MarkPreview.options(Self.state(marked: false))
        #expect(options[3] == "hides 4 · this process everywhere: powershell.exe")
        #expect(options[1] == "hides 2 · this process to this destination: powershell.exe → 203.0.113.66:443")
    }

    @Test func hidingFlaggedBeaconsAsksAgainAndNoKeepsThem() {
        var state = Self.state()
        update(&state, .key(.character("f")))
        update(&state, .key(.character("3")))
        #expect(state.prompt == .markConfirm(scope: .destination))
        let screen = view(state, glyphs: .unicode).text()
        #expect(screen.contains("Hide beacons marked malicious or investigating?"))
        let effects = update(&state, .key(.character("n")))
        #expect(effects.saves.isEmpty && state.prompt == nil)
        #expect(state.message == "not marked: it would hide beacons marked malicious or investigating")
        #expect(state.status(of: Self.key(state, "ws-04")!).0 == .investigating)
    }

    @Test func yesGoesOnToTheReasonAndMarks() throws {
        var state = Self.state()
        update(&state, .key(.character("f")))
        update(&state, .key(.character("3")))
        update(&state, .key(.character("y")))
        #expect(state.prompt == .markReason(scope: .destination, text: ""))
        update(&state, .key(.enter))
        let saves = update(&state, .key(.enter)).saves
        #expect(saves.count == 1)
        let ws04 = try #require(Self.key(state, "ws-04"))
        #expect(state.status(of: ws04).0 == .falsePositive)
        #expect(state.rows.map(\.candidate.key.deviceName).sorted() == ["ws-03", "ws-05"])
    }

    /// A scope that hides no flagged beacon goes straight to the reason.
    @Test func unflaggedScopesAskNothingMore() {
        var state = Self.state()
        update(&state, .key(.character("f")))
        update(&state, .key(.character("4")))
        #expect(state.prompt == .markReason(scope: .process, text: ""))
    }
}
