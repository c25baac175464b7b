import BeaconEngine
import Testing
import Triage
import TriageUI
@testable import TriageApp

/// Marks, notes, undo and the prompts, events in and state out.
@Suite struct TriageReducerTests {
    func type(_ text: String, into state: inout AppState) {
        for character in text { update(&state, .key(.character(character))) }
    }

    @Test func falsePositiveAsksScopeAndReasonThenHidesTheRow() throws {
        var state = ReducerTests.state()
        update(&state, .key(.character("f")))
        #expect(state.prompt == .markScope(selected: 0))
        update(&state, .key(.down))  // process to destination on every device
        update(&state, .key(.up))
        update(&state, .key(.enter))  // exact beacon
        #expect(state.prompt == .markReason(scope: .exactBeacon, text: ""))
        type("backup agent", into: &state)
        update(&state, .key(.enter))
        #expect(state.prompt == .markExpiry(scope: .exactBeacon, reason: "backup agent", text: ""))
        type("soon", into: &state)
        update(&state, .key(.enter))
        #expect(state.message == "expiry: 'soon' is not a span such as 7d or 12h")
        for _ in 0..<4 { update(&state, .key(.backspace)) }
        type("7d", into: &state)
        let effects = update(&state, .key(.enter))
        #expect(state.prompt == nil)
        #expect(effects.saves == [state.book.decisions])
        // "steady" is hidden; the selection moves to the next row still shown.
        #expect(state.rows.map(\.candidate.key.deviceName) == ["slow", "wobbly"])
        let decision = try #require(state.book.decisions.first)
        #expect(decision.status == .falsePositive && decision.reason == "backup agent")
        #expect(decision.scope.kind == .exactBeacon)
        // Seven days after the console's clock, to the millisecond the file keeps.
        let expires = try #require(decision.expires)
        #expect(abs(expires.timeIntervalSince(state.clock) - 7 * 86_400) < 0.001)
        update(&state, .key(.character("F")))
        #expect(state.rows.map(\.candidate.key.deviceName) == ["steady", "slow", "wobbly"])
        update(&state, .key(.character("u")))
        #expect(state.book.decisions.isEmpty)
    }

    @Test func aDestinationScopeCoversEveryDevice() {
        var state = ReducerTests.state()
        update(&state, .key(.character("f")))
        update(&state, .key(.character("3")))  // destination for everyone: 203.0.113.5:443
        update(&state, .key(.enter))
        update(&state, .key(.enter))
        // All three reported beacons go to 203.0.113.5:443.
        #expect(state.rows.isEmpty)
        #expect(state.book.decisions.count == 1)
    }

    @Test func escapeCancelsWithoutMarking() {
        var state = ReducerTests.state()
        update(&state, .key(.character("f")))
        update(&state, .key(.enter))
        let effects = update(&state, .key(.escape))
        #expect(state.prompt == nil && state.book.decisions.isEmpty && effects.isEmpty)
    }

    @Test func maliciousAndNotesShowInTheListAndDetail() {
        var state = ReducerTests.state()
        update(&state, .resize(width: 120, height: 40))
        update(&state, .key(.character("m")))
        update(&state, .key(.character("c")))
        type("beacons to cdn", into: &state)
        update(&state, .key(.enter))
        #expect(state.status(of: state.rows[0].candidate.key).0 == .malicious)
        let text = view(state).text()
        let lines = text.components(separatedBy: "\n")
        #expect(lines[3].hasPrefix("┃! ") && lines[3].contains("steady"))  // `!`: not the rejected rows' `✗`
        #expect(text.contains("status malicious (exact beacon"))
        #expect(text.contains("note beacons to cdn"))
    }

    @Test func aReadOnlyConsoleRefusesMarksAndSaysWhy() {
        var state = ReducerTests.state(environment: ConsoleEnvironment(readOnlyReason: "team.triage.toml:3: bad status"))
        update(&state, .key(.character("m")))
        #expect(state.book.decisions.isEmpty)
        #expect(state.message == "read-only: team.triage.toml:3: bad status")
    }

    @Test func pickedBeaconsAreMarkedTogether() {
        var state = ReducerTests.state()
        update(&state, .key(.character("a")))
        update(&state, .key(.character("i")))
        #expect(state.rows.allSatisfy { state.status(of: $0.candidate.key).0 == .investigating })
        #expect(state.message == "3 beacons marked investigating (exact beacon)")
    }
}

@Suite struct FilterReducerTests {
    @Test func slashFiltersEscClearsAndErrorsAreSaid() {
        var state = ReducerTests.state()
        update(&state, .key(.character("/")))
        for character in "jitter:>5" { update(&state, .key(.character(character))) }
        update(&state, .key(.enter))
        // Only wobbly's 17.2 % is above 5.
        #expect(state.rows.map(\.candidate.key.deviceName) == ["wobbly"])
        update(&state, .key(.escape))
        #expect(state.rows.count == 3)
        update(&state, .key(.character("/")))
        for character in "jitter:<<" { update(&state, .key(.character(character))) }
        update(&state, .key(.enter))
        #expect(state.prompt != nil)
        #expect(state.message?.hasPrefix("filter: ") == true)
        update(&state, .key(.escape))
        #expect(state.prompt == nil && state.rows.count == 3)
    }
}

@Suite struct ExportReducerTests {
    @Test func exportAsksFormatAndPathThenRequestsTheSelection() throws {
        var state = ReducerTests.state()
        update(&state, .key(.character(" ")))  // pick steady, move to slow
        update(&state, .key(.character(" ")))  // pick slow
        update(&state, .key(.character("e")))
        #expect(state.prompt == .file(FileDialog(.export, .choose(selected: 0))))
        update(&state, .key(.down))
        update(&state, .key(.down))
        update(&state, .key(.enter))
        #expect(state.prompt == .file(FileDialog(.export, .path(choice: 2, text: "beacons.md"))))
        let request = try #require(update(&state, .key(.enter)).exportRequest)
        #expect(request.format == .md && request.path == "beacons.md" && !request.overwrite)
        #expect(Set(request.rows.map(\.candidate.key.deviceName)) == ["steady", "slow"])
        // The file exists: the console asks, and y asks again with overwrite.
        update(&state, .exported(request, .failure(.exists(path: "beacons.md"))))
        #expect(state.prompt == .file(FileDialog(.export, .confirmOverwrite(choice: 2, path: "beacons.md"))))
        let replacing = try #require(update(&state, .key(.character("y"))).exportRequest)
        #expect(replacing.overwrite)
        update(&state, .exported(replacing, .success(())))
        #expect(state.message == "exported 2 beacons to beacons.md")
    }
}
