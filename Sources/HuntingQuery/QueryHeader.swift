import BeaconEngine

/// The comment block above a query that is not the published one: what this rendering changed and why,
/// so the person pasting it into Kusto knows what they run. Empty when the body is the published query.
struct QueryHeader {
    let query: HuntingQuery
    let bodyDiffers: Bool

    init(_ query: HuntingQuery, bodyDiffers: Bool) {
        self.query = query
        self.bodyDiffers = bodyDiffers
    }

    func lines() -> [String] {
        guard bodyDiffers else { return [] }
        let parameters = query.parameters
        var lines = [
            "// beacon-triage: Cyb3rMonk's Suspicious Network Beacons query below, for \(query.flavor.title).",
            "// Lines it changes follow a comment saying why; the rest is the query as published.",
        ]
        if query.flavor == .sentinel {
            lines.append("// Flavour: DeviceNetworkEvents' time column is TimeGenerated here; the output keeps the query's column names (min_Timestamp, Timestamp).")
        }
        let changed = changedParameters()
        if !changed.isEmpty { lines.append("// Parameters: " + changed.joined(separator: ", ") + ".") }
        let window = WindowText(parameters)
        if !window.isRelative {
            let pinned = parameters.now.map { ", now() pinned to \(formatKustoDatetime($0)) by --now" } ?? ""
            lines.append("// Window: \(window.description)\(pinned).")
        }
        if parameters.keepPrivate {
            lines.append("// keep-private: private destinations (RemoteIPType Private, RFC 1918 addresses) are kept, for east-west C2 and proxies.")
        }
        if parameters.mode == .corrected {
            lines.append("// Mode: corrected. Every quirk the corrected mode changes is expressed in KQL, none is left out:")
            lines += QueryQuirk.allCases.map { "//   " + CorrectionText.account($0) }
        }
        lines += exclusionLines()
        return lines + ["//"]
    }

    /// The `let` values that differ from the query's own.
    func changedParameters() -> [String] {
        let p = query.parameters, defaults = QueryParameters()
        var changed: [String] = []
        if p.minEvents != defaults.minEvents { changed.append("TotalEventsThresholdMin \(p.minEvents)") }
        if let override = p.maxEventsOverride { changed.append("TotalEventsThresholdMax \(override) (--max-events)") }
        if p.jitter != defaults.jitter { changed.append("JitterThreshold \(KustoLiteral.real(p.jitter))") }
        if p.outlierMax != defaults.outlierMax { changed.append("OutlierThresholdMax \(KustoLiteral.real(p.outlierMax))") }
        if p.outlierCountMax != defaults.outlierCountMax { changed.append("OutlierCountMax \(p.outlierCountMax)") }
        if p.deviceCountMax != defaults.deviceCountMax {
            changed.append("CompromisedDeviceCountMax \(p.deviceCountMax)")
        }
        if p.start != defaults.start || p.end != defaults.end {
            if case .ago(let ticks) = p.start { changed.append("starttime \(KustoLiteral.timespan(ticks: ticks))") }
            if case .ago(let ticks) = p.end { changed.append("endtime \(KustoLiteral.timespan(ticks: ticks))") }
        }
        return changed
    }

    func exclusionLines() -> [String] {
        let count = query.exclusions.count
        guard count > 0 || query.origin != nil else { return [] }
        let file = query.origin?.file.map { " from \(KustoLiteral.string($0))" } ?? ""
        let judged = query.origin.map { ", those in force at \(KustoLiteral.commentDate($0.judgedAt))" } ?? ""
        let marks = "\(count) false-positive mark\(count == 1 ? "" : "s")"
        guard count > 0 else { return ["// Exclusions: \(marks)\(file)\(judged)."] }
        let expiry = (ExclusionText.anyProcessName(query.exclusions) ? [ExclusionText.processNameNote] : [])
            + (ExclusionText.anyExpires(query.exclusions) ? [ExclusionText.expiryNote] : [])
        return [
            "// Exclusions: \(marks)\(file)\(judged), each after a \"// false positive\" line.",
            "// Their events are removed before grouping: those beacons are not reported, nor counted by CompromisedDeviceCountMax.",
        ] + expiry
    }
}
