import KQL

/// Stage 4: the mv-apply block. Each timestamp is paired with the next one; the last row has no next and
/// is dropped by the `next*() == ...` comparisons, and so is every row of a group whose RemotePort is
/// null, since null never equals itself (Q8).
enum TimeDeltas {
    /// `datetime_diff('second', nextTimestamp, Timestamp)` for each consecutive pair (second boundaries
    /// crossed, not elapsed seconds: spec S4), written into `deltas` (one shorter than the timestamps).
    static func deltas(_ sortedTimestamps: UnsafeBufferPointer<Int64>, into deltas: UnsafeMutableBufferPointer<Int64>) {
        for index in 1..<sortedTimestamps.count {
            deltas[index - 1] = datetimeDiffSeconds(sortedTimestamps[index], sortedTimestamps[index - 1])
        }
    }

    /// The deltas of one group's sorted timestamps, as an array.
    static func deltas(_ sortedTimestamps: ArraySlice<Int64>) -> [Int64] {
        guard sortedTimestamps.count > 1 else { return [] }
        return sortedTimestamps.withUnsafeBufferPointer { timestamps in
            [Int64](unsafeUninitializedCapacity: timestamps.count - 1) { buffer, initialized in
                deltas(timestamps, into: buffer)
                initialized = timestamps.count - 1
            }
        }
    }

    /// Whether any pair survives the `next*() == ...` comparisons: a second timestamp, and a port that can
    /// equal itself.
    static func passes(distinctTimestamps: Int, portIsNull: Bool, basis: QueryBasis) -> Bool {
        !(portIsNull && basis.dropsNullRemotePort) && distinctTimestamps >= 2
    }

    static func check(distinctTimestamps: Int, portIsNull: Bool, basis: QueryBasis) -> StageCheck {
        StageCheck(stage: .timeDeltas,
                   passed: passes(distinctTimestamps: distinctTimestamps, portIsNull: portIsNull, basis: basis),
                   measure: .timeDeltas(timestamps: distinctTimestamps, portIsNull: portIsNull,
                                        dropsNullPort: basis.dropsNullRemotePort))
    }
}
