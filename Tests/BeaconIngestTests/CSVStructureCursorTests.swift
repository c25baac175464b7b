@testable import BeaconIngest
import Testing

/// `CSVTokenizer.scanUnquotedRecord` (the structure cursor's fast path) against `scanRecord`, the one
/// statement of the CSV rules: wherever the fast path answers, it must answer exactly as `scanRecord` does.
@Suite struct CSVStructureCursorTests {
    /// What a scan of one record gave: its fields' bounds, how it ended, and where it left the position.
    struct Scan: Equatable {
        var fields: [Int]
        var fieldCount: Int
        var terminated: Bool
        var hasProblem: Bool
        var position: Int
        var line: Int

        init(_ end: CSVTokenizer.RecordEnd, fields: [Int], position: Int, line: Int) {
            self.fields = fields
            fieldCount = end.fieldCount
            terminated = end.terminated
            hasProblem = end.problem != nil
            self.position = position
            self.line = line
        }
    }

    /// Every record of `bytes` in order, each read by the fast path where it answers (counted in `fast`)
    /// and by `scanRecord` otherwise (in `slow`), as the CSV parser reads them; each record the fast path
    /// answers is checked against `scanRecord` from the same start.
    static func compare(_ bytes: [UInt8]) -> (fast: Int, slow: Int, mismatches: [String]) {
        var fast = 0, slow = 0, mismatches: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!, n = buffer.count
            var cursor = CSVStructureCursor(p, limit: n)
            var position = 0, line = 1
            while position < n {
                let start = position, startLine = line
                var quickFields: [Int] = []
                if let end = CSVTokenizer.scanUnquotedRecord(p, count: n, cursor: &cursor, position: &position, line: &line,
                                                             field: { _, field in quickFields += [field.start, field.end] }) {
                    var referenceFields: [Int] = [], referencePosition = start, referenceLine = startLine
                    let referenceEnd = CSVTokenizer.scanRecord(p, count: n, position: &referencePosition,
                                                               line: &referenceLine) { _, field in
                        referenceFields += [field.start, field.end]
                    }
                    if Scan(end, fields: quickFields, position: position, line: line)
                        != Scan(referenceEnd, fields: referenceFields, position: referencePosition, line: referenceLine) {
                        mismatches.append("\(String(decoding: bytes, as: UTF8.self).debugDescription) at \(start)")
                    }
                    fast += 1
                } else {
                    position = start
                    line = startLine
                    _ = CSVTokenizer.scanRecord(p, count: n, position: &position, line: &line) { _, _ in }
                    slow += 1
                }
            }
        }
        return (fast, slow, mismatches)
    }

    @Test func fieldsOfAPlainRecordAreFoundWithoutReadingByteByByte() {
        // "ab,,c" then CR LF, then a record padded past the 64-byte window the cursor needs.
        let bytes = Array("ab,,c\r\nxyz\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 80) + [0x0A]
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = CSVStructureCursor(buffer.baseAddress!, limit: buffer.count)
            var position = 0, line = 1, fields: [[Int]] = []
            let end = CSVTokenizer.scanUnquotedRecord(buffer.baseAddress!, count: buffer.count, cursor: &cursor,
                                                      position: &position, line: &line) { _, field in
                fields.append([field.start, field.end])
            }
            #expect(fields == [[0, 2], [3, 3], [4, 5]])
            #expect(end?.fieldCount == 3)
            #expect(end?.terminated == true)
            #expect(position == 7)  // past CR and LF
            #expect(line == 2)
        }
    }

    @Test func recordsWithQuotesOrNearTheEndAreLeftToTheByteScanner() {
        let quoted = Array("a,\"b\",c\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 80) + [0x0A]
        quoted.withUnsafeBufferPointer { buffer in
            var cursor = CSVStructureCursor(buffer.baseAddress!, limit: buffer.count)
            var position = 0, line = 1
            #expect(CSVTokenizer.scanUnquotedRecord(buffer.baseAddress!, count: buffer.count, cursor: &cursor,
                                                    position: &position, line: &line) { _, _ in } == nil)
            #expect(line == 1)
        }
        // A quote inside an unquoted field is data to scanRecord; the fast path still declines it.
        #expect(Self.compare(Array("ab\"c,d\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 70) + [0x0A]).slow == 2)
        // Fewer than 64 bytes left: no window fits, every record goes byte by byte.
        let short = Self.compare(Array("a,b\nc,d\n".utf8))
        #expect(short.fast == 0 && short.slow == 2)
    }

    /// Every string of six bytes drawn from a letter, comma, quote, LF and CR, placed at the start of a
    /// buffer and across the first window's edge (at offsets 58, 60, 62 and 63), with letters around, a
    /// comma further on and a final LF.
    @Test func agreesWithScanRecordOnEveryShortPatternAtEveryWindowEdge() {
        let alphabet = Array("a,\"\n\r".utf8)
        var fast = 0, slow = 0, mismatches: [String] = []
        for offset in [0, 58, 60, 62, 63] {
            for code in 0..<15_625 {
                var pattern: [UInt8] = [], rest = code
                for _ in 0..<6 {
                    pattern.append(alphabet[rest % 5])
                    rest /= 5
                }
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 200)
                bytes.replaceSubrange(offset..<offset + 6, with: pattern)
                bytes[130] = UInt8(ascii: ",")
                bytes[199] = 0x0A
                let result = Self.compare(bytes)
                fast += result.fast
                slow += result.slow
                mismatches += result.mismatches.prefix(3)
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.prefix(5))")
        // Both paths are taken, so the comparison means something.
        #expect(fast > 50_000)
        #expect(slow > 10_000)
    }
}
