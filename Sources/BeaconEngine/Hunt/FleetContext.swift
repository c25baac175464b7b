/// What the whole data set says about each destination address: how many devices and processes reach it
/// (fleet prevalence: software the fleet runs everywhere is rarely an implant) and when it was first seen
/// (a destination new within the window is more suspicious than one contacted since its start).
///
/// Counted over every group left after the row filters, whatever its number of events, so a monitoring
/// agent that beacons on three devices and connects once on two hundred others is seen as common.
struct FleetContext: Sendable {
    /// Distinct DeviceIds among the groups.
    let fleetDevices: Int
    /// By RemoteIP pool id; `devices` 0 for an address of no group.
    private let byAddress: [Destination]

    struct Destination: Sendable {
        var devices: Int32
        var processes: Int32
        /// The earliest timestamp of any group to the address.
        var firstSeen: Int64
    }

    /// Distinct (address, device) and (address, process) pairs counted by sorting packed pairs rather than
    /// hashing them, and only for the addresses `wanted` marks (those of groups with a verdict): a day of
    /// ten million events makes a million groups, most of them one-off visits to sites no verdict reads.
    init(_ groups: GroupTimestamps.Groups, poolCount: Int, wanted: [Bool]) {
        var byAddress = [Destination](repeating: Destination(devices: 0, processes: 0, firstSeen: .max), count: poolCount)
        var devicePairs = [UInt64](), processPairs = [UInt64]()
        var seenDevice = [Bool](repeating: false, count: poolCount)
        var fleet = 0
        for group in 0..<groups.count {
            let origin = groups.origins[Int(groups.keys[group] >> 32)]
            if !seenDevice[Int(origin.deviceId)] {
                seenDevice[Int(origin.deviceId)] = true
                fleet += 1
            }
            let address = groups.remoteIP(group)
            guard wanted[Int(address)] else { continue }
            let first = groups.timestamps[groups.starts[group]]
            byAddress[Int(address)].firstSeen = min(byAddress[Int(address)].firstSeen, first)
            devicePairs.append(UInt64(address) << 32 | UInt64(origin.deviceId))
            processPairs.append(UInt64(address) << 32 | UInt64(origin.fileName))
        }
        devicePairs.sort()
        processPairs.sort()
        for (index, pair) in devicePairs.enumerated() where index == 0 || devicePairs[index - 1] != pair {
            byAddress[Int(pair >> 32)].devices += 1
        }
        for (index, pair) in processPairs.enumerated() where index == 0 || processPairs[index - 1] != pair {
            byAddress[Int(pair >> 32)].processes += 1
        }
        fleetDevices = fleet
        self.byAddress = byAddress
    }

    func destination(_ address: UInt32) -> Destination {
        let known = Int(address) < byAddress.count ? byAddress[Int(address)] : nil
        guard let known, known.devices > 0 else { return Destination(devices: 1, processes: 1, firstSeen: 0) }
        return known
    }
}
