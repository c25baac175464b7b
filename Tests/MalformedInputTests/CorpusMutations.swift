import Foundation

/// Builds the malformed corpus from the clean documents. Each mutation says what it broke, so the rows that
/// must still load, and the line (and field) of the message, follow from how the file was made.
enum CorpusMutations {
    static let count = CorpusFormat.recordCount

    static func cases(for format: CorpusFormat) throws -> [CorpusCase] {
        let records = try CorpusBase.records(format)
        let base = try CorpusBase.render(format, records)
        var cases: [CorpusCase] = []
        func add(_ name: String, _ bytes: [UInt8], _ expected: CorpusCase.Expectation) {
            cases.append(CorpusCase(name: name, format: format, content: .bytes(bytes), expected: expected))
        }
        func rows(_ loaded: Int, faulty: [Int] = [], required: [CorpusCase.RequiredIssue] = []) -> CorpusCase.Expectation {
            .rows(loaded: loaded...loaded, faultyLines: Set(faulty), required: required)
        }
        /// A cell of one record changed: that record is skipped with the cell named, the others load.
        func badCell(_ name: String, index: Int, field: String, value: String) throws {
            var changed = records
            changed[index][field] = cellValue(format, field, value)
            let line = base.line(ofRecord: index)
            add(name, try CorpusBase.render(format, changed).bytes,
                rows(count - 1, faulty: [line], required: [.init(line: line, field: reportedName(format, field))]))
        }

        // Cut inside record 4: records 1–3 load, the cut record is reported at its line.
        var cut = base
        cut.records = Array(base.records.prefix(4))
        cut.records[3] = String(cut.records[3].prefix(cut.records[3].count / 2))
        cut.tail = []
        add("truncated-mid-row", Array((cut.head + cut.records).joined(separator: "\n").utf8),
            rows(3, faulty: [base.line(ofRecord: 3)], required: [.init(line: base.line(ofRecord: 3), field: nil)]))

        // Cut three characters after the first quote of record 6 (a quoted CSV cell, a JSON string, an XML
        // attribute): records 1–5 load.
        if let quote = base.records[5].firstIndex(where: { $0 == "\"" || $0 == "'" }) {
            var cutQuote = base
            cutQuote.records = Array(base.records.prefix(6))
            let record = base.records[5]
            let afterQuote = record.index(after: quote)
            cutQuote.records[5] = String(record[..<afterQuote]) + String(record[afterQuote...].prefix(3))
            cutQuote.tail = []
            add("truncated-mid-quote", Array((cutQuote.head + cutQuote.records).joined(separator: "\n").utf8),
                rows(5, faulty: [base.line(ofRecord: 5)], required: [.init(line: base.line(ofRecord: 5), field: nil)]))
        }

        // Seeded byte flips inside records (letters and digits to other letters and digits, so no record
        // boundary moves): the untouched records all load, and only touched lines are reported.
        for seed in UInt64(1)...3 {
            let (bytes, touched) = flipped(base, seed: seed, flips: 3)
            add("byte-flips-seed\(seed)", bytes, .rows(loaded: (count - touched.count)...count, faultyLines: touched, required: []))
        }

        // Bytes inserted into one record's text value: that record may be refused (JSON has no room for them),
        // never another.
        let marker = textMarker(format)
        for (name, inserted, index) in [("invalid-utf8", [UInt8]([0xC3, 0x28, 0xFF]), 1), ("nul-byte", [0], 2)] {
            var bytes = base.bytes
            let line = base.line(ofRecord: index)
            let at = try offset(of: marker, inLine: line, of: bytes) + 4
            bytes.insert(contentsOf: inserted, at: at)
            add(name, bytes, .rows(loaded: (count - 1)...count, faultyLines: [line], required: []))
        }

        // Line ends: CRLF on every other line, LF on the rest; and a UTF-8 byte order mark. Nothing lost.
        let lines = base.head + base.records + base.tail
        add("crlf-lf-mix", Array(lines.enumerated().map { $0.element + ($0.offset % 2 == 0 ? "\r\n" : "\n") }.joined().utf8), rows(count))
        add("bom", [0xEF, 0xBB, 0xBF] + base.bytes, rows(count))
        // Two marks, as a tool that adds one on every save leaves: both dropped, nothing lost.
        add("bom-twice", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + base.bytes, rows(count))

        // Only the lines around the records (a header, an empty array): nothing to load, nothing wrong; or,
        // for formats without a header, nothing at all.
        let headerOnly: CorpusCase.Expectation = base.head.isEmpty ? .fileError(.empty)
            : format == .windowsXML ? .fileError(.unknownFormat) : rows(0)
        add("header-only", base.head.isEmpty ? [] : Array((base.head + base.tail).joined(separator: "\n").utf8), headerOnly)
        add("empty", [], .fileError(.empty))
        add("blank-lines-only", Array("\n \r\n\t\n".utf8), .fileError(.empty))

        // Record 5 replaced by 10 MB on one line: refused, the nine others load.
        var long = base
        // (The array formats keep the record's comma: the element after it stays an element of its own.)
        long.records[4] = String(repeating: "A", count: 10 << 20) + (base.records[4].hasSuffix(",") ? "," : "")
        add("10mb-line", long.bytes, rows(count - 1, faulty: [base.line(ofRecord: 4)],
                                           required: format == .windowsXML ? [] : [.init(line: base.line(ofRecord: 4), field: nil)]))

        if format == .defenderCSV {
            // Record 4 opens a quote it never closes validly: only its line is lost (issue 17 item 6).
            var stray = base
            stray.records[3] = "\"" + base.records[3]
            add("stray-quote", stray.bytes, rows(count - 1, faulty: [base.line(ofRecord: 3)]))
            // Record 5 replaced by 17 MB on one line, over the 16 MiB cap: skipped unread (issue 17 item 2).
            var overCap = base
            overCap.records[4] = String(repeating: "A", count: 17 << 20)
            let line = base.line(ofRecord: 4)
            add("17mb-line", overCap.bytes, rows(count - 1, faulty: [line], required: [.init(line: line, field: nil)]))
        }

        // Columns in the opposite order: read by name, nothing lost.
        if format.isCSV || format == .zeekTSV {
            let reversed = records.map { CorpusRecord(names: $0.names.reversed(), values: $0.values.reversed()) }
            add("columns-reordered", try CorpusBase.render(format, reversed).bytes, rows(count))
        }
        // A required column gone from every record: the file is refused naming it (Zeek: every record says so).
        if format.isCSV || [.defenderJSONArray, .defenderJSONLines, .advancedHunting, .kustoJSON].contains(format) {
            let without = records.map { record -> CorpusRecord in var copy = record; copy["RemotePort"] = nil; return copy }
            add("column-missing", try CorpusBase.render(format, without).bytes, .fileError(.missingColumns))
        } else if format == .zeekTSV || format == .zeekJSON {
            let without = records.map { record -> CorpusRecord in var copy = record; copy["ts"] = nil; return copy }
            let all = (0..<count).map { base.line(ofRecord: $0) }
            add("column-missing", try CorpusBase.render(format, without).bytes,
                rows(0, faulty: all, required: all.map { .init(line: $0, field: "ts") }))
        }

        try badCell("time-out-of-range", index: 2, field: format.timeField, value: format.timeOutOfRange)
        var future = records
        future[2][format.timeField] = cellValue(format, format.timeField, format.timeInTheFuture)
        add("time-in-the-future", try CorpusBase.render(format, future).bytes, rows(count))
        if format.timeField == "Timestamp" {
            // Issue 17: a row dated 9999-12-31 loads (the window's anchor sets it aside), and nine fractional
            // digits are truncated to the tick with a note, the row loaded, not skipped.
            for (name, time) in [("time-year-9999", "9999-12-31T00:00:00Z"), ("time-nanoseconds", "2020-08-07T18:32:07.123456789Z")] {
                var changed = records
                changed[2][format.timeField] = cellValue(format, format.timeField, time)
                add(name, try CorpusBase.render(format, changed).bytes, rows(count))
            }
        }
        try badCell("port-out-of-range", index: 6, field: format.portField, value: "70000")
        try badCell("ip-malformed", index: 7, field: format.addressField, value: "203.0.113.300")

        if format.isJSON {
            // Record 5 loses its closing brace: as a line, only it is lost; inside an array it runs on to the end.
            var unclosed = base
            unclosed.records[4] = removingLastBrace(unclosed.records[4])
            let line = base.line(ofRecord: 4)
            add("json-unclosed-object", unclosed.bytes,
                rows(format.isOneDocument ? 4 : count - 1, faulty: [line], required: [.init(line: line, field: nil)]))
            var extra = base
            extra.records[4] = addingBrace(extra.records[4])
            add("json-extra-brace", extra.bytes, rows(count - 1, faulty: [line], required: [.init(line: line, field: nil)]))
        }

        if format == .zeekTSV {
            // Without #fields nothing says what a value is: every record is reported; without any header the
            // file is not a Zeek log, and not a CSV export either.
            var noFields = base
            noFields.head.removeAll { $0.hasPrefix("#fields") }
            let all = (0..<count).map { noFields.line(ofRecord: $0) }
            add("zeek-fields-header-missing", noFields.bytes, rows(0, faulty: all, required: all.map { .init(line: $0, field: nil) }))
            var noHeaders = base
            noHeaders.head = []
            noHeaders.tail = []
            add("zeek-headers-missing", noHeaders.bytes, .fileError(.missingColumns))
        }

        if format == .defenderJSONLines {
            // One record over the 16 MiB line limit: skipped and reported at its line, never read whole.
            var long = base
            long.records[4] = String(long.records[4].dropLast()) + ", \"padding\": \"" + String(repeating: "x", count: 16 << 20) + "\"}"
            add("line-over-16-mib", long.bytes, rows(count - 1, faulty: [base.line(ofRecord: 4)],
                                                      required: [.init(line: base.line(ofRecord: 4), field: nil)]))
        }

        // gzip with a byte of the deflate stream flipped, and cut at two thirds.
        let compressed = try FixtureData.gzip(["-c", "-n"], base.bytes)
        var corrupt = compressed
        corrupt[corrupt.count / 2] ^= 0xFF
        add("gzip-corrupted", corrupt, .fileError(.corruptGzip))
        // Cut at two thirds: the records gzip itself inflates before the cut load, the line it cuts is left
        // out and reported.
        let truncated = Array(compressed.prefix(compressed.count * 2 / 3))
        let inflated = try FixtureData.gzip(["-d", "-c"], truncated).count
        add("gzip-truncated", truncated, gzipCut(base, inflatedBytes: inflated, headerOnly: headerOnly))

        if format == .defenderJSONArray {
            // JSON, but no event objects: said so, not "missing required columns".
            add("bare-string", Array("\"Timestamp\"\n".utf8), .fileError(.unknownFormat))
            add("bare-number", Array("42".utf8), .fileError(.unknownFormat))
            add("array-of-numbers", Array("[1, 2, 3]\n".utf8), .fileError(.unknownFormat))
        }
        cases.append(CorpusCase(name: "fifo", format: format, content: .fifo, expected: .fileError(.notRegularFile)))
        cases.append(CorpusCase(name: "symlink-loop", format: format, content: .symlinkLoop, expected: .fileError(.unreadable)))
        cases.append(CorpusCase(name: "directory-instead-of-file", format: format, content: .directory, expected: .fileError(.noFiles)))
        cases.append(CorpusCase(name: "unreadable", format: format, content: .unreadable(base.bytes), expected: .fileError(.unreadable)))
        return cases
    }

