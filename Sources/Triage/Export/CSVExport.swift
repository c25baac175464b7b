import BeaconEngine

/// CSV as `analyze --format csv` writes it (the query's columns under their KQL names, CRLF, RFC 4180),
/// plus Status, Note and Reason. Every cell goes through `csvCell`, so a note or a process name starting
/// with `=`, `+`, `-` or `@` reaches a spreadsheet as text, not as a formula, and a cell longer than Excel
/// holds (a busy beacon's `TimeDeltaList`) is cut with a marker pointing to the JSON export, which keeps it all.
public enum CSVExport {
    public static let triageColumns = ["Status", "Note", "Reason"]

    public static var columnNames: [String] { columnNames(hunt: false) }

    /// The header; hunt mode's score columns follow the group-by columns.
    public static func columnNames(hunt: Bool) -> [String] { BeaconRecord.columnNames(hunt: hunt) + triageColumns }

    public static func render(_ rows: [ExportRow], hunt: Bool = false) -> String {
        var lines = [columnNames(hunt: hunt).map(csvQuoted).joined(separator: ",")]
        for row in rows {
            var values = BeaconRecord(row.candidate).columns.map(\.value)
            values += [.string(row.status.rawValue), .string(row.decision?.note ?? ""), .string(row.decision?.reason ?? "")]
            lines.append(values.map { csvCell($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
