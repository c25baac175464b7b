import BeaconEngine
import Testing

/// The connections view's rows, worked by hand: one beacon of five rows (one of them a repeated
/// timestamp) among rows of other groups and rows the event filters drop.
@Suite struct BeaconConnectionsTests {
    /// 10:00:00.2, 10:01:00.9, 10:01:00.9 again, 10:02:01.1, 10:07:01.0 (seconds after 2024-01-01).
    /// Deltas count second boundaries (S4): 10:01:00 − 10:00:00 = 60, 10:02:01 − 10:01:00 = 61 (though
    /// 60.2 s pass), 10:07:01 − 10:02:01 = 300; the repeat adds none (Q5).
    static let beaconTimes: [Instant] = [
        at(seconds: 36_000, ticks: 2_000_000), at(seconds: 36_060, ticks: 9_000_000), at(seconds: 36_060, ticks: 9_000_000),
        at(seconds: 36_121, ticks: 1_000_000), at(seconds: 36_421, ticks: 0),
    ]

    static func events() -> [NetworkEvent] {
        var events = series(url: "c2.example", at: beaconTimes)
        // Another process to the same destination, a failed listen the action filter drops, and one
        // before the window: none of them is the beacon's.
        events += series(process: "other.exe", at: [at(seconds: 36_030)])
        events += series(action: "ListeningConnectionCreated", at: [at(seconds: 36_090)])
        events += series(at: [at(seconds: -100_000)])
        return events
    }

    /// Jitter allowed up to 200 % and the outlier cut lowered to 0.5, so that the five rows reach the
    /// outlier stage and one delta counts.
    static func parameters() -> QueryParameters {
        var parameters = BeaconEngineTests.parameters()
        parameters.minEvents = 2
        parameters.jitter = 200
        parameters.outlierMax = 0.5
        return parameters
    }

    static func connections() throws -> [BeaconConnection] {
        let table = EventTable(events())
        let analysis = BeaconQuery.run(table, parameters: parameters())
        let candidate = try #require(analysis.candidates.first { $0.key.initiatingProcessFileName == "beacon.exe" })
        return BeaconConnections.list(candidate, in: table, window: analysis.window, parameters: parameters())
    }

    @Test func deltasAreTheQuerysAndTheRepeatAddsNone() throws {
        let connections = try Self.connections()
        #expect(connections.map(\.timestamp) == Self.beaconTimes)
        #expect(connections.map(\.deltaSeconds) == [nil, 60, nil, 61, 300])
        #expect(connections.map(\.repeatsPrevious) == [false, false, true, false, false])
        #expect(connections.map(\.row) == [0, 1, 2, 3, 4])
        #expect(connections.allSatisfy { $0.remoteUrl == "c2.example" && $0.actionType == "ConnectionSuccess" })
    }

    /// Sorted deltas 60, 61, 300: P10 = 60 + 0.2 × 1 = 60.2, P90 = 61 + 0.8 × 239 = 252.2, spread
    /// 192. 60 scores (60 − 60.2) / 192 × 2.772605605507915 = −0.00289, 61 is inside (0), 300 scores
    /// 47.8 / 192 × 2.772605605507915 = 0.69026: above the 0.5 cut, and the only outlier (the low cut is
    /// −3, Q2).
    @Test func scoresAreTheDeltasOwn() throws {
        let connections = try Self.connections()
        let scores = connections.map(\.score)
        #expect(scores[0] == nil && scores[2] == nil)
        #expect(abs(try #require(scores[1]) - -0.0028881308390707) < 1e-12)
        #expect(scores[3] == 0)
        #expect(abs(try #require(scores[4]) - 0.6902632705379079) < 1e-12)
        #expect(connections.map(\.isOutlier) == [false, false, false, false, true])
    }

    @Test func detailsPairByTimeActionAndURLInFileOrder() throws {
        let connections = try Self.connections()
        func detail(_ time: Instant, _ port: String, url: String = "c2.example") -> ConnectionDetail {
            ConnectionDetail(timestamp: time, actionType: "ConnectionSuccess", remoteUrl: url, localIP: "10.0.0.5",
                             localPort: port, protocolName: "Tcp", reportId: "r" + port, file: "f.csv", line: 0)
        }
        let t = Self.beaconTimes
        // The repeated second pairs in order; a detail of another URL, and one no row has, pair with nothing.
        let details = [detail(t[0], "1"), detail(t[1], "2"), detail(t[1], "3"), detail(t[3], "4", url: "other"),
                       detail(at(seconds: 1), "9"), detail(t[4], "5")]
        let paired = BeaconConnections.attach(details, to: connections)
        #expect(paired.map { $0.detail?.localPort } == ["1", "2", "3", nil, "5"])
    }
}