    // MARK: Helpers

    /// What a gzip file cut after `inflatedBytes` of content keeps: the records whose line, line feed
    /// included, is wholly before the cut; the line the cut falls in is reported. Cut in the first record,
    /// the file is its header alone (`headerOnly`).
    static func gzipCut(_ base: CorpusText, inflatedBytes: Int, headerOnly: CorpusCase.Expectation) -> CorpusCase.Expectation {
        var offset = base.head.reduce(0) { $0 + $1.utf8.count + 1 }
        guard offset <= inflatedBytes else { return .fileError(.corruptGzip) }
        for (index, record) in base.records.enumerated() {
            let end = offset + record.utf8.count
            if end >= inflatedBytes {
                let line = base.line(ofRecord: index)
                if index == 0, case .fileError = headerOnly { return headerOnly }
                return .rows(loaded: index...index, faultyLines: [line], required: [.init(line: line, field: nil)])
            }
            offset = end + 1
        }
        // Cut in the lines after the records (a closing bracket): every record loads.
        let after = base.line(ofRecord: base.records.count - 1) + 1
        return .rows(loaded: base.records.count...base.records.count, faultyLines: Set(after...(after + base.tail.count)),
                     required: [])
    }

    /// A cell's value as the format's records hold it (Windows JSON keeps JSON text).
    static func cellValue(_ format: CorpusFormat, _ field: String, _ value: String) -> String {
        format == .windowsJSON ? CorpusBase.fragment(value) : value
    }

