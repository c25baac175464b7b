import Foundation
import Testing

/// Issue 17 item 5, through the built binary: `analyze --format csv` and `export --out x.csv` passed ESC,
/// OSC 52, C1 and BEL through, so printing the file could write the terminal's clipboard.
@Suite struct ControlBytesInCSVCLITests {
    /// OSC 52 (clipboard write), ESC [ 2 J, a C1 CSI (U+009B), DEL, U+202E and U+200B in one device name.
    static let device = "ws\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\u{9B}1m\u{7F}\u{202E}x\u{200B}y"
    /// The name's cell escaped by hand in the table's notation.
    static let escaped = #"ws\x1b]52;c;aGk=\x07\x1b[2J\x9b1m\x7f<U+202E>x<U+200B>y"#

    static func writeEvents(to path: String) throws {
        var lines = ["Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain"]
        for minute in 0..<20 {
            lines.append(String(format: "2024-01-01T01:%02d:00Z", minute) + ",id1,\(device),ConnectionSuccess,203.0.113.7,443,,Public,c2.exe,eve,lab")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func checkHasNoControlBytes(_ text: String) {
        #expect(text.contains(escaped), "the device's cell: \(text.debugDescription)")
        let bytes = Array(text.utf8)
        let stray = bytes.indices.filter { index in
            let byte = bytes[index]
            guard byte < 0x20 else { return false }
            return !((byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A)
                     || (byte == 0x0A && index > 0 && bytes[index - 1] == 0x0D))
        }
        #expect(stray.isEmpty, "bytes below 0x20 at \(stray)")
        #expect(!bytes.contains(0x7F))
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
        #expect(!text.unicodeScalars.contains("\u{202E}") && !text.unicodeScalars.contains("\u{200B}"))
    }

    @Test func analyzeCSVAndExportCSVEscapeEveryControlAndInvisibleCharacter() throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("hostile.csv"), out = scratch.path("x.csv")
        try Self.writeEvents(to: data)
        let analyzed = try cli(["analyze", data, "--format", "csv"])
        #expect(analyzed.status == 0, "\(analyzed.errors)")
        Self.checkHasNoControlBytes(analyzed.output)
        let exported = try cli(["export", data, "--out", out])
        #expect(exported.status == 0, "\(exported.errors)")
        Self.checkHasNoControlBytes(try String(contentsOfFile: out, encoding: .utf8))
    }
}
