import BeaconEngine
import Foundation
import HuntingQuery
import Testing
import Triage
import TriageUI
@testable import TriageApp

/// `p` writes a one-beacon pivot, `y` copies the address or the pivot, `d` walks the "also on" devices.
/// The state is ReducerTests': steady, slow and wobbly (c2.exe to 203.0.113.5:443 on three devices) are
/// reported; noisy (the same process and destination) fails the jitter stage.
@Suite struct PivotReducerTests {
    static let environment = ConsoleEnvironment(triagePath: "/cases/team.triage.toml")

    @Test func pWritesThePivotOfTheSelectedBeaconBesideTheTriageFile() throws {
        var state = ReducerTests.state(environment: Self.environment)
        update(&state, .key(.character("p")))
        #expect(state.prompt == .file(FileDialog(.pivot(try #require(state.selectedKey)), .choose(selected: 0))))
        let dialog = view(state, glyphs: .unicode).text()
        #expect(dialog.contains("Write the pivot for") && dialog.contains("Microsoft Defender advanced hunting"))
        update(&state, .key(.enter))
        guard case .file(let file)? = state.prompt, case .path(_, let path) = file.step else {
            Issue.record("no path asked")
            return
        }
        #expect(path == "/cases/pivot-203.0.113.5-443.kql")
        let request = try #require(update(&state, .key(.enter)).queryRequest)
        #expect(request.path == "/cases/pivot-203.0.113.5-443.kql" && request.flavor == .defender)
        #expect(request.pivot?.deviceName == "steady")
        let lines = request.text.components(separatedBy: "\n")
        // The window of the analysis: now = 2024-01-01T20:00:00Z, from 1d before it to 1s before it.
        #expect(lines.contains("let PivotStart = datetime(2023-12-31T20:00:00.0000000Z);"))
        #expect(lines.contains("let PivotEnd = datetime(2024-01-01T19:59:59.0000000Z);"))
        #expect(lines.contains(#"let PivotDeviceId = "id-steady";"#) && lines.contains(#"let PivotProcess = "c2.exe";"#))
        #expect(lines.contains(#"let PivotRemoteIP = "203.0.113.5";"#) && lines.contains("let PivotRemotePort = 443;"))

        update(&state, .wroteQuery(request, .success(())))
        #expect(state.message == "wrote the defender pivot on steady → 203.0.113.5:443 to /cases/pivot-203.0.113.5-443.kql (y copies it)")
        // y copies the pivot once (its text ends in a line break: the lines before it are counted), then the address.
        let copied = update(&state, .key(.character("y")))
        guard case .copyToClipboard(let text)? = copied.first, copied.count == 1 else {
            Issue.record("no copy asked: \(copied.names)")
            return
        }
        #expect(text == request.text)
        #expect(state.message == "copied the pivot on steady → 203.0.113.5:443 (\(lines.count - 1) lines) to the clipboard (OSC 52)")
        let again = update(&state, .key(.character("y")))
        guard case .copyToClipboard(let address)? = again.first else {
            Issue.record("no copy asked")
            return
        }
        #expect(address == "203.0.113.5")
        #expect(state.message == "copied 203.0.113.5 to the clipboard (OSC 52)")
    }

    @Test func aPivotIsCopiedOnlyForItsBeacon() throws {
        var state = ReducerTests.state()
        update(&state, .key(.character("p")))
        update(&state, .key(.enter))
        let request = try #require(update(&state, .key(.enter)).queryRequest)
        #expect(request.path == "pivot-203.0.113.5-443.kql")
        update(&state, .wroteQuery(request, .success(())))
        update(&state, .key(.character("j")))
        update(&state, .key(.character("y")))
        #expect(state.message == "copied 203.0.113.5 to the clipboard (OSC 52)")
        update(&state, .key(.character("k")))
        update(&state, .key(.character("y")))
        #expect(state.message?.hasPrefix("copied the pivot on steady") == true)
    }

    @Test func anExistingFileIsReplacedOnlyWhenAsked() throws {
        var state = ReducerTests.state()
        update(&state, .key(.character("p")))
        update(&state, .key(.enter))
        let request = try #require(update(&state, .key(.enter)).queryRequest)
        update(&state, .wroteQuery(request, .failure(.exists(path: request.path))))
        let key = try #require(state.selectedKey)
        #expect(state.prompt == .file(FileDialog(.pivot(key), .confirmOverwrite(choice: 0, path: request.path))))
        let replaced = try #require(update(&state, .key(.character("y"))).queryRequest)
        #expect(replaced.overwrite && replaced.pivot == key)
    }

    /// steady's "also on" devices are slow and wobbly (noisy never reached the device count): d walks
    /// them in list order and comes back.
    @Test func dWalksTheAlsoOnDevicesAndWraps() {
        var state = ReducerTests.state()
        #expect(state.selected?.key.deviceName == "steady")
        update(&state, .key(.character("d")))
        #expect(state.selected?.key.deviceName == "slow")
        #expect(state.message == "also on 203.0.113.5:443: slow, 2 of 2 other devices listed (d goes on)")
        update(&state, .key(.character("d")))
        #expect(state.selected?.key.deviceName == "wobbly")
        update(&state, .key(.character("d")))
        #expect(state.selected?.key.deviceName == "steady")
        // Hidden by a filter, the others are named, not jumped to.
        update(&state, .key(.character("/")))
        for character in "device:steady" { update(&state, .key(.character(character))) }
        update(&state, .key(.enter))
        update(&state, .key(.character("d")))
        #expect(state.selected?.key.deviceName == "steady")
        #expect(state.message?.hasPrefix("also on slow, wobbly: not in the list") == true)
    }
}
