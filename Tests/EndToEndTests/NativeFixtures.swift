import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// A file or folder under Fixtures/native/: public captures in their original formats beside the
/// DeviceNetworkEvents CSVs the shared real-data converter (an independent Python program) made of them.
func nativeFixture(_ relativePath: String) -> String {
    fixture("native/" + relativePath)
}

/// The rows of a table as a multiset, without their source (a converted CSV's rows say Defender).
func rowCounts(_ table: EventTable, where include: (NetworkEvent) -> Bool = { _ in true }) -> [NetworkEvent: Int] {
    var counts: [NetworkEvent: Int] = [:]
    for row in 0..<table.count {
        var event = table.event(at: row)
        guard include(event) else { continue }
        event.source = .defender
        counts[event, default: 0] += 1
    }
    return counts
}

/// Rows one multiset has more of than the other, for a readable failure.
func rowDifferences(_ actual: [NetworkEvent: Int], _ expected: [NetworkEvent: Int], limit: Int = 5) -> [String] {
    var lines: [String] = []
    for (event, count) in actual where expected[event, default: 0] != count {
        lines.append("native has \(count) (CSV \(expected[event, default: 0])): \(event)")
    }
    for (event, count) in expected where actual[event] == nil {
        lines.append("CSV has \(count), native none: \(event)")
    }
    return Array(lines.sorted().prefix(limit))
}

/// What the analyst sees of a reported beacon: its key and every statistic of its row.
struct BeaconFingerprint: Hashable, CustomStringConvertible {
    var key: BeaconKey
    var distinctTimestamps: Int
    var deltaCount: Int
    var average: Double
    var standardDeviation: Double
    var jitter: Double
    var percentiles: [Int64]
    var firstAndLast: [Int64]
    var duration: Int64
    var domains: [String]
    var deviceCount: Int?
    var outlierCount: Int?

    init(_ candidate: BeaconCandidate) {
        key = candidate.key
        distinctTimestamps = candidate.timestamps.count
        deltaCount = candidate.summary?.count ?? 0
        average = candidate.summary?.stats.avg ?? .nan
        standardDeviation = candidate.summary?.stats.stdev ?? .nan
        jitter = candidate.summary?.jitter ?? .nan
        percentiles = candidate.summary?.percentiles ?? []
        firstAndLast = candidate.summary.map { [$0.minTimestamp.ticks, $0.maxTimestamp.ticks] } ?? []
        duration = candidate.summary?.duration ?? 0
        domains = candidate.domains
        deviceCount = candidate.deviceCount
        outlierCount = candidate.outlierCount
    }

    /// The same without `Domains`, which the query gathers from every event to the address, whatever
    /// its group.
    var ignoringDomains: BeaconFingerprint {
        var copy = self
        copy.domains = []
        return copy
    }

    var description: String {
        "\(key.deviceName) \(key.initiatingProcessAccountDomain)\\\(key.initiatingProcessAccountName) "
            + "\(key.initiatingProcessFileName) → \(key.remoteIP):\(key.remotePort.map(String.init) ?? "null") "
            + "n=\(distinctTimestamps) avg=\(average) jitter=\(jitter)"
    }
}

/// The beacons a table gives, in the query's order.
func reportedBeacons(_ table: EventTable, _ parameters: QueryParameters) -> [BeaconFingerprint] {
    BeaconQuery.run(table, parameters: parameters).beacons.map(BeaconFingerprint.init)
}

/// The parameter sets every native-versus-CSV comparison runs: both modes, with and without private
/// destinations, and a window of `days` anchored on the data.
func comparisonParameters(days: Int64 = 1) -> [QueryParameters] {
    var sets: [QueryParameters] = []
    for mode in QueryMode.queryModes {
        for keepPrivate in [false, true] {
            var parameters = QueryParameters(mode: mode)
            parameters.keepPrivate = keepPrivate
            parameters.start = .ago(ticks: days * Instant.ticksPerDay)
            sets.append(parameters)
        }
    }
    return sets
}
