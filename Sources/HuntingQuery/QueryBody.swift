import BeaconEngine
import Foundation

/// The query's lines with the request's edits applied: each `SeedLine` becomes the lines this request
/// needs in its place, every other line stays as published.
struct QueryBody {
    let query: HuntingQuery
    let window: WindowText

    init(_ query: HuntingQuery) {
        self.query = query
        window = WindowText(query.parameters)
    }

    var parameters: QueryParameters { query.parameters }
    var corrected: Bool { parameters.mode == .corrected }

    func lines() -> [String] {
        SeedQuery.text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            guard let seed = SeedLine(rawValue: String(line)) else { return [String(line)] }
            return render(seed)
        }
    }

    func render(_ line: SeedLine) -> [String] {
        switch line {
        case .startTime: [window.startLet]
        case .endTime: [window.endLet]
        case .minEvents: [line.replacingLetValue(with: KustoLiteral.long(parameters.minEvents))]
        case .maxEvents: [window.maxEventsLine(seed: line.rawValue)]
        case .jitter: [line.replacingLetValue(with: KustoLiteral.real(parameters.jitter))]
        case .outlierMax: [line.replacingLetValue(with: KustoLiteral.real(parameters.outlierMax))]
        case .outlierCountMax: [line.replacingLetValue(with: KustoLiteral.long(parameters.outlierCountMax))]
        case .deviceCountMax: [line.replacingLetValue(with: KustoLiteral.long(parameters.deviceCountMax))]
        case .timeWindowFilter: flavored(window.rowFilter(query.flavor), seed: line)
        case .remoteIPTypeFilter: remoteIPTypeFilter(seed: line)
        case .privateAddressFilter: privateAddressFilter(seed: line)
        case .actionTypeFilter: actionTypeFilter(seed: line) + exclusionLines() + (corrected ? CorrectionText.nullPortLines : [])
        case .groupTimestamps: groupTimestamps(seed: line)
        case .projectDeltas: corrected ? CorrectionText.projectDeltasLines : [line.rawValue]
        case .summarizeDeltas: corrected ? CorrectionText.summarizeDeltasLines : [line.rawValue]
        case .domainLookback: flavored(window.domainLookback(query.flavor), seed: line)
        case .outlierScores:
            [line.rawValue] + (corrected ? CorrectionText.outlierFenceLines(minimumSpread: parameters.minimumOutlierSpread) : [])
        case .outlierExpand:
            [line.rawValue] + (corrected ? CorrectionText.outlierRescoreLines(minimumSpread: parameters.minimumOutlierSpread) : [])
        case .outlierFilter: corrected ? CorrectionText.lowOutlierLines : [line.rawValue]
        case .finalTimestamp: [line.rawValue] + (corrected ? CorrectionText.restoreNullPortLines : [])
        }
    }

    /// A line that names the time column: the Sentinel flavour says why it differs.
    func flavored(_ rendered: String, seed: SeedLine) -> [String] {
        guard rendered != seed.rawValue, query.flavor == .sentinel else { return [rendered] }
        return ["// sentinel: \(query.flavor.timeColumn) is the table's time column", rendered]
    }

    func remoteIPTypeFilter(seed: SeedLine) -> [String] {
        guard parameters.keepPrivate else { return [seed.rawValue] }
        return [#"// keep-private: RemoteIPType "Private" kept (Reserved, LinkLocal and Loopback still dropped)"#,
                #"| where RemoteIPType !in ("Reserved", "LinkLocal", "Loopback")"#]
    }

    func privateAddressFilter(seed: SeedLine) -> [String] {
        if corrected { return CorrectionText.privateAddressLines(keepPrivate: parameters.keepPrivate) }
        guard parameters.keepPrivate else { return [seed.rawValue] }
        return ["// keep-private: RFC 1918 destinations kept; what ipv4_is_private cannot read (IPv6) is still dropped, as written (Q3)",
                "| where isnotnull(ipv4_is_private(RemoteIP))"]
    }

    func actionTypeFilter(seed: SeedLine) -> [String] {
        if let override = parameters.actionTypesOverride {
            let comment = "// action types: the --action-types list replaces the mode's"
            guard !override.isEmpty else { return [comment + " (empty: no event passes)", "| where false"] }
            return [comment, "| where ActionType in (\(override.map(KustoLiteral.string).joined(separator: ", ")))"]
        }
        guard corrected else { return [seed.rawValue] }
        let names = QueryBasis.correctedActionTypes.map(KustoLiteral.string).joined(separator: ", ")
        return [CorrectionText.actionTypeComment, "| where ActionType in (\(names))"]
    }

    /// The false positives, right after the row filters: their events never form a group, so they are
    /// neither reported nor counted by a later stage.
    func exclusionLines() -> [String] {
        query.exclusions.flatMap(ExclusionText.lines)
    }

    /// Sentinel groups `TimeGenerated` under the query's own name, so every later line reads as written.
    func groupTimestamps(seed: SeedLine) -> [String] {
        guard query.flavor == .sentinel else { return [seed.rawValue] }
        let rendered = seed.rawValue.replacingOccurrences(
            of: "make_set(Timestamp)", with: "set_Timestamp=make_set(\(query.flavor.timeColumn))")
        return ["// sentinel: \(query.flavor.timeColumn) collected under the query's name set_Timestamp", rendered]
    }
}
