import BeaconEngine

/// Reads the JSON shapes: the Advanced Hunting API response, a JSON array of events and JSON lines
/// (bare or `{"properties": {…}}`-wrapped objects), with `JSONTextParser` like every other JSON input.
struct JSONReader {
    private let content: UnsafeBufferPointer<UInt8>
    private var converter = JSONRecordConverter()

    init(_ content: UnsafeBufferPointer<UInt8>) { self.content = content }

    /// A document starting with `{`: an Advanced Hunting response, one (possibly pretty-printed) event,
    /// or JSON lines. Returns the format it turned out to be.
    mutating func readObjectDocument(into table: inout EventTable, ingest: inout FileIngest) throws(LoadError) -> InputFormat {
        if hasElementBeyondLimit(resultsArray: true),
           readElementsOneByOne(resultsArray: true, into: &table, ingest: &ingest) {
            try checkColumns(schema: nil, ingest: ingest)
            return .advancedHuntingJSON
        }
        let whole: JSONValue
        do throws(JSONTextParser.Failure) {
            whole = try JSONTextParser.parse(content)
        } catch {
            // Not one document. JSON lines if one of the first two lines is an object on its own (the
            // first may be the bad one); otherwise the document itself is broken, and that is the error.
            if leadingLinesHoldAnObject() {
                readLines(into: &table, ingest: &ingest)
                try checkColumns(schema: nil, ingest: ingest)
                return .jsonLines
            }
            // An Advanced Hunting response cut short or with a broken row: the rows before (and after) it.
            if readElementsOneByOne(resultsArray: true, into: &table, ingest: &ingest) {
                try checkColumns(schema: nil, ingest: ingest)
                return .advancedHuntingJSON
            }
            throw .invalidJSON(path: ingest.file, line: line(of: error), reason: error.reason)
        }
        guard case .object(let object) = whole else {
            throw .invalidJSON(path: ingest.file, line: nil, reason: "expected an object")
        }
        if let results = object["Results"] ?? object["results"] {
            guard case .array(let rows) = results else {
                throw .unknownFormat(path: ingest.file, reason: "Advanced Hunting response whose Results is not an array")
            }
            if let kinds = Self.kindsWithoutObject(rows) {
                throw .unknownFormat(path: ingest.file, reason: "an Advanced Hunting response whose Results hold \(kinds), not event objects")
            }
            let schema = schemaNames(object["Schema"] ?? object["schema"])
            readElements(rows, lines: elementLines(resultsArray: true, count: rows.count), into: &table, ingest: &ingest)
            try checkColumns(schema: schema, ingest: ingest)
            return .advancedHuntingJSON
        }
        // A single event, perhaps spread over several lines.
        readElements([whole], lines: [lineOfFirstByte()], into: &table, ingest: &ingest)
        try checkColumns(schema: nil, ingest: ingest)
        return .jsonLines
    }

    /// A document starting with `[`: an array of event objects.
    mutating func readArray(into table: inout EventTable, ingest: inout FileIngest) throws(LoadError) {
        if hasElementBeyondLimit(resultsArray: false),
           readElementsOneByOne(resultsArray: false, into: &table, ingest: &ingest) {
            try checkColumns(schema: nil, ingest: ingest)
            return
        }
        let whole: JSONValue
        do throws(JSONTextParser.Failure) {
            whole = try JSONTextParser.parse(content)
        } catch {
            // Cut short or with a broken element: the elements that parse still load.
            if readElementsOneByOne(resultsArray: false, into: &table, ingest: &ingest) {
                try checkColumns(schema: nil, ingest: ingest)
                return
            }
            throw .invalidJSON(path: ingest.file, line: line(of: error), reason: error.reason)
        }
        guard case .array(let rows) = whole else {
            throw .invalidJSON(path: ingest.file, line: nil, reason: "expected an array")
        }
        if let kinds = Self.kindsWithoutObject(rows) {
            throw .unknownFormat(path: ingest.file, reason: "a JSON array of \(kinds), not of event objects")
        }
        readElements(rows, lines: elementLines(resultsArray: false, count: rows.count), into: &table, ingest: &ingest)
        try checkColumns(schema: nil, ingest: ingest)
    }

    /// Why `text`, a whole file's content, is JSON but no events: a bare string, number, boolean or null
    /// (which would otherwise be read as a CSV header and refused for its columns); nil for anything else.
    static func scalarDocumentReason(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let value = try? JSONTextParser.parse(text), !value.isObject else { return nil }
        if case .array = value { return nil }
        return "a JSON document that is \(value.kindName), not an event object or an array of them"
    }

    /// The kinds of an array's elements ("numbers", "strings and nulls") when none is an object; nil when
    /// one is, or the array is empty (an empty result, not a wrong one).
    private static func kindsWithoutObject(_ rows: [JSONValue]) -> String? {
        guard !rows.isEmpty, !rows.contains(where: \.isObject) else { return nil }
        var kinds: [String] = []
        for row in rows where !kinds.contains(row.kindPlural) { kinds.append(row.kindPlural) }
        return kinds.count == 1 ? kinds[0] : kinds.dropLast().joined(separator: ", ") + " and " + kinds.last!
    }

    /// The line each element starts on (the parser keeps no positions), or nil should the light scan
    /// disagree with the parser about how many there are.
    private func elementLines(resultsArray: Bool, count: Int) -> [Int]? {
        let lines = JSONElementLocator.elements(in: content, resultsArray: resultsArray).map(\.line)
        return lines.count == count ? lines : nil
    }

