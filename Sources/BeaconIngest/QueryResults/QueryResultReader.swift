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
        return header.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespacesAndNewlines + "\"") == "TimeDeltaList" }
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
        func cell(_ field: CSVField) -> String {
            let raw = String(decoding: UnsafeBufferPointer(rebasing: text[field.start..<field.end]), as: UTF8.self)
            return field.hasDoubledQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
        }
        var header: [String] = []
        while tokenizer.nextRecord(into: &fields, problem: &problem) != nil {
            if tokenizer.isBlank(fields) { continue }
            header = fields.map { cell($0).trimmingSpacesAndTabs() }
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
            var record: [String: Any] = [:]
            for (name, field) in zip(header, fields) where record[name] == nil { record[name] = cell(field) }
            if let row = QueryResultColumns.row(from: record, line: line, ingest: &ingest) {
                rows.append(row)
                ingest.rowsLoaded += 1
            }
        }
        return rows
    }

    private static func readJSON(_ text: UnsafeBufferPointer<UInt8>, ingest: inout FileIngest) throws(LoadError) -> [QueryResultRow] {
        var objects: [(record: Any, line: Int?)] = []
        if let whole = try? JSONSerialization.jsonObject(with: Data(buffer: text)) {
            if let array = whole as? [Any] {
                objects = array.map { ($0, nil) }
            } else if let object = whole as? [String: Any] {
                let results = object["Results"] ?? object["results"]
                objects = (results as? [Any] ?? [object]).map { ($0, nil) }
            }
        } else {
            // JSON lines: one object a line.
            var line = 0
            for slice in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
                line += 1
                guard slice.contains(where: { !isBlank($0) }) else { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(slice)) else {
                    ingest.rowsRead += 1
                    ingest.skip(line: line, field: nil, message: "not a JSON object")
                    continue
                }
                objects.append((object, line))
            }
        }
        guard let firstObject = objects.first?.record as? [String: Any] else {
            throw .invalidJSON(path: ingest.file, line: nil, reason: "no query result rows")
        }
        try QueryResultColumns.check(Array(firstObject.keys), file: ingest.file)
        var rows: [QueryResultRow] = []
        for (index, element) in objects.enumerated() {
            ingest.rowsRead += 1
            guard let object = element.record as? [String: Any] else {
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

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}

private extension CharacterSet {
    static func + (lhs: CharacterSet, rhs: String) -> CharacterSet { lhs.union(CharacterSet(charactersIn: rhs)) }
}
