import BeaconEngine

/// 2024-01-01T00:00:00Z in Unix seconds (checked with `date -u -d 2024-01-01 +%s`).
let jan1Seconds: Int64 = 1_704_067_200
let second = Instant.ticksPerSecond

func at(seconds: Int64, ticks: Int64 = 0) -> Instant {
    Instant(ticks: (jan1Seconds + seconds) * second + ticks)
}

/// A series of connections from one process on one device to one destination, one event per timestamp.
func series(
    device: String = "dev-1", account: String = "alice", domain: String = "corp", process: String = "beacon.exe",
    ip: String = "203.0.113.7", port: Int32? = 443, url: String = "", action: String = "ConnectionSuccess",
    type: String = "Public", at timestamps: [Instant]
) -> [NetworkEvent] {
    timestamps.map {
        NetworkEvent(
            timestamp: $0, deviceId: "id-" + device, deviceName: device, actionType: action, remoteIP: ip,
            remotePort: port, remoteUrl: url, remoteIPType: type, initiatingProcessAccountName: account,
            initiatingProcessAccountDomain: domain, initiatingProcessFileName: process
        )
    }
}

/// Timestamps starting at `start` seconds after 2024-01-01 with the given gaps in whole seconds,
/// each shifted by `fraction` ticks.
func timestamps(start: Int64 = 3600, gaps: [Int64], fraction: Int64 = 0) -> [Instant] {
    var result = [at(seconds: start, ticks: fraction)]
    var current = start
    for gap in gaps {
        current += gap
        result.append(at(seconds: current, ticks: fraction))
    }
    return result
}

/// A fixed `now` well after the built series, so the 1-day window covers them: 2024-01-01T20:00:00Z.
func parameters(_ mode: QueryMode = .faithful) -> QueryParameters {
    var parameters = QueryParameters(mode: mode)
    parameters.now = at(seconds: 20 * 3600)
    return parameters
}

func run(_ events: [NetworkEvent], _ parameters: QueryParameters) -> BeaconAnalysis {
    BeaconQuery.run(EventTable(events), parameters: parameters)
}
