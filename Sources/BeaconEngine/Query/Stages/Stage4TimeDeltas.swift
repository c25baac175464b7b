import KQL

/// Stage 4: the mv-apply block. Each timestamp is paired with the next one; the last row has no next and
/// is dropped by the `next*() == ...` comparisons, and so is every row of a group whose RemotePort is
/// null, since null never equals itself (Q8).
enum TimeDeltas {
    /// `datetime_diff('second', nextTimestamp, Timestamp)` for each consecutive pair (second boundaries
    /// crossed, not elapsed seconds: spec S4).
    static func deltas(_ sortedTimestamps: [Int64]) -> [Int64] {
        guard sortedTimestamps.count > 1 else { return [] }
        return (1..<sortedTimestamps.count).map {
            datetimeDiffSeconds(sortedTimestamps[$0], sortedTimestamps[$0 - 1])
        }
    }

    static func check(_ candidate: BeaconCandidate, parameters: QueryParameters) -> StageCheck {
        .timeDeltas(timestamps: candidate.timestamps.count, portIsNull: candidate.key.remotePort == nil,
                    dropsNullPort: parameters.dropsNullRemotePort)
    }
}