    /// The field name an issue carries for a cell (the XML reader names the element, `TimeCreated`).
    static func reportedName(_ format: CorpusFormat, _ field: String) -> String { field }

    /// A text value every record of the format holds, at least 5 characters long, to insert bytes into.
    static func textMarker(_ format: CorpusFormat) -> String {
        switch format {
        case .defenderCSV, .defenderJSONArray, .defenderJSONLines, .advancedHunting, .kustoCSV, .kustoJSON: "workstation5"
        case .windowsJSON: "WORKSTATION5"
        case .windowsXML: "WS01.Corp"
        case .zeekTSV, .zeekJSON: "10.136.0.16"
        }
    }

    /// The byte offset of `marker` on 1-based line `line` of `bytes`.
    static func offset(of marker: String, inLine line: Int, of bytes: [UInt8]) throws -> Int {
        var start = 0
        for _ in 1..<line { start = bytes[start...].firstIndex(of: 0x0A)! + 1 }
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        let needle = Array(marker.utf8)
        for index in start..<(end - needle.count) where bytes[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        throw CorpusError(message: "no \(marker) on line \(line)")
    }

    /// `flips` letters or digits of the records replaced by other letters or digits (SplitMix64 from `seed`);
    /// the lines touched.
    static func flipped(_ text: CorpusText, seed: UInt64, flips: Int) -> ([UInt8], Set<Int>) {
        var bytes = text.bytes
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D4_9BB1_3311_EB
            return z ^ (z >> 31)
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        // The records' byte range: after the head's lines, before the tail's.
        let headBytes = text.head.reduce(0) { $0 + $1.utf8.count + 1 }
        let recordBytes = text.records.reduce(0) { $0 + $1.utf8.count + 1 }
        var touched: Set<Int> = []
        var done = 0
        while done < flips {
            let index = headBytes + Int(next() % UInt64(recordBytes))
            guard alphabet.contains(bytes[index]) else { continue }
            var replacement = bytes[index]
            while replacement == bytes[index] { replacement = alphabet[Int(next() % UInt64(alphabet.count))] }
            bytes[index] = replacement
            touched.insert(text.head.count + 1 + bytes[headBytes..<index].filter { $0 == 0x0A }.count)
            done += 1
        }
        return (bytes, touched)
    }

    static func removingLastBrace(_ record: String) -> String {
        var text = record
        if let brace = text.lastIndex(of: "}") { text.remove(at: brace) }
        return text
    }

    static func addingBrace(_ record: String) -> String {
        var text = record
        if let brace = text.lastIndex(of: "}") { text.insert("}", at: brace) }
        return text
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
