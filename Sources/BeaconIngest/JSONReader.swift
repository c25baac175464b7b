import BeaconEngine
import Foundation

/// Reads the JSON shapes: the Advanced Hunting API response, a JSON array of events and JSON lines
/// (bare or `{"properties": {…}}`-wrapped objects), through Foundation's JSONSerialization.
struct JSONReader {
    private let content: UnsafeBufferPointer<UInt8>
    private var converter = JSONRecordConverter()

    init(_ content: UnsafeBufferPointer<UInt8>) { self.content = content }

    /// A document starting with `{`: an Advanced Hunting response, one (possibly pretty-printed) event,
    /// or JSON lines. Returns the format it turned out to be.
    mutating func readObjectDocument(into table: inout EventTable, ingest: inout FileIngest) throws(LoadError) -> InputFormat {
        let whole: Any
        do {
            whole = try JSONSerialization.jsonObject(with: Data(buffer: content))
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
            throw .invalidJSON(path: ingest.file, line: errorLine(error), reason: errorReason(error))
        }
        guard let object = whole as? [String: Any] else {
            throw .invalidJSON(path: ingest.file, line: nil, reason: "expected an object")
        }
        if let results = object["Results"] ?? object["results"] {
            guard let rows = results as? [Any] else {
                throw .unknownFormat(path: ingest.file, reason: "Advanced Hunting response whose Results is not an array")
            }
            let schema = schemaNames(object["Schema"] ?? object["schema"])
            let lines = JSONElementLocator.lines(in: content, resultsArray: true)
            readElements(rows, lines: lines.count == rows.count ? lines : nil, into: &table, ingest: &ingest)
            try checkColumns(schema: schema, ingest: ingest)
            return .advancedHuntingJSON
        }
        // A single event, perhaps spread over several lines.
        readElements([object], lines: [lineOfFirstByte()], into: &table, ingest: &ingest)
        try checkColumns(schema: nil, ingest: ingest)
        return .jsonLines
    }

    /// A document starting with `[`: an array of event objects.
    mutating func readArray(into table: inout EventTable, ingest: inout FileIngest) throws(LoadError) {
        let whole: Any
        do {
            whole = try JSONSerialization.jsonObject(with: Data(buffer: content))
        } catch {
            // Cut short or with a broken element: the elements that parse still load.
            if readElementsOneByOne(resultsArray: false, into: &table, ingest: &ingest) {
                try checkColumns(schema: nil, ingest: ingest)
                return
            }
            throw .invalidJSON(path: ingest.file, line: errorLine(error), reason: errorReason(error))
        }
        guard let rows = whole as? [Any] else {
            throw .invalidJSON(path: ingest.file, line: nil, reason: "expected an array")
        }
        let lines = JSONElementLocator.lines(in: content, resultsArray: false)
        readElements(rows, lines: lines.count == rows.count ? lines : nil, into: &table, ingest: &ingest)
        try checkColumns(schema: nil, ingest: ingest)
    }

    private mutating func readElements(_ rows: [Any], lines: [Int]?, into table: inout EventTable, ingest: inout FileIngest) {
        for (index, row) in rows.enumerated() {
            ingest.rowsRead += 1
            let line = lines?[index]
            guard let object = row as? [String: Any] else {
                ingest.skip(line: line, field: nil, message: "element \(index + 1) is not a JSON object")
                continue
            }
            if let event = converter.event(from: object, line: line, ingest: &ingest) {
                ingest.load(event, into: &table)
            }
        }
    }

    /// The array's elements parsed one at a time, for a document that does not parse as a whole; the
    /// elements that are not JSON are reported at their line. False, with nothing read, when no element
    /// is a JSON object: then the document is simply not JSON, and that is the error to report.
    private mutating func readElementsOneByOne(resultsArray: Bool, into table: inout EventTable,
                                               ingest: inout FileIngest) -> Bool {
        let elements = JSONElementLocator.elements(in: content, resultsArray: resultsArray)
        var parsed: [Result<Any, Error>] = []
        for element in elements {
            parsed.append(Result { try JSONSerialization.jsonObject(with: Data(buffer: UnsafeBufferPointer(rebasing: content[element.range]))) })
        }
        guard parsed.contains(where: { (try? $0.get()) is [String: Any] }) else { return false }
        for (index, (element, result)) in zip(elements, parsed).enumerated() {
            switch result {
            case .success(let row):
                ingest.rowsRead += 1
                guard let object = row as? [String: Any] else {
                    ingest.skip(line: element.line, field: nil, message: "element \(index + 1) is not a JSON object")
                    continue
                }
                if let event = converter.event(from: object, line: element.line, ingest: &ingest) {
                    ingest.load(event, into: &table)
                }
            case .failure(let error):
                ingest.rowsRead += 1
                ingest.skip(line: element.line, field: nil, message: "invalid JSON: \(errorReason(error))")
            }
        }
        return true
    }

