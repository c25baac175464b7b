import BeaconEngine
import KQL

/// Decides, for every designed series, whether the faithful query reports it and, if not, which stage
/// removes it and why, in words an analyst can check against the explain trail.
enum Expectation {
    static func groundTruth(_ scenario: Scenario) -> GroundTruth {
        let window = QueryRules.window(latest: scenario.end)
        let measures = scenario.series.map { SeriesMeasures($0, table: scenario.table, window: window) }

        // PotentialBeacons: distinct devices per (process, address, port) among the jitter survivors.
        struct Destination: Hashable { var process: String; var ip: String; var port: Int32 }
        func destination(_ instance: SeriesInstance) -> Destination {
            Destination(process: instance.spec.process, ip: instance.remoteIP, port: instance.spec.remotePort)
        }
        var devices: [Destination: Set<Int>] = [:]
        for (instance, measure) in zip(scenario.series, measures) where measure.removedBefore == nil {
            devices[destination(instance), default: []].insert(instance.device.index)
        }

        var removed: [QueryStage: Int] = [:]
        var entries: [TruthEntry] = []
        for (instance, measure) in zip(scenario.series, measures) {
            for (stage, count) in measure.rowsRemoved { removed[stage, default: 0] += count }
            let deviceCount = measure.removedBefore == nil ? devices[destination(instance)]?.count : nil
            let (stage, reason) = decide(instance, measure, deviceCount: deviceCount)
            let spec = instance.spec
            entries.append(TruthEntry(
                series: spec.name, family: spec.family, summary: spec.summary, variant: spec.variant,
                deviceId: instance.device.deviceId, deviceName: instance.device.name,
                accountName: instance.accountName, accountDomain: instance.accountDomain,
                processFileName: spec.process, remoteIP: instance.remoteIP, remotePort: spec.remotePort,
                remoteUrl: spec.remoteUrl, remoteIPType: spec.remoteIPType.rawValue, transport: spec.transport.rawValue,
                actionType: spec.action.rawValue, sleepSeconds: spec.behaviour.sleepSeconds,
                jitterStyle: spec.behaviour.jitterStyle, jitterPercent: spec.behaviour.jitter * 100,
                events: measure.events, eventsInWindow: measure.eventsInWindow,
                distinctTimestamps: measure.distinctTimestamps, measuredJitterPercent: measure.jitter,
                outliers: measure.outlierCount, devicesOnDestination: deviceCount,
                expectedFound: stage == nil, expectedStage: stage, reason: reason))
        }
        return GroundTruth(config: scenario.config, now: Instant(ticks: scenario.end + QueryRules.second),
                           windowStart: Instant(ticks: window.lowerBound), windowEnd: Instant(ticks: window.upperBound),
                           entries: entries, seriesRowsRemoved: removed,
                           seriesEvents: measures.reduce(0) { $0 + $1.events })
    }

