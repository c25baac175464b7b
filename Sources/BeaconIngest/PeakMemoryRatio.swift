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
        // Streamed like CSV into the same table: the same events cost the same memory in 2.8 times the bytes.
        case .jsonLines: 0.4
        case .kustoResultJSON: 3.0
        case .jsonArray, .advancedHuntingJSON: 5.4
        case .windowsEventJSON: 2.3
        case .windowsEventXML: 2.5
        case .zeekConnTSV, .zeekHTTP, .zeekSSL: 5.6
        case .zeekConnJSON: 2.7
        }
    }
}

/// Content bytes per event, one figure per input format, for `MemoryBudget.estimatedEvents`: measured on
/// the same 100,000 rows of the demo day written in every format (docs/PERFORMANCE.md, "Memory per input
/// byte"), rounded down, so that an estimate errs towards more events. Nil for files that hold no events.
extension InputFormat {
    var contentBytesPerEvent: Double? {
        switch self {
        case .csv: 210
        case .jsonLines: 590
        case .jsonArray, .advancedHuntingJSON: 490
        case .windowsEventJSON: 1_580
        case .windowsEventXML: 1_080
        case .zeekConnTSV: 130
        case .zeekConnJSON: 380
        case .zeekHTTP, .zeekSSL, .kustoResultCSV, .kustoResultJSON: nil
        }
    }
}
