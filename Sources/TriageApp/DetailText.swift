import BeaconEngine
import KQL
import Triage

/// The detail pane's text for one beacon: statistics, outliers and the explain trail, as lines.
enum DetailText {
    /// The other devices whose same process reaches the same destination and passed the jitter stage:
    /// the ones the device-count stage counted with this beacon.
    static func sharingDevices(_ candidate: BeaconCandidate, in analysis: BeaconAnalysis) -> [String] {
        let key = candidate.key
        // Only the jitter survivors have a device count; it is asked first because it costs no strings.
        return analysis.candidates.filter { other in
            guard other.deviceCount != nil else { return false }
            let otherKey = other.key
            return otherKey.deviceId != key.deviceId
                && otherKey.initiatingProcessFileName == key.initiatingProcessFileName
                && otherKey.remoteIP == key.remoteIP && otherKey.remotePort == key.remotePort
        }.map(\.key.deviceName).sorted()
    }

    static func statistics(_ candidate: BeaconCandidate) -> [String] {
        let key = candidate.key
        var lines = [
            "\(key.deviceName)  \(account(key))  \(key.initiatingProcessFileName.isEmpty ? "(no process)" : key.initiatingProcessFileName) → \(key.remoteText)",
        ]
        guard let summary = candidate.summary else {
            lines.append("\(candidate.distinctTimestampCount) distinct timestamps (\(candidate.eventCount) events); not measured further")
            return lines
        }
        let stats = summary.stats
        let p = summary.percentiles
        lines += [
            "events \(candidate.distinctTimestampCount) (\(summary.count) deltas)   first \(formatKustoDatetime(summary.minTimestamp))   last \(formatKustoDatetime(summary.maxTimestamp))   duration \(formatHumanDuration(seconds: Double(summary.duration)))",
            "sleep min \(seconds(stats.min))  max \(seconds(stats.max))  avg \(seconds(stats.avg))  stdev \(seconds(stats.stdev))   jitter \(percent(summary.jitter))   band \(seconds(summary.beaconSleepMin)) – \(seconds(summary.beaconSleepMax))",
            "percentiles 5: \(p[0])s  25: \(p[1])s  50: \(p[2])s  75: \(p[3])s  95: \(p[4])s",
        ]
        let domains = candidate.domains.filter { !$0.isEmpty }
        lines.append("domains " + (domains.isEmpty ? "–" : domains.joined(separator: ", "))
                     + "   devices on this destination \(candidate.deviceCount.map(String.init) ?? "–")")
        return lines
    }

    /// The analyst's decision on the beacon: status, scope, who and when, reason and note.
    static func triage(_ status: TriageStatus, _ decision: TriageDecision?) -> [String] {
        guard let decision else { return ["status \(status.label)"] }
        var lines = ["status \(status.label) (\(TriageActions.shortLabel(decision.scope.kind)), by \(decision.author))"]
        if !decision.reason.isEmpty { lines.append("reason \(decision.reason)") }
        if !decision.note.isEmpty { lines.append("note \(decision.note)") }
        return lines
    }

    /// One line per outlier delta: its value, score and when it happened. When a score is ±∞, why
    /// (`InfiniteScoreNote`) comes first, in two short lines that fit the side pane and stay in view above
    /// a long list on a small screen.
    static func outliers(_ candidate: BeaconCandidate, parameters: QueryParameters) -> [String] {
        let high = parameters.outlierMax, low = parameters.lowOutlierThreshold
        var lines: [String] = []
        if InfiniteScoreNote.count(candidate.outlierScores, high: high, low: low) > 0 {
            lines += ["±∞: \(InfiniteScoreNote.cause)", "±∞: \(InfiniteScoreNote.remedy) (M)"]
        }
        for (index, score) in candidate.outlierScores.enumerated() where score > high || score < low {
            let at = Instant(ticks: candidate.timestamps[index + 1])
            lines.append("Δ \(candidate.deltas[index])s  score \(formatScore(score))  at \(formatKustoDatetime(at))")
        }
        return lines
    }

    /// Each stage the beacon reached: passed or failed, with its value against the threshold.
    static func trail(_ candidate: BeaconCandidate) -> [String] {
        ["source \(candidate.sources.label)"]
            + candidate.trail.map { "\($0.passed ? "✓" : "✗") \($0.stage.label): \($0.detail)" }
    }

    static func account(_ key: BeaconKey) -> String { key.accountText ?? "(no account)" }

    static func seconds(_ value: Double) -> String { formatHumanDuration(seconds: value) }

    static func percent(_ value: Double) -> String {
        value.isFinite ? formatOneDecimal(value) + " %" : "NaN"
    }

    static func formatScore(_ score: Double) -> String {
        score.isInfinite ? (score > 0 ? "+∞" : "−∞") : formatOneDecimal(score)
    }
}
