/// Windows events as XML, as `wevtutil qe LOG /f:xml` writes them (with or without `/e:Events` wrapping
/// them in a root element; `/f:RenderedXml` too) and as Microsoft's event schema defines them:
///
/// ```xml
/// <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>
///   <System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>3</EventID>
///     <TimeCreated SystemTime='2020-08-07T18:32:07.3400000Z'/><Channel>…</Channel><Computer>…</Computer></System>
///   <EventData><Data Name='UtcTime'>2020-08-07 18:32:07.339</Data>…</EventData>
/// </Event>
/// ```
///
/// A focused reader of that shape, not a general XML parser: elements, attributes, text, the five
/// predefined entities and character references, comments, CDATA, the XML declaration. An event whose
/// markup is broken is reported with its line and skipped up to the next `<Event`.
struct WindowsEventXMLReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var line = 1

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Whether the text is Windows event XML: it starts with markup and has an `<Event` element early on.
    static func isWindowsEventXML(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }),
              text[first] == 0x3C /* < */ else { return false }
        let sample = UnsafeBufferPointer(rebasing: text[first..<min(text.count, first + (1 << 16))])
        return nextEventStart(in: sample, from: 0) != nil
    }

    static func read(_ text: UnsafeBufferPointer<UInt8>, fileIndex: Int, ingest: inout FileIngest,
                     extras: inout NativeFileExtras) -> [PendingWindowsConnection] {
        var reader = WindowsEventXMLReader(text)
        var entries: [WindowsEventEntry] = []
        while let outcome = reader.nextEvent() {
            switch outcome {
            case .success(let record): entries.append(WindowsEventEntry(record))
            case .failure(let problem): entries.append(.unreadable(line: problem.line, message: "malformed XML: \(problem.reason)"))
            }
        }
        // XML carries UTC system times: no local time to correct.
        return WindowsEventReading.connections(from: entries, offsets: LocalTimeOffsets(), fileIndex: fileIndex,
                                               ingest: &ingest, extras: &extras)
    }

    struct Problem: Error {
        var line: Int
        var reason: String
    }

    // MARK: - Events

    /// The next `<Event>` element, or nil at the end of the text.
    private mutating func nextEvent() -> Result<WindowsEventRecord, Problem>? {
        guard let start = Self.nextEventStart(in: bytes, from: position) else {
            position = bytes.count
            return nil
        }
        advance(to: start)
        let eventLine = line
        do {
            return .success(try readEvent(startLine: eventLine))
        } catch {
            // Resynchronise on the next event, so one broken record costs only itself.
            let resume = Self.nextEventStart(in: bytes, from: max(position, start + 1)) ?? bytes.count
            advance(to: resume)
            return .failure(error)
        }
    }

    /// Reads from `<Event` to its `</Event>`, collecting the fields the mappings use.
    private mutating func readEvent(startLine: Int) throws(Problem) -> WindowsEventRecord {
        var record = WindowsEventRecord(line: startLine)
        var path: [String] = []
        var text: [UInt8] = []
        var dataName: String?
        while true {
            guard position < bytes.count else { throw Problem(line: startLine, reason: "<Event> is not closed") }
            if bytes[position] != 0x3C {
                try readText(into: &text)
                continue
            }
            if starts(with: "<!--") {
                try skip(past: "-->", what: "comment")
                continue
            }
            if starts(with: "<![CDATA[") {
                position += 9
                let end = try locate("]]>", what: "CDATA section")
                try checkLength(text.count + end - position)
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
                advance(to: end + 3)
                continue
            }
            if starts(with: "<?") || starts(with: "<!") {
                try skip(past: ">", what: "declaration")
                continue
            }
            let tag = try readTag()
            if tag.isEnd {
                guard let open = path.last, open == tag.name else {
                    throw Problem(line: line, reason: "</\(tag.name)> does not close <\(path.last ?? "")>")
                }
                let value = String(decoding: text, as: UTF8.self)
                apply(element: tag.name, parent: path.count >= 2 ? path[path.count - 2] : "", text: value,
                      dataName: dataName, to: &record)
                path.removeLast()
                text.removeAll(keepingCapacity: true)
                if tag.name == "Data" { dataName = nil }
                if path.isEmpty { return record }
                continue
            }
            if tag.name == "Event" && !path.isEmpty {
                throw Problem(line: line, reason: "<Event> inside an <Event>")
            }
            text.removeAll(keepingCapacity: true)
            switch tag.name {
            case "Provider": if let name = tag.attributes["Name"] { record.providerName = name }
            case "TimeCreated": record.systemTime = tag.attributes["SystemTime"]
            case "Data": dataName = tag.attributes["Name"]
            default: break
            }
            if tag.isEmpty {
                // `<Data Name='X'/>`: present and empty.
                if tag.name == "Data", let name = dataName, path.last == "EventData" {
                    record.data[name] = ""
                    dataName = nil
                }
                if path.isEmpty { return record }
                continue
            }
            path.append(tag.name)
        }
    }

    private func apply(element: String, parent: String, text: String, dataName: String?, to record: inout WindowsEventRecord) {
        switch (parent, element) {
        case ("System", "EventID"): record.eventID = Int(text.trimmingSpacesAndTabs())
        case ("System", "Channel"): record.channel = text
        case ("System", "Computer"): record.computer = text
        case ("EventData", "Data"):
            if let dataName { record.data[dataName] = text }
        case ("RenderingInfo", "Message"): record.message = text
        default: break
        }
        if parent == "EventData", element == "Data", let dataName, dataName == "ProcessId" || dataName == "ProcessID" {
            record.structuredProcessID = text
        }
    }

    // MARK: - Markup

    private struct Tag {
        var name: String
        var attributes: [String: String] = [:]
        var isEnd = false
        /// `<name/>`.
        var isEmpty = false
    }

    /// A start, end or empty-element tag at `position` (which is at `<`). Names lose any namespace prefix.
    private mutating func readTag() throws(Problem) -> Tag {
        let tagLine = line
        position += 1
        var tag = Tag(name: "")
        if position < bytes.count && bytes[position] == 0x2F /* / */ {
            tag.isEnd = true
            position += 1
        }
        tag.name = localName(readName())
        guard !tag.name.isEmpty else { throw Problem(line: tagLine, reason: "a tag without a name") }
        while true {
            skipSpace()
            guard position < bytes.count else { throw Problem(line: tagLine, reason: "<\(tag.name)> is not closed with '>'") }
            let byte = bytes[position]
            if byte == 0x3E /* > */ {
                position += 1
                return tag
            }
            if byte == 0x2F && position + 1 < bytes.count && bytes[position + 1] == 0x3E && !tag.isEnd {
                tag.isEmpty = true
                position += 2
                return tag
            }
            guard !tag.isEnd else { throw Problem(line: tagLine, reason: "unexpected text in </\(tag.name)>") }
            let name = readName()
            guard !name.isEmpty else { throw Problem(line: tagLine, reason: "unexpected character in <\(tag.name)>") }
            skipSpace()
            guard position < bytes.count, bytes[position] == 0x3D /* = */ else {
                throw Problem(line: tagLine, reason: "attribute \(name) of <\(tag.name)> has no value")
            }
            position += 1
            skipSpace()
            guard position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 else {
                throw Problem(line: tagLine, reason: "attribute \(name) of <\(tag.name)> is not quoted")
            }
            let quote = bytes[position]
            position += 1
            var value: [UInt8] = []
            while position < bytes.count && bytes[position] != quote {
                if bytes[position] == 0x3C { throw Problem(line: tagLine, reason: "'<' in an attribute value") }
                if bytes[position] == 0x26 /* & */ {
                    try readReference(into: &value)
                } else {
                    if bytes[position] == 0x0A { line += 1 }
                    value.append(bytes[position])
                    position += 1
                }
            }
            guard position < bytes.count else { throw Problem(line: tagLine, reason: "attribute \(name) is not closed") }
            position += 1
            tag.attributes[localName(name)] = String(decoding: value, as: UTF8.self)
        }
    }

    /// A text value beyond the documented limit ends the event here: it is never collected whole.
    private func checkLength(_ count: Int) throws(Problem) {
        guard count > InputLimits.maximumLineBytes else { return }
        throw Problem(line: line, reason: InputLimits.beyondLimit("a value", bytes: count))
    }

    private mutating func readText(into text: inout [UInt8]) throws(Problem) {
        let textEnd = bytes[position...].firstIndex(of: 0x3C) ?? bytes.count
        try checkLength(text.count + textEnd - position)
        while position < bytes.count && bytes[position] != 0x3C {
            if bytes[position] == 0x26 {
                try readReference(into: &text)
            } else {
                if bytes[position] == 0x0A { line += 1 }
                text.append(bytes[position])
                position += 1
            }
        }
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#NN;` `&#xHH;` at `position`.
    private mutating func readReference(into text: inout [UInt8]) throws(Problem) {
        let start = position
        position += 1
        while position < bytes.count && bytes[position] != 0x3B /* ; */ && position - start < 12 { position += 1 }
        guard position < bytes.count, bytes[position] == 0x3B else { throw Problem(line: line, reason: "'&' not starting a reference") }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<position]), as: UTF8.self)
        position += 1
        let scalar: Unicode.Scalar?
        switch name {
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "amp": scalar = "&"
        case "quot": scalar = "\""
        case "apos": scalar = "'"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init)
            } else {
                scalar = nil
            }
        }
        guard let scalar else { throw Problem(line: line, reason: "unknown reference &\(name);") }
        UTF8.encode(scalar) { text.append($0) }
    }

    private mutating func readName() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            let isNameByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte == 0x3A || byte >= 0x80
            guard isNameByte else { break }
            position += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private mutating func skipSpace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0A
                || bytes[position] == 0x0D {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
    }

    private func starts(with literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for index in 0..<count where bytes[position + index] != literal.utf8Start[index] { return false }
        return true
    }

    private mutating func skip(past terminator: StaticString, what: String) throws(Problem) {
        let end = try locate(terminator, what: what)
        advance(to: end + terminator.utf8CodeUnitCount)
    }

    /// Where `terminator` next occurs from `position`.
    private func locate(_ terminator: StaticString, what: String) throws(Problem) -> Int {
        let needle = Array(UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount))
        guard let index = Self.find(needle, in: bytes, from: position) else {
            throw Problem(line: line, reason: "\(what) is not closed")
        }
        return index
    }

    /// Moves to `target`, counting the lines passed.
    private mutating func advance(to target: Int) {
        while position < target {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
    }

    private static func nextEventStart(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let needle = Array("<Event".utf8)
        var from = start
        while let index = find(needle, in: bytes, from: from) {
            let after = index + needle.count
            if after < bytes.count {
                let next = bytes[after]
                if next == 0x20 || next == 0x3E || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x2F { return index }
            }
            from = index + 1
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
