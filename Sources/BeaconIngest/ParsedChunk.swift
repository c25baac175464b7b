import BeaconEngine

/// What one block of records (CSV or JSON lines) became: the events, with their strings as ids of the parser's own
/// dictionary, and what the merge needs to translate them and to report bad rows where they are.
struct ParsedChunk: Sendable {
    var batch: EventBatch
    /// The parser's dictionary entries made while reading this block, in the order they were made (each
    /// column's in id order; ids before them were handed out with earlier blocks): one byte arena, and
    /// each entry's length and string column.
    var newStrings: [UInt8] = []
    var newStringLengths: [Int] = []
    var newStringColumns: [EventStringColumn] = []
    /// The parser started a new dictionary (id 0 is `""` again) before this block.
    var dictionaryRestarted = false
    var rowsRead = 0
    var rowsLoaded = 0
    var rowsSkipped = 0
    /// The times of the rows loaded, tracked as each is stored.
    var times = TimeRangeTracker()
    /// Rows loaded whose timestamp lost digits beyond the tick, lines counted as `issues`' are.
    var truncatedFractions = FractionTruncation()
    /// Rows later than the writer's `notesRowsAfter`, lines counted as `issues`' are.
    var lateRows = LateRows()
    /// The block's first `EventLoader.issuesReportedPerFile` issues, lines counted from the block's first
    /// line as line 1.
    var issues: [IngestIssue] = []
    /// Line breaks in the records read (the next block's first line is this many lines further on).
    var linesConsumed = 0
    /// JSON lines: which columns any record named (bit `EventColumn.rawValue`, and
    /// `JSONRecordConverter.timeGeneratedBit` for `TimeGenerated`), for the file's missing-columns check.
    var columnsNamed: UInt16 = 0
    /// Where a record the block ends inside starts: it was not read, and belongs with the next block.
    /// Only for a block that is not the file's last.
    var unfinishedRecordStart: Int?

    init(source: EventSource) {
        batch = EventBatch(source: source)
    }

    mutating func skip(file: String, line: Int, field: String?, message: String) {
        rowsSkipped += 1
        if issues.count < EventLoader.issuesReportedPerFile {
            issues.append(IngestIssue(file: file, line: line, field: field, message: message))
        }
    }

    /// A line longer than the limit, skipped unread (CSV and JSON lines). The file is named when the
    /// issue is merged.
    mutating func skipOversizedLine(line: Int, limit: Int) {
        skip(file: "", line: line, field: nil, message: RowMessage.lineTooLong(limit: limit))
    }
}
