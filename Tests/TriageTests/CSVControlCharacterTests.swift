import BeaconEngine
import Foundation
import Testing
@testable import Triage

/// Issue 17 item 5: no CSV the program writes carries a raw control byte, a C1 control or an invisible
/// format character, so `cat` of the file cannot retitle the terminal, write its clipboard (OSC 52) or hide
/// text; the characters are escaped as the table prints them.
@Suite struct CSVControlCharacterTests {
    /// OSC 52 (clipboard), ESC [ 2 J (clear), a C1 CSI, DEL, RIGHT-TO-LEFT OVERRIDE and ZERO WIDTH SPACE.
    static let device = "ws\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\u{9B}31m\u{7F}\u{202E}x\u{200B}y"

    static let analysis: BeaconAnalysis = {
        let events = Fixture.series(device: device, account: "svc", process: "c2.exe", ip: "203.0.113.66", port: 443,
                                    url: "www.evil.example", gaps: Array(repeating: 60, count: 16))
        return BeaconQuery.run(EventTable(events), parameters: QueryParameters(mode: .corrected))
    }()

    @Test func oneCellIsEscapedAsWorkedOutByHand() {
        // Each character in the table's notation: \xHH below U+0100, <U+HHHH> above; no comma or quote is
        // left, so the cell is not quoted.
        #expect(csvCell(.string(Self.device))
                == #"ws\x1b]52;c;aGk=\x07\x1b[2J\x9b31m\x7f<U+202E>x<U+200B>y"#)
        // Tab, CR and LF are escaped too (a record stays one line), after the formula defusing.
        #expect(csvCell(.string("\t=1+1\r\nok")) == #"'\x09=1+1\x0d\x0aok"#)
        // A tag character (category Cf, beyond the BMP) and U+2060 WORD JOINER.
        #expect(csvCell(.string("a\u{E0041}b\u{2060}c")) == "a<U+E0041>b<U+2060>c")
        // Inside a list, after its JSON (which already writes C0 as \u00XX).
        #expect(csvCell(.stringArray(["p\u{202E}q", "r\u{1B}s"])) == #""[""p<U+202E>q"",""r\u001bs""]""#)
    }

    @Test func analyzeAndExportCSVCarryNoControlOrInvisibleCharacter() throws {
        let beacon = try #require(Self.analysis.beacons.first)
        let analyzed = AnalysisReport.render([beacon], format: .csv, explain: true)
        let exported = CSVExport.render([ExportRow(candidate: beacon, status: .new, decision: nil)])
        for text in [analyzed, exported] {
            #expect(text.contains(#"ws\x1b]52;c;aGk=\x07\x1b[2J\x9b31m\x7f<U+202E>x<U+200B>y"#))
            let bytes = Array(text.utf8)
            for (index, byte) in bytes.enumerated() where byte < 0x20 {
                // Only the record separator CR LF.
                #expect((byte == 0x0D && bytes[index + 1] == 0x0A) || (byte == 0x0A && bytes[index - 1] == 0x0D))
            }
            #expect(!bytes.contains(0x7F))
            #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
            #expect(!text.unicodeScalars.contains("\u{202E}") && !text.unicodeScalars.contains("\u{200B}"))
        }
    }
}
