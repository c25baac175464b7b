import Foundation
import Testing
import TmuxTesting

/// Data written by an attacker's machine, shown in a real terminal: escape sequences, bidirectional
/// overrides and spreadsheet formulas in process and device names must arrive as visible text.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct HostileDataInTmuxTests {
    static let names: [(device: String, process: String)] = [
        ("ws-title", "\u{1B}]0;pwned\u{07}x.exe"),   // would set the terminal's title to "pwned"
        ("ws\u{1B}[2J", "clear.exe"),                 // would clear the screen
        ("ws-rtl", "\u{202E}gpj.exe"),                // shows as "exe.jpg" in a terminal that obeys it
        ("ws-formula", "=HYPERLINK(\"http://evil.example\",\"ok\")"),
        ("ws-wide", "北京上海.exe"),                   // two cells a character
    ]

    /// 20 connections a minute apart for each name, each to its own public address: five perfect beacons.
    static func writeEvents(to path: String) throws {
        var lines = ["Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain"]
        for (index, name) in names.enumerated() {
            for minute in 0..<20 {
                let time = String(format: "2024-01-01T0%d:%02d:00Z", index + 1, minute)
                let process = "\"" + name.process.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                lines.append("\(time),id\(index),\(name.device),ConnectionSuccess,203.0.113.\(index + 1),443,,Public,\(process),eve,lab")
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func escapesShowAsTextAndTheExportIsPlainCells() throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("hostile.csv")
        try Self.writeEvents(to: data)
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, data, "--triage", scratch.path("t.triage.toml")],
                                   width: 120, height: 40, workingDirectory: scratch.url.path)
        try pane.waitFor("Beacons 5", timeout: .seconds(60))
        var screens: [String] = []
        for row in 0..<5 {
            if row > 0 { try pane.sendKeys("j") }
            screens.append(try pane.waitFor("\(row + 1)/5"))
        }
        let seen = screens.joined(separator: "\n")
        #expect(seen.contains(#"\x1b]0;pwned\x07x.exe"#))
        #expect(seen.contains(#"ws\x1b[2J"#))
        #expect(seen.contains("<U+202E>gpj.exe"))
        #expect(seen.contains("=HYPERLINK(\"http://evil.example\""))
        #expect(seen.contains("北京上海.exe"))
        // Nothing acted on the terminal: the title was not set, and every line is as wide as the pane.
        #expect(try !pane.format("#{pane_title}").contains("pwned"))
        for screen in screens {
            for line in screen.split(separator: "\n") {
                #expect(Self.cells(line) <= 120, "a line overflows: \(line)")
            }
            // The list's box keeps its right edge on the wide row as on the others.
            let boxed = screen.split(separator: "\n").filter { $0.hasPrefix("┃") && $0.contains("203.0.113.") }
            #expect(boxed.count == 5)
            #expect(Set(boxed.map { Self.cells($0) }).count == 1, "ragged rows: \(boxed)")
        }

        try pane.sendKeys("a")
        try pane.waitFor("5 selected")
        try pane.sendKeys("e")
        try pane.waitFor("Export as")
        try pane.sendKeys("Enter")
        try pane.waitFor("beacons.csv")
        try pane.sendKeys("Enter")
        try pane.waitFor("exported 5 beacons")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)

        // A spreadsheet sees text: the formula cell starts with an apostrophe, quoted per RFC 4180.
        let csv = try String(contentsOfFile: scratch.path("beacons.csv"), encoding: .utf8)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"ok\"\")\""))
        for line in csv.split(separator: "\r\n") {
            for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                #expect(!cell.hasPrefix("=") && !cell.hasPrefix("\"="), "formula cell: \(cell)")
            }
        }
    }

    /// Display cells: CJK ideographs take two, everything else shown here one.
    static func cells(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { $0 + ((0x4E00...0x9FFF).contains($1.value) ? 2 : 1) }
    }
}
