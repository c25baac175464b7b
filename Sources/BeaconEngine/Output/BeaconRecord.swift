/// One output row of the query: its columns under their KQL names, in the order of spec S15.
public struct BeaconRecord: Sendable {
    public var columns: [(name: String, value: OutputValue)]

    public static let columnNames = [
        "DeviceId", "DeviceName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain",
        "InitiatingProcessFileName", "RemoteIP", "RemotePort", "dcount_DeviceId", "count_", "min_Timestamp",
        "max_Timestamp", "Duration", "percentile_TimeDeltaInSeconds_5", "percentile_TimeDeltaInSeconds_25",
        "percentile_TimeDeltaInSeconds_50", "percentile_TimeDeltaInSeconds_75", "percentile_TimeDeltaInSeconds_95",
        "TimeDeltaList", "TimeDeltaInSeconds_min", "TimeDeltaInSeconds_min_index", "TimeDeltaInSeconds_max",
        "TimeDeltaInSeconds_max_index", "TimeDeltaInSeconds_avg", "TimeDeltaInSeconds_stdev",
        "TimeDeltaInSeconds_variance", "Jitter", "BeaconSleepMin", "BeaconSleepMax", "Domains", "Timestamp",
    ]

    /// Hunt mode's columns, after the seven group-by columns and before the seed's statistics.
    public static let huntColumnNames = ["BeaconScore", "Period", "PeriodConfidence", "Coverage", "ScoreFactors", "KnownBenign"]

    /// The columns a row of `mode` has: hunt mode's after the group-by columns, then the query's.
    public static func columnNames(hunt: Bool) -> [String] {
        hunt ? Array(columnNames[..<7]) + huntColumnNames + columnNames[7...] : columnNames
    }

    /// The query's columns for `candidate`. A candidate that stopped before a column was computed (only
    /// possible for rejected rows shown by `--explain`) has null there.
    public init(_ candidate: BeaconCandidate) {
        let key = candidate.key
        var values: [OutputValue] = [
            .string(key.deviceId), .string(key.deviceName), .string(key.initiatingProcessAccountName),
            .string(key.initiatingProcessAccountDomain), .string(key.initiatingProcessFileName),
            .string(key.remoteIP), key.remotePort.map { .long(Int64($0)) } ?? .null,
            candidate.deviceCount.map { .long(Int64($0)) } ?? .null,
        ]
        if let summary = candidate.summary {
            let stats = summary.stats
            values += [
                .long(Int64(summary.count)), .datetime(summary.minTimestamp), .datetime(summary.maxTimestamp),
                .long(summary.duration),
            ]
            values += summary.percentiles.map { .long($0) }
            values += [
                .longArray(candidate.deltas), .real(stats.min), .long(Int64(stats.minIndex)), .real(stats.max),
                .long(Int64(stats.maxIndex)), .real(stats.avg), .real(stats.stdev), .real(stats.variance),
                .real(summary.jitter), .real(summary.beaconSleepMin), .real(summary.beaconSleepMax),
            ]
        } else {
            values += Array(repeating: .null, count: 20)
        }
        values.append(.stringArray(candidate.domains))
        values.append(candidate.summary.map { .datetime($0.minTimestamp) } ?? .null)
        if let hunt = candidate.huntScore {
            let huntValues: [OutputValue] = [
                .real(hunt.score), hunt.period.map { .real($0) } ?? .null, .real(hunt.periodConfidence),
                .real(hunt.coverage), .realBag(hunt.factors.map { NamedReal($0.name, $0.value) }),
                hunt.knownBenign.map { .string($0.name) } ?? .null,
            ]
            values.insert(contentsOf: huntValues, at: 7)
        }
        columns = Array(zip(Self.columnNames(hunt: candidate.huntScore != nil), values)).map { (name: $0.0, value: $0.1) }
    }

    /// The row as one JSON object, keys in column order.
    public var json: String {
        "{" + columns.map { jsonString($0.name) + ":" + $0.value.json }.joined(separator: ",") + "}"
    }
}
