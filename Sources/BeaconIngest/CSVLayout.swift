import BeaconEngine

/// Where the query's columns sit in one CSV file, read from its header row.
struct CSVLayout: Sendable {
    /// The file, as messages name it.
    let file: String
    /// The header's names, spaces and tabs trimmed.
    let header: [String]
    /// For each header position, the `EventColumn` read from it (its raw value), or -1 for a column the
    /// query does not read.
    let columnOfField: [Int8]
    /// `Timestamp`, or `TimeGenerated` when that is what the file has.
    let timeName: String

    /// The layout of `header`, or the columns it lacks.
    init(file: String, header: [String]) throws(LoadError) {
        let positions: [Int]
        switch EventColumn.locate(in: header) {
        case .success(let found): positions = found
        case .failure(let missing): throw .missingColumns(path: file, columns: missing.names)
        }
        var columnOfField = [Int8](repeating: -1, count: header.count)
        for column in EventColumn.allCases { columnOfField[positions[column.rawValue]] = Int8(column.rawValue) }
        self.file = file
        self.header = header
        self.columnOfField = columnOfField
        self.timeName = header[positions[EventColumn.timestamp.rawValue]]
    }

    /// Every record must have as many fields as the header.
    var fieldCount: Int { header.count }
}

/// The header record at the start of a CSV file's content.
struct CSVHeader {
    var names: [String]
    /// Where the data records start, and the physical line they start on.
    var dataOffset: Int
    var dataLine: Int

    /// The first non-blank record of `bytes` (after an Excel `sep=,` hint line, if any), or nil when
    /// `bytes` may end before the header does (`isComplete` false) or holds no header at all.
    static func find(in bytes: UnsafeBufferPointer<UInt8>, isComplete: Bool) -> CSVHeader? {
        var tokenizer = CSVTokenizer(bytes)
        var fields: [CSVField] = []
        var problem: CSVTokenizer.Problem?
        while tokenizer.nextRecord(into: &fields, problem: &problem) != nil {
            // A record cut by the end of what was read so far may go on in the next block.
            if !isComplete && !tokenizer.lastRecordWasTerminated { return nil }
            if tokenizer.isBlank(fields) { continue }
            let names = fields.map { field in
                CSVTokenizer.content(of: field, in: bytes).trimmingSpacesAndTabs()
            }
            if names == ["sep=", ""] { continue }
            return CSVHeader(names: names, dataOffset: tokenizer.position, dataLine: tokenizer.line)
        }
        return nil
    }
}
