import BeaconEngine
import Testing

/// Stage 2 on tables large enough to be grouped on several threads (hash partitions, packed keys), and
/// on one the packing cannot hold: groups in the order their first row appears, each with its rows
/// counted and its distinct timestamps sorted, as a plain dictionary scan of the same rows says.
@Suite struct GroupingTests {
    /// `count` events over a few thousand keys, in a fixed pseudo-random order (a linear congruential
    /// sequence), with repeated timestamps so that duplicates collapse.
    static func events(_ count: Int, oddPort: Int32? = nil) -> [NetworkEvent] {
        var state: UInt64 = 12345
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { index in
            let device = next(300), process = next(7), ip = next(40)
            let port: Int32? = index == count / 2 ? oddPort : (next(50) == 0 ? nil : Int32([443, 80, 8080][next(3)]))
            return NetworkEvent(
                timestamp: at(seconds: Int64(next(20_000))), deviceId: "id-\(device)", deviceName: "ws-\(device)",
                actionType: "ConnectionSuccess", remoteIP: "203.0.\(ip / 250).\(ip % 250 + 1)", remotePort: port,
                remoteIPType: "Public", initiatingProcessAccountName: "user\(device % 17)",
                initiatingProcessAccountDomain: "corp", initiatingProcessFileName: "p\(process).exe")
        }
    }

    /// What stage 2 should make, by a dictionary scan: keys in first-seen order, events and sorted
    /// distinct timestamps per key.
    static func expectedGroups(_ events: [NetworkEvent]) -> [(key: BeaconKey, events: Int, timestamps: [Int64])] {
        var order: [BeaconKey] = []
        var rows: [BeaconKey: [Int64]] = [:]
        for event in events {
            let key = BeaconKey(deviceId: event.deviceId, deviceName: event.deviceName,
                                initiatingProcessAccountName: event.initiatingProcessAccountName,
                                initiatingProcessAccountDomain: event.initiatingProcessAccountDomain,
                                initiatingProcessFileName: event.initiatingProcessFileName,
                                remoteIP: event.remoteIP, remotePort: event.remotePort)
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(event.timestamp.ticks)
        }
        return order.map { ($0, rows[$0]!.count, Array(Set(rows[$0]!)).sorted()) }
    }

    func check(_ events: [NetworkEvent]) {
        var window = parameters()
        window.start = .ago(ticks: 2 * Instant.ticksPerDay)
        let analysis = BeaconQuery.decide(BeaconQuery.prepare(EventTable(events), parameters: window), parameters: window)
        let expected = Self.expectedGroups(events)
        #expect(analysis.candidates.count == expected.count)
        #expect(analysis.candidates.map(\.key) == expected.map(\.key))
        #expect(analysis.candidates.map(\.eventCount) == expected.map(\.events))
        #expect(analysis.candidates.map(\.timestamps) == expected.map(\.timestamps))
        #expect(analysis.candidates.map(\.distinctTimestampCount) == expected.map(\.timestamps.count))
    }

    @Test func largeTablesAreGroupedInFirstRowOrder() {
        let events = Self.events(150_000)
        #expect(Self.expectedGroups(events).count > 5_000)
        check(events)
    }

    @Test func aPortThatDoesNotPackIsGroupedToo() {
        // 70000 is no TCP port, but a table built from events may hold it; it cannot be packed into the
        // 17 bits the partitioned path gives a port, so the whole table is grouped the plain way.
        let events = Self.events(150_000, oddPort: 70_000)
        #expect(events.contains { $0.remotePort == 70_000 })
        check(events)
    }
}
