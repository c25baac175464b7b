@testable import BeaconEngine
import Testing

/// Appending a whole table (one file read apart, merged into the load) must give the table its rows
/// appended one event at a time would: the same pool ids, origin and target numbers, in the same order.
@Suite struct TableAppendTests {
    static func event(_ second: Int64, device: String, ip: String, url: String = "", port: Int32? = 443,
                      process: String = "agent.exe") -> NetworkEvent {
        NetworkEvent(timestamp: Instant(ticks: second * 10_000_000), deviceId: device, deviceName: device + "-name",
                     actionType: "ConnectionSuccess", remoteIP: ip, remotePort: port, remoteUrl: url,
                     remoteIPType: "Public", initiatingProcessAccountName: "alice",
                     initiatingProcessAccountDomain: "corp", initiatingProcessFileName: process)
    }

    /// The first part and the second share a device and an address, and the second brings strings of its
    /// own, met in an order unlike the first part's.
    static let first = [event(1, device: "dev1", ip: "8.8.8.8", url: "a.example"),
                        event(2, device: "dev2", ip: "1.1.1.1"),
                        event(3, device: "dev1", ip: "8.8.8.8", url: "a.example", port: nil)]
    static let second = [event(4, device: "dev3", ip: "9.9.9.9", url: "c.example", process: "other.exe"),
                         event(5, device: "dev1", ip: "1.1.1.1", url: "b.example"),
                         event(6, device: "dev3", ip: "8.8.8.8", port: nil, process: "other.exe")]

    static func expectSame(_ table: EventTable, _ expected: EventTable) {
        #expect(table.pool.strings == expected.pool.strings)
        #expect(table.timestamp == expected.timestamp)
        #expect(table.origin == expected.origin)
        #expect(table.target == expected.target)
        #expect(table.origins == expected.origins)
        #expect(table.targets == expected.targets)
    }

    @Test func appendingATableIsAppendingItsEventsOneByOne() {
        var merged = EventTable(Self.first)
        merged.append(contentsOf: EventTable(Self.second))
        Self.expectSame(merged, EventTable(Self.first + Self.second))
        // Worked out by hand: dev3, its name, 9.9.9.9, c.example, other.exe and b.example are new, in the
        // order the second part's rows meet them.
        #expect(Array(merged.pool.strings.suffix(6)) == ["dev3", "dev3-name", "9.9.9.9", "c.example", "other.exe", "b.example"])
        #expect(merged.origins.count == 3)
        #expect(merged.targets.count == 6)
    }

    @Test func appendingToAnEmptyTableGivesTheSameTable() {
        var merged = EventTable()
        merged.append(contentsOf: EventTable(Self.second))
        Self.expectSame(merged, EventTable(Self.second))
    }

    /// A table with no rows but strings in its pool is not empty to a merge: the appended rows' ids must
    /// come after those strings.
    @Test func aTableWithStringsButNoRowsKeepsItsStrings() {
        var merged = EventTable()
        _ = "kept".utf8.withContiguousStorageIfAvailable { merged.internString(bytes: UnsafeRawBufferPointer($0)) }
        merged.append(contentsOf: EventTable(Self.second))
        #expect(merged.pool.strings.first { $0 == "kept" } != nil)
        #expect(merged.pool.id(of: "kept") == 1)
        #expect(merged.count == Self.second.count)
        #expect((0..<merged.count).map { merged.event(at: $0) } == Self.second)
    }
}
