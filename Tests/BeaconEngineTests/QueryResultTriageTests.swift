import BeaconEngine
import Testing

/// Thresholds re-applied to rows a Kusto run returned.
@Suite struct QueryResultTriageTests {
    static func row(_ device: String, deltas: [Int64], devices: Int? = 1) -> QueryResultRow {
        let key = BeaconKey(deviceId: "id-" + device, deviceName: device, initiatingProcessAccountName: "a",
                            initiatingProcessAccountDomain: "d", initiatingProcessFileName: "p.exe",
                            remoteIP: "203.0.113.9", remotePort: 443)
        return QueryResultRow(key: key, minTimestamp: at(seconds: 3600), maxTimestamp: at(seconds: 4500), duration: 900,
                              deltas: deltas, deviceCount: devices, domains: ["c2.example"])
    }

    // steady: 16 × 60 s, jitter 0. wobbly: 50/70 alternating, mean 60, sample stdev
    // sqrt(16·100/15) = 10.328, jitter 17.21 %. spiky: 15 × 60 and one 90: mean 61.875, sample variance
    // (15·1.875² + 28.125²)/15 = 56.25, stdev 7.5, jitter 12.12 %; P10 = P90 = 60, so the 90 is
    // infinitely far out: one outlier (≤ 3 allowed).
    let rows = [row("steady", deltas: Array(repeating: 60, count: 16)),
                row("wobbly", deltas: (0..<16).map { $0 % 2 == 0 ? 50 : 70 }),
                row("spiky", deltas: Array(repeating: 60, count: 15) + [90])]

    @Test func defaultThresholdsKeepEveryReturnedRowInTheQuerysOrder() throws {
        let analysis = QueryResultTriage.decide(rows, parameters: QueryParameters())
        #expect(analysis.beacons.map(\.key.deviceName) == ["steady", "spiky", "wobbly"])
        let wobbly = try #require(analysis.beacons.last?.summary)
        #expect(abs(wobbly.jitter - 17.213259316477408) < 1e-9)
        #expect(wobbly.percentiles == [50, 50, 50, 70, 70])
        #expect(analysis.beacons[1].outlierCount == 1)
        #expect(analysis.beacons[1].summary?.jitter == 12.121212121212121)
        #expect(analysis.analysesQueryResults)
        #expect(analysis.beacons[0].sources.label == "Kusto query result")
        // Timestamps rebuilt from min_Timestamp and the deltas: 17 connections, the last 960 s later.
        #expect(analysis.beacons[0].timestamps.count == 17)
        #expect(analysis.beacons[0].timestamps.last == at(seconds: 3600 + 960).ticks)
    }

    @Test func tighterThresholdsDropRowsAtTheirStage() {
        var parameters = QueryParameters()
        parameters.jitter = 15  // wobbly's 17.2 % fails, spiky's 12.1 % passes
        parameters.outlierCountMax = 0  // spiky's one outlier is now too many
        let analysis = QueryResultTriage.decide(rows, parameters: parameters)
        #expect(analysis.beacons.map(\.key.deviceName) == ["steady"])
        #expect(analysis.candidates.first { $0.key.deviceName == "wobbly" }?.rejection?.stage == .jitter)
        #expect(analysis.candidates.first { $0.key.deviceName == "spiky" }?.rejection?.stage == .outliers)
    }

    @Test func theDeviceCountIsRecountedOverTheRowsGiven() {
        // Three devices beacon to one destination in the result: 3 > 2 drops all three at the device stage,
        // whatever dcount_DeviceId Kusto wrote (its count covered its whole run).
        var parameters = QueryParameters()
        parameters.deviceCountMax = 2
        let rows = ["a", "b", "c"].map { Self.row($0, deltas: Array(repeating: 60, count: 16), devices: 1) }
        let analysis = QueryResultTriage.decide(rows, parameters: parameters)
        #expect(analysis.beacons.isEmpty)
        #expect(analysis.candidates.allSatisfy { $0.rejection?.stage == .deviceCount && $0.deviceCount == 3 })
        parameters.deviceCountMax = 3
        #expect(QueryResultTriage.decide(rows, parameters: parameters).beacons.count == 3)
    }

    @Test func moreEventsThanTheRowHasDropsItAtTheEventCount() {
        var parameters = QueryParameters()
        parameters.minEvents = 17  // steady has 17 connections: not more than 17
        let analysis = QueryResultTriage.decide(rows, parameters: parameters)
        #expect(analysis.beacons.isEmpty)
        #expect(analysis.candidates.allSatisfy { $0.rejection?.stage == .eventCount })
    }
}