    private mutating func readElements(_ rows: [JSONValue], lines: [Int]?, into table: inout EventTable,
                                       ingest: inout FileIngest) {
        for (index, row) in rows.enumerated() {
            read(row, index: index, line: lines?[index], into: &table, ingest: &ingest)
        }
    }

    /// One element of an array (or the document's one event): an event, or a reported issue.
    private mutating func read(_ row: JSONValue, index: Int, line: Int?, into table: inout EventTable,
                               ingest: inout FileIngest) {
        ingest.rowsRead += 1
        guard case .object(let object) = row else {
            ingest.skip(line: line, field: nil, message: "element \(index + 1) is not a JSON object")
            return
        }
        if let event = converter.event(from: object, line: line, ingest: &ingest) {
            ingest.load(event, line: line, into: &table)
        }
    }

    /// The array's elements parsed one at a time, for a document that does not parse as a whole; the
    /// elements that are not JSON are reported at their line. False, with nothing read, when no element
    /// is a JSON object: then the document is simply not JSON, and that is the error to report.
    private mutating func readElementsOneByOne(resultsArray: Bool, into table: inout EventTable,
                                               ingest: inout FileIngest) -> Bool {
        let elements = JSONElementLocator.elements(in: content, resultsArray: resultsArray)
        // An element beyond the limit is never parsed: it is reported, and costs no memory of its own.
        let parsed = elements.map { element -> Result<JSONValue, JSONTextParser.Failure>? in
            guard element.range.count <= InputLimits.maximumLineBytes else { return nil }
            return Result { () throws(JSONTextParser.Failure) -> JSONValue in
                try JSONTextParser.parse(UnsafeBufferPointer(rebasing: content[element.range]))
            }
        }
        guard parsed.contains(where: { (try? $0?.get())?.isObject == true }) else { return false }
        for (index, (element, result)) in zip(elements, parsed).enumerated() {
            switch result {
            case .success(let row)?:
                read(row, index: index, line: element.line, into: &table, ingest: &ingest)
            case .failure(let failure)?:
                ingest.rowsRead += 1
                ingest.skip(line: element.line, field: nil, message: failure.message)
            case nil:
                ingest.rowsRead += 1
                ingest.skip(line: element.line, field: nil,
                            message: InputLimits.beyondLimit("element \(index + 1)", bytes: element.range.count))
            }
        }
        return true
    }

    /// Whether an element of the array (or of an Advanced Hunting response's Results) is beyond
    /// `InputLimits.maximumLineBytes`: then the elements are parsed one by one, that one not at all. Only
    /// a document larger than the limit can hold one, so smaller ones are not scanned.
    private func hasElementBeyondLimit(resultsArray: Bool) -> Bool {
        guard content.count > InputLimits.maximumLineBytes else { return false }
        return JSONElementLocator.elements(in: content, resultsArray: resultsArray)
            .contains { $0.range.count > InputLimits.maximumLineBytes }
    }

    /// One object a line; blank lines skipped, bad lines reported with their number.
    private mutating func readLines(into table: inout EventTable, ingest: inout FileIngest) {
        JSONLines.forEach(in: content) { lineNumber, object in
            ingest.rowsRead += 1
            switch object {
            case .success(let members):
                if let event = converter.event(from: members, line: lineNumber, ingest: &ingest) {
                    ingest.load(event, line: lineNumber, into: &table)
                }
            case .failure(let problem):
                ingest.skip(line: lineNumber, field: nil, message: problem.message)
            }
        }
    }

    /// Required columns: from the response's Schema when it has one, else those seen in any record.
    /// Only checked when there is at least one record (an empty result has nothing to miss).
    private func checkColumns(schema: [String]?, ingest: FileIngest) throws(LoadError) {
        let names: [String]
        if let schema, !schema.isEmpty {
            names = schema
        } else {
            guard ingest.rowsRead > 0 else { return }
            names = converter.columnsSeen
        }
        if case .failure(let missing) = EventColumn.locate(in: names) {
            throw .missingColumns(path: ingest.file, columns: missing.names)
        }
    }

    private func schemaNames(_ schema: JSONValue?) -> [String]? {
        guard case .array(let columns)? = schema else { return nil }
        return columns.compactMap { column in
            guard case .string(let name)? = column["Name"] ?? column["name"] else { return nil }
            return name
        }
    }

    private func leadingLinesHoldAnObject() -> Bool {
        var linesTried = 0
        var found = false
        TextLines.forEach(in: content) { _, raw in
            let line = TextLines.trimmed(raw)
            guard !line.isEmpty else { return true }
            linesTried += 1
            found = (try? JSONTextParser.parse(line))?.isObject == true
            return !found && linesTried < 2
        }
        return found
    }

    private func lineOfFirstByte() -> Int {
        var line = 1
        for byte in content {
            if byte == 0x0A { line += 1 } else if !isJSONWhitespace(byte) { break }
        }
        return line
    }

    /// The line a parse failed on; a document cut short fails at its end, which is its last line with text.
    private func line(of failure: JSONTextParser.Failure) -> Int {
        var last = content.count
        while last > 0, isJSONWhitespace(content[last - 1]) { last -= 1 }
        let offset = min(failure.offset, max(last - 1, 0))
        var line = 1
        for index in 0..<offset where content[index] == 0x0A { line += 1 }
        return line
    }
}

private func isJSONWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}

extension JSONValue {
    /// The value's kind as a message names it: "a string", "a number", "an array".
    var kindName: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The kind in the plural: "strings", "numbers".
    var kindPlural: String {
        switch self {
        case .string: "strings"
        case .number: "numbers"
        case .bool: "booleans"
        case .null: "nulls"
        case .array: "arrays"
        case .object: "objects"
        }
    }
}
