/// Timestamps of one file whose fraction went past the 100-ns tick: they are truncated to it, Kusto's
/// precision, and the rows load; the file's summary says so once (`note`), naming the first such row, so a
/// nanosecond export is neither silent nor a screen of warnings.
struct FractionTruncation: Sendable, Equatable {
    private(set) var count = 0
    /// The line of the first row counted, when known.
    private(set) var firstLine: Int?

    /// Counts a loaded row whose timestamp lost digits.
    mutating func include(line: Int?) {
        if count == 0 { firstLine = line }
        count += 1
    }

    /// Folds in a later part of the same file (a CSV block), whose lines `lineOffset` makes the file's.
    mutating func include(_ later: FractionTruncation, lineOffset: Int) {
        guard later.count > 0 else { return }
        if count == 0 { firstLine = later.firstLine.map { $0 + lineOffset } }
        count += later.count
    }

    /// The file's note, or nil when no timestamp lost a digit.
    var note: String? {
        guard count > 0 else { return nil }
        let rows = count == 1 ? "1 timestamp" : "\(count) timestamps"
        let first = firstLine.map { " (the first at line \($0))" } ?? ""
        return "\(rows) with more than 7 fractional digits truncated to 100 ns, Kusto's precision\(first)"
    }
}