    /// The stage that removes the series (nil: reported) and the reason in words.
    static func decide(_ instance: SeriesInstance, _ m: SeriesMeasures, deviceCount: Int?) -> (QueryStage?, String) {
        let spec = instance.spec
        let sleep = "sleep \(duration(spec.behaviour.sleepSeconds))"
        if let stage = m.removedBefore {
            switch stage {
            case .timeWindow:
                return (stage, "no rows in the query's 1d window")
            case .remoteIPType:
                return (stage, "RemoteIPType \(spec.remoteIPType.rawValue) is excluded by the query")
            case .remoteIPPresent:
                return (stage, "RemoteIP is empty or 0.0.0.0")
            case .privateAddress:
                return (stage, addressReason(instance.remoteIP, type: spec.remoteIPType))
            case .actionType:
                return (stage, "\(spec.action.rawValue) is not in the query's ActionType list (its typos leave only ConnectionSuccess, Q1)")
            case .eventCount:
                return (stage, "\(sleep): \(m.distinctTimestamps) distinct timestamps in 1d, needs more than \(QueryRules.totalEventsThresholdMin)")
            case .jitter:
                return (stage, "jitter \(percent(m.jitter ?? .nan)) ≥ \(Int(QueryRules.jitterThreshold)) (\(jitterCause(instance, m)))")
            default:
                return (stage, "removed at \(stage.rawValue)")
            }
        }
        let devices = deviceCount ?? 1
        if devices > QueryRules.compromisedDeviceCountMax {
            return (.deviceCount, "on \(devices) devices > CompromisedDeviceCountMax \(QueryRules.compromisedDeviceCountMax)")
        }
        let outliers = m.outlierCount ?? 0
        if outliers > QueryRules.outlierCountMax {
            return (.outliers, outlierReason(instance, m, count: outliers))
        }
        var found = "\(sleep), jitter \(percent(m.jitter ?? 0)) < 50, \(devices) device\(devices == 1 ? "" : "s") ≤ 10, \(outliers) outlier\(outliers == 1 ? "" : "s") ≤ 3"
        switch spec.variant {
        case .duplicateTimestamps: found += "; duplicate rows collapse in make_set (Q5)"
        case .missedCheckIns: found += "; \(m.missedCheckIns) missed check-ins are too few to reject it"
        case .injected: found += "; the process name is benign but the group is still periodic"
        default: break
        }
        return (nil, found)
    }

    static func addressReason(_ ip: String, type: RemoteIPType) -> String {
        if Addresses.ipv4IsPrivate(ip) == true { return "\(ip) is RFC 1918: ipv4_is_private is true" }
        switch type {
        case .fourToSixMapping: return "IPv4-mapped IPv6 address: dropped by ipv4_is_private (Q3)"
        case .teredo: return "Teredo IPv6 address: dropped by ipv4_is_private (Q3)"
        default: return "IPv6: dropped by ipv4_is_private (Q3)"
        }
    }

    static func jitterCause(_ instance: SeriesInstance, _ m: SeriesMeasures) -> String {
        if instance.offlineSeconds > 0 && m.longestDelta > 3 * Int64(instance.spec.behaviour.sleepSeconds) {
            return "device offline \(duration(Double(instance.offlineSeconds))): one \(m.longestDelta) s gap"
        }
        if instance.spec.behaviour.connections == .burst {
            return "two connections per check-in: every other delta is 0 or 1 s, Q15"
        }
        return "longest delta \(m.longestDelta) s"
    }

    static func outlierReason(_ instance: SeriesInstance, _ m: SeriesMeasures, count: Int) -> String {
        let verdict = "\(count) outliers > \(QueryRules.outlierCountMax)"
        if let p10 = m.p10, let p90 = m.p90, p10 == p90 {
            let mode = m.modalDelta
            return "\(mode.count) of \(m.deltas.count) deltas are \(mode.value) s, so P10 = P90 and the \(count) ±1 s artefacts score ±inf (Q13): \(verdict)"
        }
        let fences = "P10–P90 \(formatOneDecimal(m.p10 ?? 0))–\(formatOneDecimal(m.p90 ?? 0)) s"
        if m.missedCheckIns > 0 {
            return "\(m.missedCheckIns) missed check-ins leave long deltas (up to \(m.longestDelta) s) far outside \(fences): \(verdict)"
        }
        return "deltas far outside \(fences) (up to \(m.longestDelta) s): \(verdict)"
    }

    /// 21600 → "6h", 900 → "15 min", 45 → "45 s".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 && s % 3600 == 0 { return "\(s / 3600)h" }
        if s >= 3600 { return "\(formatOneDecimal(Double(s) / 3600))h" }
        if s >= 60 && s % 60 == 0 { return "\(s / 60) min" }
        return "\(s) s"
    }

    static func percent(_ value: Double) -> String { value.isNaN ? "NaN" : "\(formatOneDecimal(value)) %" }
}
