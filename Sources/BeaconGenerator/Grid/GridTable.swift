import BeaconEngine

/// One window's labelled table: every group's rows and what each group is.
public struct GridTable: Sendable {
    public var window: GridWindow
    /// The first and last instant rows may have (ticks, inclusive).
    public var start: Int64
    public var end: Int64
    public var groups: [GridGroup]

    /// The label of every group, by the query's grouping key.
    public var labels: [BeaconKey: GridLabel] {
        Dictionary(groups.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    /// Rows in the table, duplicates included.
    public var eventCount: Int { groups.reduce(0) { $0 + $1.timestamps.count } }

    public var beaconCount: Int { groups.count(where: { $0.label.isBeacon }) }

    /// Every row as a `DeviceNetworkEvents` event, in time order (ties by group), all `ConnectionSuccess`
    /// to a `Public` address.
    public func events() -> [NetworkEvent] {
        var order: [(ticks: Int64, group: Int32)] = []
        order.reserveCapacity(eventCount)
        for (index, group) in groups.enumerated() {
            for ticks in group.timestamps { order.append((ticks, Int32(index))) }
        }
        order.sort { $0.ticks != $1.ticks ? $0.ticks < $1.ticks : $0.group < $1.group }
        return order.map { row in
            let group = groups[Int(row.group)]
            return NetworkEvent(
                timestamp: Instant(ticks: row.ticks), deviceId: group.key.deviceId, deviceName: group.key.deviceName,
                actionType: ActionType.connectionSuccess.rawValue, remoteIP: group.key.remoteIP,
                remotePort: group.key.remotePort, remoteUrl: group.remoteUrl,
                remoteIPType: RemoteIPType.publicAddress.rawValue,
                initiatingProcessAccountName: group.key.initiatingProcessAccountName,
                initiatingProcessAccountDomain: group.key.initiatingProcessAccountDomain,
                initiatingProcessFileName: group.key.initiatingProcessFileName)
        }
    }

    /// The engine's table of `events()`.
    public func eventTable() -> EventTable {
        var table = EventTable()
        table.reserveCapacity(eventCount)
        for event in events() { table.append(event) }
        return table
    }

    /// Query parameters whose window is exactly this table's: `now` one second after its end, the start
    /// that far before `now`, as `ago(1d)` is with the default end of `ago(1s)`.
    public func parameters(mode: QueryMode) -> QueryParameters {
        var parameters = QueryParameters(mode: mode)
        parameters.now = Instant(ticks: end + Instant.ticksPerSecond)
        parameters.start = .ago(ticks: end - start + Instant.ticksPerSecond)
        return parameters
    }
}
