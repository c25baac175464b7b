/// Peak memory per byte of (uncompressed) content, one figure per input format, for `MemoryBudget`.
///
/// Each is the peak RSS of `beacon-triage analyze` (release build, `/usr/bin/time -v`) divided by the
/// content's size, rounded up: the table and the measurement are in docs/PERFORMANCE.md, "Memory per input
/// byte". Update the figure here when a reader's memory changes, and the table with it.
extension InputFormat {
    var peakBytesPerContentByte: Double {
        switch self {
        case .csv, .kustoResultCSV: 0.6
        // Read as one document today; the streaming JSON lines reader will bring this near the CSV figure.
        case .jsonLines, .kustoResultJSON: 3.5
        case .jsonArray: 3.5
        case .advancedHuntingJSON: 3.5
        case .windowsEventJSON: 2.0
        case .windowsEventXML: 1.5
        case .zeekConnTSV, .zeekHTTP, .zeekSSL: 2.5
        case .zeekConnJSON: 2.0
        }
    }
}