    /// One object a line; blank lines skipped, bad lines reported with their number.
    private mutating func readLines(into table: inout EventTable, ingest: inout FileIngest) {
        var lineNumber = 0
        var start = 0
        let count = content.count
        while start < count {
            lineNumber += 1
            var end = start
            while end < count && content[end] != 0x0A { end += 1 }
            let next = end + 1
            var first = start
            var last = end
            while first < last, isJSONWhitespace(content[first]) { first += 1 }
            while last > first, isJSONWhitespace(content[last - 1]) { last -= 1 }
            if first < last {
                ingest.rowsRead += 1
                let line = UnsafeBufferPointer(rebasing: content[first..<last])
                let parsed: Any
                do {
                    parsed = try JSONSerialization.jsonObject(with: Data(buffer: line))
                } catch {
                    ingest.skip(line: lineNumber, field: nil, message: "invalid JSON: \(errorReason(error))")
                    start = next
                    continue
                }
                if let object = parsed as? [String: Any] {
                    if let event = converter.event(from: object, line: lineNumber, ingest: &ingest) {
                        ingest.load(event, into: &table)
                    }
                } else {
                    ingest.skip(line: lineNumber, field: nil, message: "not a JSON object")
                }
            }
            start = next
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

    private func schemaNames(_ schema: Any?) -> [String]? {
        guard let columns = schema as? [Any] else { return nil }
        return columns.compactMap { column in
            guard let column = column as? [String: Any] else { return nil }
            return (column["Name"] ?? column["name"]) as? String
        }
    }

    private func leadingLinesHoldAnObject() -> Bool {
        var start = 0
        var linesTried = 0
        while start < content.count && linesTried < 2 {
            var end = start
            while end < content.count, content[end] != 0x0A { end += 1 }
            var first = start
            var last = end
            while first < last, isJSONWhitespace(content[first]) { first += 1 }
            while last > first, isJSONWhitespace(content[last - 1]) { last -= 1 }
            if first < last {
                linesTried += 1
                let line = UnsafeBufferPointer(rebasing: content[first..<last])
                if (try? JSONSerialization.jsonObject(with: Data(buffer: line))) is [String: Any] { return true }
            }
            start = end + 1
        }
        return false
    }

    private func lineOfFirstByte() -> Int {
        var line = 1
        for byte in content {
            if byte == 0x0A { line += 1 } else if !isJSONWhitespace(byte) { break }
        }
        return line
    }

    /// The line of a JSONSerialization error: Darwin says "line N", swift-corelibs "character N"
    /// (a byte offset).
    private func errorLine(_ error: Error) -> Int? {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        if let line = number(after: "line ", in: text) { return line }
        if let offset = number(after: "character ", in: text) { return line(atOffset: offset) }
        // A document cut short: the error is at its last line.
        if text.lowercased().contains("end of file") || text.lowercased().contains("end of data") {
            var last = content.count
            while last > 0, isJSONWhitespace(content[last - 1]) { last -= 1 }
            return line(atOffset: max(last - 1, 0))
        }
        return nil
    }

    private func line(atOffset offset: Int) -> Int {
        var line = 1
        for index in 0..<min(offset, content.count) where content[index] == 0x0A { line += 1 }
        return line
    }

    private func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    private func errorReason(_ error: Error) -> String {
        let nsError = error as NSError
        return nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? nsError.localizedDescription
    }
}

private func isJSONWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}

/// Turns one JSON event object into a `NetworkEvent`, checking its cells like the CSV reader does.
struct JSONRecordConverter {
    /// Which required column names (and `TimeGenerated`) appeared in any record.
    private var seen = [Bool](repeating: false, count: EventColumn.allCases.count)
    private var seenTimeGenerated = false

    var columnsSeen: [String] {
        var names = EventColumn.allCases.filter { seen[$0.rawValue] }.map(\.name)
        if seenTimeGenerated { names.append(EventColumn.alternativeTimeName) }
        return names
    }

