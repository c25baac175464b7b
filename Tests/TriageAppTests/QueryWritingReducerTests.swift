import BeaconEngine
import HuntingQuery
import Testing
import TriageUI
@testable import TriageApp

/// `K`: the hunting query for the console's thresholds, mode and marks, asked for and handed to the runner.
@Suite struct QueryWritingReducerTests {
    func type(_ text: String, into state: inout AppState) {
        for character in text { update(&state, .key(.character(character))) }
    }

    @Test func kAsksWhereThenWritesBesideTheTriageFile() throws {
        var state = ReducerTests.state(environment: ConsoleEnvironment(triagePath: "/cases/day.csv.triage.toml"))
        update(&state, .key(.character("K")))
        #expect(state.prompt == .file(FileDialog(.query, .choose(selected: 0))))
        update(&state, .key(.down))
        update(&state, .key(.enter))
        #expect(state.prompt == .file(FileDialog(.query, .path(choice: 1, text: "/cases/beacon-query.kql"))))
        let effects = update(&state, .key(.enter))
        #expect(state.prompt == nil)
        let request = try #require(effects.queryRequest)
        #expect(request.path == "/cases/beacon-query.kql" && !request.overwrite && request.flavor == .sentinel)
        #expect(request.text.contains("| where TimeGenerated between (starttime..endtime)"))
        #expect(request.exclusions == 0)
        // The state's now() is pinned (ReducerTests: 2024-01-01T20:00:00Z), so the window is absolute:
        // 1 d before it and 1 s before it.
        #expect(request.text.contains("let starttime = datetime(2023-12-31T20:00:00.0000000Z);"))
        #expect(request.text.contains("let endtime = datetime(2024-01-01T19:59:59.0000000Z);"))
    }

    @Test func theQueryCarriesTheThresholdsModeAndFalsePositivesOfTheMoment() throws {
        var state = ReducerTests.state()
        // Mark "steady" false positive for this exact beacon, with a reason.
        update(&state, .key(.character("f")))
        update(&state, .key(.enter))
        type("agent \"x\"", into: &state)
        update(&state, .key(.enter))
        update(&state, .key(.enter))
        update(&state, .key(.right))  // jitter 50 → 51
        update(&state, .key(.character("M")))  // corrected
        update(&state, .key(.character("K")))
        update(&state, .key(.enter))  // Defender
        #expect(state.prompt == .file(FileDialog(.query, .path(choice: 0, text: "beacon-query.kql"))))
        let request = try #require(update(&state, .key(.enter)).queryRequest)
        #expect(request.exclusions == 1 && request.mode == .corrected)
        #expect(request.text.contains("let JitterThreshold = 51; // jitter in percentage."))
        #expect(request.text.contains("// corrected: Q1 "))
        #expect(request.text.contains(#"reason "agent \"x\"""#))
        #expect(request.text.contains(#"| where not(DeviceId == "id-steady" and DeviceName == "steady" and InitiatingProcessAccountName == "" and InitiatingProcessAccountDomain == "" and InitiatingProcessFileName == "c2.exe" and RemoteIP == "203.0.113.5" and RemotePort == 443)"#))
    }

    @Test func anExistingFileIsReplacedOnlyOnYes() throws {
        var state = ReducerTests.state()
        update(&state, .key(.character("K")))
        update(&state, .key(.enter))
        update(&state, .key(.backspace))
        update(&state, .key(.backspace))
        update(&state, .key(.backspace))
        type("txt", into: &state)
        let request = try #require(update(&state, .key(.enter)).queryRequest)
        #expect(request.path == "beacon-query.txt")
        #expect(update(&state, .wroteQuery(request, .failure(.exists(path: "beacon-query.txt")))).isEmpty)
        #expect(state.prompt == .file(FileDialog(.query, .confirmOverwrite(choice: 0, path: "beacon-query.txt"))))
        let declined = update(&state, .key(.character("n")))
        #expect(state.prompt == nil && declined.isEmpty && state.message == "query not written")

        update(&state, .wroteQuery(request, .failure(.exists(path: "beacon-query.txt"))))
        let replacing = try #require(update(&state, .key(.character("y"))).queryRequest)
        #expect(replacing.overwrite && replacing.path == "beacon-query.txt")
        update(&state, .wroteQuery(replacing, .success(())))
        #expect(state.message == "wrote the defender query (faithful, no exclusions) to beacon-query.txt")
    }

    @Test func escapeCancelsAndTheHelpListsK() {
        var state = ReducerTests.state()
        update(&state, .key(.character("K")))
        let effects = update(&state, .key(.escape))
        #expect(state.prompt == nil && effects.isEmpty)
        #expect(Keymap.action(for: .character("K")) == .writeQuery)
        #expect(Keymap.bindings.filter { $0.keys.contains(.character("K")) }.count == 1)
    }
}
