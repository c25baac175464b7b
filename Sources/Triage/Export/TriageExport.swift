/// Rendering and writing exports. Rendering is pure (rows and context in, text out); writing goes through
/// `AtomicFile`, so a reader never sees half an export and an existing file is kept unless overwriting was
/// asked for.
public enum TriageExport {
    public static func render(_ rows: [ExportRow], format: ExportFormat, context: ExportContext) -> String {
        switch format {
        case .csv: CSVExport.render(rows, hunt: context.parameters.mode == .hunt)
        case .json: JSONExport.render(rows)
        case .md: MarkdownReport.render(rows, context: context)
        }
    }

    /// Renders and writes `rows` to `path`; `.exists` when the file is there and `overwrite` is false.
    public static func write(_ rows: [ExportRow], format: ExportFormat, context: ExportContext, to path: String,
                             overwrite: Bool) throws(TriageStorageError) {
        try AtomicFile.write(render(rows, format: format, context: context), to: path, overwrite: overwrite)
    }
}
