/// Peak memory per byte of (uncompressed) content, one figure per input format, for `MemoryBudget`.
///
/// Each is the peak RSS of `beacon-triage analyze` (release build, `/usr/bin/time -v`) less that of a tiny
/// input, divided by the content's size, rounded up: the table and how it was measured are in
/// docs/PERFORMANCE.md, "Memory per input byte". Update the figure here when a reader's memory changes,
/// and the table with it.
extension InputFormat {
    var peakBytesPerContentByte: Double {
        switch self {
        case .csv, .kustoResultCSV: 0.8
        // JSON lines are read as one document today (3.0 at 2M events, issue 17); the streaming JSON lines
        // reader will bring this near the CSV figure: change it here, in this one place.
        case .jsonLines, .kustoResultJSON: 3.0
        case .jsonArray, .advancedHuntingJSON: 5.4
        case .windowsEventJSON: 2.3
        case .windowsEventXML: 2.5
        case .zeekConnTSV, .zeekHTTP, .zeekSSL: 5.6
        case .zeekConnJSON: 2.7
        }
    }
}
