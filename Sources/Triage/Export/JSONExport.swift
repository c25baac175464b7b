import BeaconEngine

/// A JSON array with one object per beacon: the query's columns under their KQL names (as
/// `analyze --format json`), then `Status`, `Note`, `Reason` and, when a decision gave the status, its
/// `TriageScope`, `TriageAuthor` and `TriageUpdated` (null otherwise).
public enum JSONExport {
    public static func render(_ rows: [ExportRow]) -> String {
        guard !rows.isEmpty else { return "[]\n" }
        return "[\n" + rows.map(object).joined(separator: ",\n") + "\n]\n"
    }

    static func object(_ row: ExportRow) -> String {
        let record = BeaconRecord(row.candidate).json
        let decision = row.decision
        let extra: [(String, OutputValue)] = [
            ("Status", .string(row.status.rawValue)),
            ("Note", .string(decision?.note ?? "")),
            ("Reason", .string(decision?.reason ?? "")),
            ("TriageScope", decision.map { .string($0.scope.kind.rawValue) } ?? .null),
            ("TriageAuthor", decision.map { .string($0.author) } ?? .null),
            ("TriageUpdated", decision.map { .string(TOMLText.dateTime($0.updated)) } ?? .null),
        ]
        let fields = extra.map { OutputValue.string($0.0).json + ":" + $0.1.json }.joined(separator: ",")
        return String(record.dropLast()) + "," + fields + "}"
    }
}
