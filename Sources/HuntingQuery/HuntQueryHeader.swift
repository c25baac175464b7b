import BeaconEngine

/// The comment block above hunt mode's KQL: what the query computes, for which product, and what this
/// rendering put in it (the cut, the window, the row filters, the known-benign marks).
struct HuntQueryHeader {
    let query: HuntingQuery
    let catalogueEntries: Int

    init(_ query: HuntingQuery, catalogueEntries: Int) {
        self.query = query
        self.catalogueEntries = catalogueEntries
    }

    func lines() -> [String] {
        let parameters = query.parameters
        var lines = [
            "// beacon-triage hunt mode, for \(query.flavor.title): a beacon score from 0 to 100 for every (device, account, process,",
            "// destination) group, as the local engine's hunt mode computes it (Sources/BeaconEngine/Hunt): how much better the gaps between",
            "// callbacks fit one period than random traffic of the same rate would, the share of gaps on it and their longest chain, times",
            "// the context (prevalence in the fleet, known benign, coverage, regular days, domain, novelty, process identity). Lines that",
            "// compute differently from the local engine follow a \"// differs:\" comment saying how and why; docs/kql-hunt.md collects them.",
        ]
        if query.flavor == .sentinel {
            lines.append("// Flavour: DeviceNetworkEvents' time column is TimeGenerated here.")
        }
        lines.append("// MinScore \(KustoLiteral.real(parameters.hunt.minScore)) (--min-score): rows scoring at least this are returned, highest first. The query's jitter, outlier, device and event-count thresholds take no part.")
        lines.append("// Row filters: the corrected mode's (Q1 ActionType names spelled right, Q3 IPv6 destinations judged, Q8 a null RemotePort kept).")
        let window = WindowText(parameters)
        if !window.isRelative {
            let pinned = parameters.now.map { ", now() pinned to \(formatKustoDatetime($0)) by --now" } ?? ""
            lines.append("// Window: \(window.description)\(pinned).")
        }
        if parameters.keepPrivate {
            lines.append("// keep-private: private destinations (RemoteIPType Private, RFC 1918 addresses) are kept, for east-west C2 and proxies.")
        }
        if parameters.actionTypesOverride != nil {
            lines.append("// Action types: the --action-types list replaces the corrected mode's.")
        }
        lines += knownBenignLines()
        return lines + ["//"]
    }

    func knownBenignLines() -> [String] {
        let marks = query.exclusions.count
        let file = query.origin?.file.map { " from \(KustoLiteral.string($0))" } ?? ""
        let judged = query.origin.map { ", those in force at \(KustoLiteral.commentDate($0.judgedAt))" } ?? ""
        let markText = "\(marks) false-positive mark\(marks == 1 ? "" : "s")\(file)\(judged)"
        let catalogueText = "\(catalogueEntries) catalogue entr\(catalogueEntries == 1 ? "y" : "ies")"
        guard marks + catalogueEntries > 0 else {
            return ["// Known benign: \(markText), \(catalogueText); KnownBenign stays empty."]
        }
        let expiry = (ExclusionText.anyProcessName(query.exclusions) ? [ExclusionText.processNameNote] : [])
            + (ExclusionText.anyExpires(query.exclusions) ? [ExclusionText.expiryNote] : [])
        return [
            "// Known benign: \(markText), and \(catalogueText). They lower the score (x\(KustoLiteral.real(HuntScoreText.knownBenignValue))) and name the row in KnownBenign;",
            "// nothing is excluded, as in the local engine (the other modes exclude false positives instead).",
        ] + expiry
    }
}
