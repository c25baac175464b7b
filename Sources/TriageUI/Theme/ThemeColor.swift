/// The 16 colours every colour terminal has, by their usual names; the raw value is the palette index.
public enum ANSIColor: Int, CaseIterable, Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// The spelling theme files use: `red`, `bright-black`.
    public var name: String {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"][rawValue % 8]
        return rawValue >= 8 ? "bright-" + base : base
    }

    /// Looks a name up ignoring case and `-`/`_`/blanks (`bright-black`, `brightBlack`, `BRIGHT_BLACK`);
    /// `gray`/`grey` mean bright black.
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        if key == "gray" || key == "grey" { self = .brightBlack; return }
        guard let match = ANSIColor.allCases.first(where: { $0.name.filter { $0 != "-" } == key }) else { return nil }
        self = match
    }
}

/// A colour as a theme states it; the backend degrades it to what the terminal has (see
/// `ColorDepth`).
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background (ncurses colour -1): what a user's terminal
    /// theme already chose, and the only colour of the mono theme.
    case `default`
    case ansi(ANSIColor)
    /// An xterm-256 palette index.
    case indexed(UInt8)
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// Parses a theme file's spelling: `default`, an ANSI name, `0`–`255`, or `#rrggbb`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingBlanks()
        if trimmed.lowercased() == "default" {
            self = .default
        } else if let ansi = ANSIColor(name: trimmed) {
            self = .ansi(ansi)
        } else if !trimmed.isEmpty, trimmed.allSatisfy(\.isASCIIDigit), let index = Int(trimmed), index <= 255 {
            self.init(index: index)!
        } else if trimmed.hasPrefix("#"), trimmed.count == 7,
                  let value = UInt32(trimmed.dropFirst(), radix: 16), trimmed.dropFirst().allSatisfy(\.isHexDigit) {
            self = .rgb(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// A palette index 0–255 (0–15 become the ANSI names, which terminals let users redefine).
    public init?(index: Int) {
        guard (0...255).contains(index) else { return nil }
        self = index < 16 ? .ansi(ANSIColor(rawValue: index)!) : .indexed(UInt8(index))
    }

    /// The spelling a theme file would use.
    public var description: String {
        switch self {
        case .default: return "default"
        case .ansi(let color): return color.name
        case .indexed(let index): return String(index)
        case .rgb(let r, let g, let b): return "#" + [r, g, b].map { hex2($0) }.joined()
        }
    }
}

private func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func trimmingBlanks() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
