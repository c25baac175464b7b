import BeaconEngine
import Foundation
import Testing
import TriageUI
@testable import TriageApp

/// The connections view (`o`) over ScreenSnapshotTests' four beacons, "spiky" selected (third row): 17
/// connections an hour after 2024-01-01T00:00:00Z, 14 gaps of 60 s, then 62 and 75, which score 2.8 and
/// 38.8 (worked in ScreenSnapshotTests): the 16th and 17th connections are its two outliers.
@Suite struct ConnectionsViewTests {
    static let spikyGaps: [Int64] = Array(repeating: 60, count: 14) + [62, 75]

    /// The rows' other columns as a file would give them: local port 49152 + i, ReportId 7000 + i, on
    /// line i + 2 of /data/day.csv, for the i-th connection (from 0).
    static let details: ConnectionDetailSource = { key in
        guard key.deviceName == "spiky" else { return ConnectionDetailsRead() }
        var seconds = ReducerTests.base + 3600
        var read = ConnectionDetailsRead()
        for (index, gap) in ([0] + spikyGaps).enumerated() {
            seconds += gap
            read.details.append(ConnectionDetail(
                timestamp: Instant(ticks: seconds * Instant.ticksPerSecond), actionType: "ConnectionSuccess", remoteUrl: "",
                localIP: "10.1.0.9", localPort: String(49152 + index), protocolName: "Tcp", reportId: String(7000 + index),
                file: "/data/day.csv", line: index + 2))
        }
        return read
    }

    /// The console at `width`×`height` with spiky's connections open and loaded, its effect performed
    /// as the runtime would.
    static func opened(width: Int, height: Int) throws -> AppState {
        var state = ScreenSnapshotTests.state()
        update(&state, .resize(width: width, height: height))
        update(&state, .key(.down))
        update(&state, .key(.down))
        #expect(state.selected?.key.deviceName == "spiky")
        let effects = update(&state, .key(.character("o")))
        guard case .loadConnections(let request)? = effects.first else {
            Issue.record("o asked for \(effects.map(\.name)), not loadConnections")
            return state
        }
        guard case .connections(let pane)? = state.modal, pane.connections == nil else {
            Issue.record("the view is not open and loading")
            return state
        }
        #expect(view(state).text().contains("loading connections…"))
        update(&state, request.load(details: details))
        return state
    }

    static func pane(_ state: AppState) throws -> ConnectionsPane {
        guard case .connections(let pane)? = state.modal else { throw PaneClosed() }
        return pane
    }

    struct PaneClosed: Error {}

    @Test func listsEveryConnectionWithItsDeltaScoreAndColumns() throws {
        let state = try Self.opened(width: 120, height: 40)
        let pane = try Self.pane(state)
        let connections = try #require(pane.connections)
        #expect(connections.count == 17)
        #expect(connections.map(\.deltaSeconds) == [nil] + Self.spikyGaps.map(Optional.some))
        #expect(connections.filter(\.isOutlier).map(\.deltaSeconds) == [62, 75])
        #expect(connections.map { $0.detail?.reportId } == (0..<17).map { String(7000 + $0) })
        let screen = view(state).text()
        #expect(screen.contains("17 connections, 2 outliers"))
        #expect(screen.contains("10.1.0.9:49152"))
    }

    @Test func nAndNJumpBetweenTheOutliersAndWrap() throws {
        var state = try Self.opened(width: 80, height: 24)
        update(&state, .key(.character("n")))
        #expect(try Self.pane(state).cursor == 15)
        #expect(try Self.pane(state).message == "outlier 1 of 2: delta 1m 02s, score 2.8")
        update(&state, .key(.character("n")))
        #expect(try Self.pane(state).cursor == 16)
        update(&state, .key(.character("n")))
        #expect(try Self.pane(state).cursor == 15)
        update(&state, .key(.character("N")))
        #expect(try Self.pane(state).cursor == 16)
        update(&state, .key(.character("g")))
        #expect(try Self.pane(state).cursor == 0)
        update(&state, .key(.character("G")))
        #expect(try Self.pane(state).cursor == 16)
        // 24 rows: the box from line 1 to 20, its border, title and column header leave 17 rows; the
        // cursor on the last keeps it on screen.
        #expect(try Self.pane(state).scroll == 0)
    }

    @Test func theFilterAppliesAsTypedAndEscRestoresIt() throws {
        var state = try Self.opened(width: 80, height: 24)
        update(&state, .key(.character("/")))
        for character in "4916" { update(&state, .key(.character(character))) }
        // Local ports 49160 to 49168: the 9th to the 17th connection.
        #expect(try Self.pane(state).shown == Array(8...16))
        update(&state, .key(.enter))
        #expect(try Self.pane(state).filter == "4916")
        update(&state, .key(.character("/")))
        update(&state, .key(.character("8")))
        #expect(try Self.pane(state).shown == [16])
        update(&state, .key(.escape))
        #expect(try Self.pane(state).shown == Array(8...16))
        update(&state, .key(.character("q")))
        #expect(state.modal == nil)
    }

    /// At 60×16 the box shows 9 connections: with the cursor on the 17th, the view scrolls to show it.
    @Test func aSmallerTerminalStillShowsTheCursorsRow() throws {
        var state = try Self.opened(width: 80, height: 24)
        update(&state, .key(.character("G")))
        update(&state, .resize(width: 60, height: 16))
        let lines = view(state).text().split(separator: "\n")
        #expect(lines.contains { $0.contains("01-01 01:16:17.000") && $0.contains("38.8") })
        #expect(!lines.contains { $0.contains("01-01 01:07:00.000") })
    }

    @Test func rowsForABeaconNoLongerShownAreDropped() throws {
        var state = try Self.opened(width: 80, height: 24)
        update(&state, .key(.escape))
        #expect(state.modal == nil)
        update(&state, .connectionsLoaded(try #require(state.selected?.key), [], notes: []))
        #expect(state.modal == nil)
    }

    static let cases: [(name: String, width: Int, height: Int, keys: [Key])] = [
        ("connections-80x24", 80, 24, [.character("n")]),
        ("connections-200x60", 200, 60, [.character("n"), .character("n")]),
    ]

    @Test(arguments: cases.map(\.name))
    func screenMatchesItsSnapshot(name: String) throws {
        let spec = try #require(Self.cases.first { $0.name == name })
        var state = try Self.opened(width: spec.width, height: spec.height)
        for key in spec.keys { update(&state, .key(key)) }
        let text = view(state, glyphs: .unicode).text()
        try expectSnapshot(text, named: name)
    }
}