    mutating func event(from record: [String: Any], line: Int?, ingest: inout FileIngest) -> NetworkEvent? {
        var object = record
        // The streaming API's shape: the columns sit inside "properties".
        if object[EventColumn.timestamp.name] == nil, object[EventColumn.alternativeTimeName] == nil,
           let properties = object["properties"] as? [String: Any] {
            object = properties
        }
        for column in EventColumn.allCases where !seen[column.rawValue] && object[column.name] != nil {
            seen[column.rawValue] = true
        }
        if !seenTimeGenerated && object[EventColumn.alternativeTimeName] != nil { seenTimeGenerated = true }

        // Timestamp, or TimeGenerated when Timestamp is absent or null.
        var timeName = EventColumn.timestamp.name
        var timeValue = object[timeName]
        if timeValue == nil || timeValue is NSNull, let generated = object[EventColumn.alternativeTimeName] {
            timeName = EventColumn.alternativeTimeName
            timeValue = generated
        }
        guard let timeValue, !(timeValue is NSNull) else {
            ingest.skip(line: line, field: EventColumn.timestamp.name, message: RowMessage.missingTimestamp)
            return nil
        }
        guard let text = timeValue as? String, let timestamp = TimestampParser.parse(Substring(text)) else {
            ingest.skip(line: line, field: timeName, message: RowMessage.badTimestamp(Self.text(of: timeValue)))
            return nil
        }

        let portValue = Self.port(object[EventColumn.remotePort.name])
        let remotePort: Int32?
        switch portValue {
        case .null: remotePort = nil
        case .value(let value): remotePort = value
        case .notANumber, .outOfRange:
            ingest.skip(line: line, field: EventColumn.remotePort.name,
                        message: RowMessage.badPort(portValue, raw: Self.text(of: object[EventColumn.remotePort.name])))
            return nil
        }

        let remoteIP = Self.string(object[EventColumn.remoteIP.name])
        guard remoteIP.isEmpty || IPAddressSyntax.isValid(remoteIP) else {
            ingest.skip(line: line, field: EventColumn.remoteIP.name, message: RowMessage.badIP(remoteIP))
            return nil
        }

        return NetworkEvent(
            timestamp: timestamp,
            deviceId: Self.string(object[EventColumn.deviceId.name]),
            deviceName: Self.string(object[EventColumn.deviceName.name]),
            actionType: Self.string(object[EventColumn.actionType.name]),
            remoteIP: remoteIP,
            remotePort: remotePort,
            remoteUrl: Self.string(object[EventColumn.remoteUrl.name]),
            remoteIPType: Self.string(object[EventColumn.remoteIPType.name]),
            initiatingProcessAccountName: Self.string(object[EventColumn.accountName.name]),
            initiatingProcessAccountDomain: Self.string(object[EventColumn.accountDomain.name]),
            initiatingProcessFileName: Self.string(object[EventColumn.fileName.name])
        )
    }

    /// A string column: missing or null is `""` (Kusto strings have no null); numbers and booleans in
    /// their JSON text; nested values as compact JSON.
    static func string(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "" }
        if let text = value as? String { return text }
        return text(of: value)
    }

    /// A `RemotePort` value: `443`, `"443"`, null or missing (null), anything else invalid.
    static func port(_ value: Any?) -> PortValue {
        guard let value, !(value is NSNull) else { return .null }
        if let text = value as? String { return PortValue.parse(text) }
        guard let number = value as? NSNumber, !isBoolean(number) else { return .notANumber }
        if isFloatingPoint(number) {
            let double = number.doubleValue
            guard double.isFinite, double == double.rounded(.towardZero) else { return .notANumber }
            return (0...65_535).contains(double) ? .value(Int32(double)) : .outOfRange
        }
        let integer = number.int64Value
        return (0...65_535).contains(integer) ? .value(Int32(integer)) : .outOfRange
    }

    /// A JSON value as text, for string columns and messages.
    static func text(of value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        if let text = value as? String { return text }
        if let number = value as? NSNumber {
            if isBoolean(number) { return number.boolValue ? "true" : "false" }
            return number.stringValue
        }
        if JSONSerialization.isValidJSONObject(value),
           let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
            return String(decoding: data, as: UTF8.self)
        }
        return String(describing: value)
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSONSerialization makes booleans with objCType "c" (char); it never makes other chars.
        number.objCType.pointee == 0x63
    }

    private static func isFloatingPoint(_ number: NSNumber) -> Bool {
        let type = number.objCType.pointee
        return type == 0x64 /* d */ || type == 0x66 /* f */
    }
}

/// Finds the line each element of an array starts on, by a light scan of the JSON text (JSONSerialization
/// does not tell): the top-level array's elements, or those of the `Results` array of the top-level object.
enum JSONElementLocator {
    static func lines(in bytes: UnsafeBufferPointer<UInt8>, resultsArray: Bool) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var targetDepth = -1
        var expectingElement = false
        var collecting = false
        var currentString: [UInt8] = []
        var lastString: [UInt8] = []
        let results = Array("Results".utf8)
        let resultsLower = Array("results".utf8)

        for byte in bytes {
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C /* \ */ {
                    escaped = true
                } else if byte == 0x22 /* " */ {
                    inString = false
                    if collecting {
                        lastString = currentString
                        collecting = false
                    }
                } else if collecting {
                    currentString.append(byte)
                }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3A /* : */:
                break
            case 0x22:
                if depth == targetDepth && expectingElement {
                    lines.append(line)
                    expectingElement = false
                }
                inString = true
                if resultsArray && depth == 1 && targetDepth < 0 {
                    collecting = true
                    currentString.removeAll(keepingCapacity: true)
                }
            case 0x7B /* { */, 0x5B /* [ */:
                if depth == targetDepth && expectingElement {
                    lines.append(line)
                    expectingElement = false
                }
                depth += 1
                if targetDepth < 0 && byte == 0x5B {
                    if (!resultsArray && depth == 1)
                        || (resultsArray && depth == 2 && (lastString == results || lastString == resultsLower)) {
                        targetDepth = depth
                        expectingElement = true
                    }
                }
            case 0x7D /* } */, 0x5D /* ] */:
                depth -= 1
                if targetDepth >= 0 && depth < targetDepth { return lines }
            case 0x2C /* , */:
                if depth == targetDepth { expectingElement = true }
            default:
                if depth == targetDepth && expectingElement {
                    lines.append(line)
                    expectingElement = false
                }
            }
        }
        return lines
    }
}
