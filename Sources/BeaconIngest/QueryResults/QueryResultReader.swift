import BeaconEngine
import Foundation

/// Reads the output of the hunting query as the Defender, Sentinel or Azure Data Explorer portal exports
/// it (CSV, a JSON array, JSON lines, or an Advanced Hunting API response), or as `analyze` writes it:
/// one row per beacon with `TimeDeltaList` and the statistics columns, no raw events behind it.
enum QueryResultReader {
    /// Whether `text` is a query result rather than events: its CSV header, or the first JSON object,
    /// names `TimeDeltaList`. The JSON test looks for the key with its closing quote unescaped, so a
    /// RemoteUrl that merely contains the word does not count.
    static func looksLikeQueryResult(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let sample = Array(text.prefix(1 << 16))
        guard let first = sample.firstIndex(where: { !isBlank($0) }) else { return false }
        if sample[first] == 0x7B || sample[first] == 0x5B {
            return contains(sample, Array("\"TimeDeltaList\":".utf8)) || contains(sample, Array("\"TimeDeltaList\" :".utf8))
        }
        let headerEnd = sample[first...].firstIndex(of: 0x0A) ?? sample.endIndex
        let header = String(decoding: sample[first..<headerEnd], as: UTF8.self)
        return header.split(separator: ",").contains { $0.trimmingCharacters(in: headerPadding) == "TimeDeltaList" }
    }

    /// The rows of one file; malformed rows are skipped and reported like event rows.
    static func read(_ text: UnsafeBufferPointer<UInt8>, ingest: inout FileIngest) throws(LoadError) -> (rows: [QueryResultRow], format: InputFormat) {
        guard let first = text.firstIndex(where: { !isBlank($0) }) else { throw .empty(path: ingest.file) }
        if text[first] == 0x7B || text[first] == 0x5B {
            return (try readJSON(text, ingest: &ingest), .kustoResultJSON)
        }
        return (try readCSV(text, ingest: &ingest), .kustoResultCSV)
    }

    private static func readCSV(_ text: UnsafeBufferPointer<UInt8>, ingest: inout FileIngest) throws(LoadError) -> [QueryResultRow] {
        var tokenizer = CSVTokenizer(text)
        var fields: [CSVField] = []
        var problem: CSVTokenizer.Problem?
        var header: [String] = []
        while tokenizer.nextRecord(into: &fields, problem: &problem) != nil {
            if tokenizer.isBlank(fields) { continue }
            header = fields.map { CSVTokenizer.content(of: $0, in: text).trimmingSpacesAndTabs() }
            break
        }
        try QueryResultColumns.check(header, file: ingest.file)
        var rows: [QueryResultRow] = []
        while let line = tokenizer.nextRecord(into: &fields, problem: &problem) {
            if tokenizer.isBlank(fields) { continue }
            ingest.rowsRead += 1
            if problem != nil {
                ingest.skip(line: line, field: nil, message: "malformed quoting in this record")
                continue
            }
            guard fields.count == header.count else {
                ingest.skip(line: line, field: nil, message: "expected \(header.count) fields as in the header, found \(fields.count)")
                continue
            }
            var record: [String: JSONValue] = [:]
            for (name, field) in zip(header, fields) where record[name] == nil {
                record[name] = .string(CSVTokenizer.content(of: field, in: text))
            }
            if let row = QueryResultColumns.row(from: record, line: line, ingest: &ingest) {
                rows.append(row)
                ingest.rowsLoaded += 1
            }
        }
        return rows
    }

    private static func readJSON(_ text: UnsafeBufferPointer<UInt8>, ingest: inout FileIngest) throws(LoadError) -> [QueryResultRow] {
        var objects: [(record: JSONValue, line: Int?)] = []
        // Where each element starts, so that a bad row is reported at its line.
        func located(_ elements: [JSONValue], resultsArray: Bool) -> [(record: JSONValue, line: Int?)] {
            let lines = JSONElementLocator.elements(in: text, resultsArray: resultsArray).map(\.line)
            return elements.enumerated().map { ($1, lines.count == elements.count ? lines[$0] : nil) }
        }
        let startsAnArray = text.first(where: { !isBlank($0) }) == 0x5B
        if let whole = try? JSONTextParser.parse(text) {
            if case .array(let array) = whole {
                objects = located(array, resultsArray: false)
            } else if case .object(let object) = whole {
                if case .array(let results)? = object["Results"] ?? object["results"] {
                    objects = located(results, resultsArray: true)
                } else {
                    objects = [(whole, nil)]
                }
            }
        } else if startsAnArray {
            // An array cut short or with a broken element: every element that parses is a row.
            for element in JSONElementLocator.elements(in: text, resultsArray: false) {
                if let object = row(UnsafeBufferPointer(rebasing: text[element.range])) {
                    objects.append((object, element.line))
                } else {
                    ingest.rowsRead += 1
                    ingest.skip(line: element.line, field: nil, message: "invalid JSON")
                }
            }
        } else {
            // JSON lines: one object a line.
            TextLines.forEach(in: text) { line, content in
                let trimmed = TextLines.trimmed(content)
                guard !trimmed.isEmpty else { return true }
                guard let object = row(trimmed) else {
                    ingest.rowsRead += 1
                    ingest.skip(line: line, field: nil, message: JSONLines.notAnObject)
                    return true
                }
                objects.append((object, line))
                return true
            }
        }
        guard objects.first?.record.isObject == true else {
            throw .invalidJSON(path: ingest.file, line: nil, reason: "no query result rows")
        }
        // The columns of every row together: one row with a damaged key is that row's problem, not the file's.
        var names: Set<String> = []
        for element in objects { if case .object(let object) = element.record { names.formUnion(object.keys) } }
        try QueryResultColumns.check(Array(names), file: ingest.file)
        var rows: [QueryResultRow] = []
        for (index, element) in objects.enumerated() {
            ingest.rowsRead += 1
            guard case .object(let object) = element.record else {
                ingest.skip(line: element.line, field: nil, message: "element \(index + 1) is not a JSON object")
                continue
            }
            if let row = QueryResultColumns.row(from: object, line: element.line, ingest: &ingest) {
                rows.append(row)
                ingest.rowsLoaded += 1
            }
        }
        return rows
    }

    /// An element or line parsed on its own, when it is an object or an array; a bare number or string is
    /// no row, and is reported in its place rather than decide what the file is.
    private static func row(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard let value = try? JSONTextParser.parse(bytes) else { return nil }
        switch value {
        case .object, .array: return value
        case .string, .number, .bool, .null: return nil
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}

/// What may surround a CSV header name: spaces, line ends and its quotes.
private let headerPadding = CharacterSet(charactersIn: " \t\r\n\"")
