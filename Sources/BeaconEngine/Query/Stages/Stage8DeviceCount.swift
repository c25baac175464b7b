/// Stage 8: PotentialBeacons. `summarize dcount(DeviceId) by InitiatingProcessFileName, RemoteIP,
/// RemotePort` over the jitter survivors, `where dcount_DeviceId <= CompromisedDeviceCountMax`, joined
/// back. Only jitter survivors count, and the same IP under another process name is another
/// destination (Q10). dcount is exact below 1,000 distinct values (spec S10).
enum DeviceCount {
    /// The destination and (destination, device) pair of every group that can survive the jitter filter
    /// (every group with deltas), as dense numbers, so that a decision counts devices with two array
    /// lookups per survivor; -1 for the others. Pool ids are equal exactly when the strings' bytes are,
    /// which is how Kusto compares them.
    struct Destinations: Sendable {
        var destinationOfGroup: [Int32]
        var pairOfGroup: [Int32]
        var destinationCount: Int
        var pairCount: Int

        init(count: Int, key: (Int) -> EncodedGroupKey, measured: (Int) -> Bool) {
            var destinations = KeyIndex<EncodedGroupKey>()
            var pairs = KeyIndex<PairKey>()
            destinationOfGroup = [Int32](repeating: -1, count: count)
            pairOfGroup = [Int32](repeating: -1, count: count)
            for group in 0..<count where measured(group) {
                let key = key(group)
                let destination = destinations.number(of: EncodedGroupKey(
                    fileName: key.fileName, remoteIP: key.remoteIP, remotePort: key.remotePort))
                destinationOfGroup[group] = Int32(destination)
                pairOfGroup[group] = Int32(pairs.number(of: PairKey(UInt32(destination), key.deviceId)))
            }
            destinationCount = destinations.keys.count
            pairCount = pairs.keys.count
        }

        /// Distinct devices per destination among `survivors` (group numbers), for each survivor.
        func counts(_ survivors: [Int]) -> [Int] {
            var seen = [Bool](repeating: false, count: pairCount)
            var devices = [Int32](repeating: 0, count: destinationCount)
            for group in survivors {
                let pair = Int(pairOfGroup[group])
                if !seen[pair] {
                    seen[pair] = true
                    devices[Int(destinationOfGroup[group])] += 1
                }
            }
            return survivors.map { Int(devices[Int(destinationOfGroup[$0])]) }
        }
    }

    static func check(_ count: Int, parameters: QueryParameters) -> StageCheck {
        .deviceCount(count, max: parameters.deviceCountMax)
    }
}
