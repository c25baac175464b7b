import BeaconEngine
import Testing

/// `keepPrivate` (--keep-private) and the event sources a group carries.
@Suite struct PrivateDestinationTests {
    let steady = timestamps(gaps: Array(repeating: 60, count: 16))

    @Test func theQueryDropsPrivateDestinationsAndKeepPrivateKeepsThem() {
        // An Empire-style agent to an RFC 1918 listener, typed Private as Defender would, and one
        // whose type column is empty: the type filter catches the first, ipv4_is_private the second.
        let typed = series(device: "a", ip: "10.10.10.5", port: 80, type: "Private", at: steady)
        let untyped = series(device: "b", ip: "172.18.39.8", port: 80, type: "", at: steady)
        let loopback = series(device: "c", ip: "127.0.0.1", port: 389, type: "Loopback", at: steady)
        #expect(run(typed + untyped + loopback, parameters()).beacons.isEmpty)

        var keeping = parameters()
        keeping.keepPrivate = true
        let analysis = run(typed + untyped + loopback, keeping)
        #expect(analysis.beacons.map(\.key.deviceName).sorted() == ["a", "b"])
        // Loopback is not "private": a RemoteIPType of Loopback still removes the events.
        #expect(analysis.eventsRemoved[.remoteIPType] == 17)
    }

    @Test func keepPrivateStillDropsWhatIPv4IsPrivateCannotJudgeAsWritten() {
        // As written, ipv4_is_private of an IPv6 string is null and `where` drops the row (Q3); keeping
        // private destinations does not change that in faithful mode, only in corrected mode.
        let ipv6 = series(ip: "fd00::5", type: "", at: steady)
        var faithful = parameters()
        faithful.keepPrivate = true
        #expect(run(ipv6, faithful).beacons.isEmpty)
        var corrected = parameters(.corrected)
        corrected.keepPrivate = true
        #expect(run(ipv6, corrected).beacons.count == 1)
    }

    @Test func aGroupNamesEverySourceItsEventsCameFrom() throws {
        var events = series(at: steady)
        for index in events.indices where index % 2 == 1 { events[index].source = .sysmon }
        let beacon = try #require(run(events, parameters()).beacons.first)
        #expect(beacon.sources == [EventSources(.defender), EventSources(.sysmon)])
        #expect(beacon.sources.label == "Defender + Sysmon 3")
        #expect(EventTable(events).event(at: 1).source == .sysmon)
    }
}
