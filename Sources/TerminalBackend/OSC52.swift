/// The clipboard escape sequence: OSC 52 (`ESC ] 52 ; c ; <base64> BEL`) asks the terminal to put the
/// text on the system clipboard, so a copy works over SSH and inside tmux, where no local clipboard tool
/// can reach the analyst's desktop. The text travels as base64, so nothing in it (the data's own escape
/// characters included) can reach the terminal as a control sequence.
///
/// A multiplexer between the console and the terminal needs the sequence wrapped to pass it on:
/// - tmux: `ESC P tmux; <the sequence, every ESC doubled> ESC \` (tmux's passthrough; tmux 3.3 and later
///   pass it only with `set -g allow-passthrough on`);
/// - GNU screen: `ESC P <the sequence> ESC \`, cut into several such strings, since screen keeps a
///   string of at most a few hundred bytes (the form hterm's `osc52.sh` sends).
public enum OSC52 {
    /// What lies between the console and the terminal.
    public enum Passage: Equatable, Sendable {
        case direct
        case tmux
        case screen
    }

    /// tmux when `$TMUX` is set; screen when `$TERM` starts with `screen` and `$TMUX` is not set (tmux
    /// also sets TERM to `screen…` by default); else the terminal itself.
    public static func passage(tmux: String?, term: String?) -> Passage {
        if let tmux, !tmux.isEmpty { return .tmux }
        if let term, term.hasPrefix("screen") { return .screen }
        return .direct
    }

    /// Bytes of one `ESC P … ESC \` string under screen, the sequence's own bytes counted.
    static let screenChunk = 200

    /// The bytes to write to the terminal for `text`, wrapped for `passage`.
    public static func sequence(_ text: String, passage: Passage) -> [UInt8] {
        let escape: UInt8 = 0x1B, bell: UInt8 = 0x07
        let osc = [escape] + Array("]52;c;".utf8) + base64(Array(text.utf8)) + [bell]
        let introducer = [escape, UInt8(ascii: "P")], terminator = [escape, UInt8(ascii: "\\")]
        switch passage {
        case .direct:
            return osc
        case .tmux:
            let doubled = osc.flatMap { $0 == escape ? [escape, escape] : [$0] }
            return introducer + Array("tmux;".utf8) + doubled + terminator
        case .screen:
            return stride(from: 0, to: osc.count, by: screenChunk).flatMap { start in
                introducer + osc[start..<min(start + screenChunk, osc.count)] + terminator
            }
        }
    }

    /// RFC 4648 base64 with `=` padding, no line breaks.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let group = bytes[start..<min(start + 3, bytes.count)]
            let value = group.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * $1.offset) }
            for index in 0..<4 {
                out.append(index <= group.count ? alphabet[Int(value >> (18 - 6 * index) & 0x3F)] : UInt8(ascii: "="))
            }
        }
        return out
    }
}
