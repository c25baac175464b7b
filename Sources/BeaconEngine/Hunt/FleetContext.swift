/// What the whole data set says about each destination address: how many devices and processes reach it
/// (fleet prevalence: software the fleet runs everywhere is rarely an implant) and when it was first seen
/// (a destination new within the window is more suspicious than one contacted since its start).
///
/// Counted over every group left after the row filters, whatever its number of events, so a monitoring
/// agent that beacons on three devices and connects once on two hundred others is seen as common.
struct FleetContext: Sendable {
    /// Distinct DeviceIds among the groups.
    let fleetDevices: Int
    /// By RemoteIP pool id, for addresses of some group; absent otherwise.
    private let byAddress: [UInt32: Destination]

    struct Destination: Sendable {
        var devices: Int32
        var processes: Int32
        /// The earliest timestamp of any group to the address.
        var firstSeen: Int64
    }

    init(_ groups: GroupTimestamps.Groups) {
        var devicePairs = KeyIndex<PairKey>(capacity: groups.count)
        var processPairs = KeyIndex<PairKey>(capacity: groups.count)
        var devices = KeyIndex<PairKey>()
        var byAddress: [UInt32: Destination] = [:]
        for group in 0..<groups.count {
            let origin = groups.origins[Int(groups.keys[group] >> 32)]
            let address = groups.remoteIP(group)
            let first = groups.timestamps[groups.starts[group]]
            var destination = byAddress[address] ?? Destination(devices: 0, processes: 0, firstSeen: first)
            destination.firstSeen = min(destination.firstSeen, first)
            let pairsBefore = devicePairs.keys.count
            _ = devicePairs.number(of: PairKey(address, origin.deviceId))
            if devicePairs.keys.count > pairsBefore { destination.devices += 1 }
            let processesBefore = processPairs.keys.count
            _ = processPairs.number(of: PairKey(address, origin.fileName))
            if processPairs.keys.count > processesBefore { destination.processes += 1 }
            byAddress[address] = destination
            _ = devices.number(of: PairKey(0, origin.deviceId))
        }
        fleetDevices = devices.keys.count
        self.byAddress = byAddress
    }

    func destination(_ address: UInt32) -> Destination {
        byAddress[address] ?? Destination(devices: 1, processes: 1, firstSeen: 0)
    }
}
