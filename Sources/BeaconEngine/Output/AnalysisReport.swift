/// How `analyze` prints its rows.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// An aligned table for people, with human durations.
    case table
    /// One JSON object per line, the query's columns under their KQL names.
    case jsonl
    /// The same objects in one JSON array.
    case json
    /// A header row of the KQL column names, then one row per beacon.
    case csv
}

/// Renders reported beacons, and optionally rejected candidates with the stage that removed them.
public enum AnalysisReport {
    /// Columns added to machine-readable rows when rejected candidates are included.
    static let explainColumns = ["Reported", "RejectedAt", "Sources", "Explain"]

    /// `hunt`: the rows come from hunt mode, whose columns add the score (an empty result still has them).
    public static func render(_ rows: [BeaconCandidate], format: OutputFormat, explain: Bool, hunt: Bool = false) -> String {
        switch format {
        case .table: return BeaconTable.render(rows, explain: explain, hunt: hunt)
        case .jsonl: return rows.map { jsonObject($0, explain: explain) + "\n" }.joined()
        case .json: return "[" + rows.map { jsonObject($0, explain: explain) }.joined(separator: ",\n") + "]\n"
        case .csv: return csv(rows, explain: explain, hunt: hunt)
        }
    }

    static func jsonObject(_ candidate: BeaconCandidate, explain: Bool) -> String {
        let record = BeaconRecord(candidate)
        guard explain else { return record.json }
        let extra = explainValues(candidate).map { jsonString($0.name) + ":" + $0.value.json }
        return String(record.json.dropLast()) + "," + extra.joined(separator: ",") + "}"
    }

    static func explainValues(_ candidate: BeaconCandidate) -> [(name: String, value: OutputValue)] {
        [
            ("Reported", .string(candidate.isReported ? "true" : "false")),
            ("RejectedAt", candidate.rejection.map { .string($0.stage.rawValue) } ?? .null),
            ("Sources", .stringArray(candidate.sources.members.map(\.label))),
            ("Explain", .stringArray(candidate.trail.map { "\($0.stage.rawValue): \($0.outcome.rawValue): \($0.detail)" })),
        ]
    }

    static func csv(_ rows: [BeaconCandidate], explain: Bool, hunt: Bool) -> String {
        var names = BeaconRecord.columnNames(hunt: hunt)
        if explain { names += explainColumns }
        var lines = [names.joined(separator: ",")]
        for row in rows {
            var values = BeaconRecord(row).columns.map(\.value)
            if explain { values += explainValues(row).map(\.value) }
            lines.append(values.map { csvCell($0, fullValue: "with --format json") }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
