/// Stage 8: PotentialBeacons. `summarize dcount(DeviceId) by InitiatingProcessFileName, RemoteIP,
/// RemotePort` over the jitter survivors, `where dcount_DeviceId <= CompromisedDeviceCountMax`, joined
/// back. Only jitter survivors count, and the same IP under another process name is another
/// destination (Q10). dcount is exact below 1,000 distinct values (spec S10).
enum DeviceCount {
    /// The destination and (destination, device) pair of every group that can survive the jitter filter
    /// (every measured group with deltas), by its measures' slot, as dense numbers, so that a decision
    /// counts devices with two array lookups per survivor. Pool ids are equal exactly when the strings'
    /// bytes are, which is how Kusto compares them.
    struct Destinations: Sendable {
        var destinationOfSlot: [Int32]
        var pairOfSlot: [Int32]
        var destinationCount: Int
        var pairCount: Int

        /// `keys`: the key of each slot's group.
        init(_ keys: [EncodedGroupKey]) {
            var destinations = KeyIndex<EncodedGroupKey>()
            var pairs = KeyIndex<PairKey>()
            destinationOfSlot = []
            pairOfSlot = []
            destinationOfSlot.reserveCapacity(keys.count)
            pairOfSlot.reserveCapacity(keys.count)
            for key in keys {
                let destination = destinations.number(of: EncodedGroupKey(
                    fileName: key.fileName, remoteIP: key.remoteIP, remotePort: key.remotePort))
                destinationOfSlot.append(Int32(destination))
                pairOfSlot.append(Int32(pairs.number(of: PairKey(UInt32(destination), key.deviceId))))
            }
            destinationCount = destinations.keys.count
            pairCount = pairs.keys.count
        }

        /// Distinct devices per destination among `survivors` (slots), for each survivor.
        func counts(_ survivors: [Int]) -> [Int] {
            var seen = [Bool](repeating: false, count: pairCount)
            var devices = [Int32](repeating: 0, count: destinationCount)
            for slot in survivors {
                let pair = Int(pairOfSlot[slot])
                if !seen[pair] {
                    seen[pair] = true
                    devices[Int(destinationOfSlot[slot])] += 1
                }
            }
            return survivors.map { Int(devices[Int(destinationOfSlot[$0])]) }
        }
    }

    static func passes(_ devices: Int, _ thresholds: Thresholds) -> Bool {
        devices <= thresholds.deviceCountMax
    }

    static func check(_ devices: Int, _ thresholds: Thresholds) -> StageCheck {
        StageCheck(stage: .deviceCount, passed: passes(devices, thresholds),
                   measure: .deviceCount(devices, max: thresholds.deviceCountMax))
    }
}
