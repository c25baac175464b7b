import Testing
@testable import TerminalBackend

/// The clipboard sequence, byte for byte. "203.0.113.66" in base64, worked out by hand from its ASCII
/// codes in groups of three: `203` → MjAz, `.0.` → LjAu, `113` → MTEz, `.66` → LjY2.
@Suite struct OSC52Tests {
    static let escape: UInt8 = 0x1B, bell: UInt8 = 0x07
    static let payload = Array("]52;c;MjAzLjAuMTEzLjY2".utf8)

    @Test func base64PadsTheLastGroup() {
        #expect(OSC52.base64(Array("203.0.113.66".utf8)) == Array("MjAzLjAuMTEzLjY2".utf8))
        // "hi": 0x68 0x69 → 011010 000110 100100 → a G k, one `=`; "h": 011010 000000 → a A, two.
        #expect(OSC52.base64(Array("hi".utf8)) == Array("aGk=".utf8))
        #expect(OSC52.base64(Array("h".utf8)) == Array("aA==".utf8))
        #expect(OSC52.base64([]) == [])
    }

    @Test func plainTerminal() {
        #expect(OSC52.sequence("203.0.113.66", passage: .direct) == [Self.escape] + Self.payload + [Self.bell])
    }

    /// tmux: `ESC P tmux;`, the sequence with its ESC doubled, `ESC \`.
    @Test func throughTmux() {
        let expected = [Self.escape] + Array("Ptmux;".utf8) + [Self.escape, Self.escape] + Self.payload + [Self.bell]
            + [Self.escape, UInt8(ascii: "\\")]
        #expect(OSC52.sequence("203.0.113.66", passage: .tmux) == expected)
    }

    /// screen: `ESC P`, the sequence as it is, `ESC \`.
    @Test func throughScreen() {
        let expected = [Self.escape, UInt8(ascii: "P"), Self.escape] + Self.payload + [Self.bell]
            + [Self.escape, UInt8(ascii: "\\")]
        #expect(OSC52.sequence("203.0.113.66", passage: .screen) == expected)
    }

    /// 300 bytes of text are 400 of base64; with `ESC ] 52;c;` (7) and BEL the sequence is 408 bytes:
    /// under screen, strings of 200, 200 and 8 bytes, each in its own `ESC P … ESC \`.
    @Test func screenCutsALongSequence() {
        let bytes = OSC52.sequence(String(repeating: "a", count: 300), passage: .screen)
        let terminator = [Self.escape, UInt8(ascii: "\\")], introducer = [Self.escape, UInt8(ascii: "P")]
        #expect(bytes.count == 408 + 3 * 4)
        #expect(Array(bytes[0..<2]) == introducer && Array(bytes[202..<204]) == terminator)
        #expect(Array(bytes[204..<206]) == introducer && Array(bytes[406..<408]) == terminator)
        #expect(Array(bytes[408..<410]) == introducer && Array(bytes.suffix(2)) == terminator)
        #expect(bytes[bytes.count - 3] == Self.bell)
    }

    @Test func passageFollowsTheEnvironment() {
        #expect(OSC52.passage(tmux: "/tmp/tmux-1000/default,123,0", term: "screen-256color") == .tmux)
        #expect(OSC52.passage(tmux: nil, term: "screen.xterm-256color") == .screen)
        #expect(OSC52.passage(tmux: "", term: "screen") == .screen)
        #expect(OSC52.passage(tmux: nil, term: "xterm-256color") == .direct)
        #expect(OSC52.passage(tmux: nil, term: nil) == .direct)
    }
}
