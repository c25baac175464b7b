/// Every group of one decision as a candidate, made when read: a decision over millions of groups keeps
/// two bytes of verdict a group, plus the device and outlier counts of the few measured ones, rather
/// than a candidate value per group.
public struct BeaconCandidates: RandomAccessCollection, Sendable {
    let decision: Decision
    /// By group: the last group stage it was checked at (one byte).
    let reached: [QueryStage]
    let lastPassed: [Bool]
    /// By measures slot (see `GroupMeasures`): `dcount_DeviceId` of jitter survivors, -1 for the others.
    let devicesOfSlot: [Int32]
    /// By measures slot: outliers counted for groups that reached the outlier stage, 0 for the others.
    let outliersOfSlot: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { reached.count }

    public subscript(position: Int) -> BeaconCandidate {
        let slot = Int(decision.groups.measures.summaryOfGroup[position])
        return BeaconCandidate(decision: decision, group: Int32(position), reached: reached[position],
                               lastPassed: lastPassed[position], devices: slot < 0 ? -1 : devicesOfSlot[slot],
                               outliers: slot < 0 ? 0 : outliersOfSlot[slot])
    }
}
