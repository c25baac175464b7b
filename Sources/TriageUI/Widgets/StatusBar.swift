/// A key and what it does, as the status bar and the help overlay show it (`q quit`).
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var action: String

    public init(_ key: String, _ action: String) {
        self.key = key
        self.action = action
    }
}

/// The bottom line: a transient message first (what just happened must be seen), then the state
/// segments (`demo.csv │ 24h │ 12 shown`), and the key hints right-aligned (`? help  q quit`).
///
/// When the line is short, hints drop out from the last one; the first hint (help) stays while it
/// takes no more than a third of the line, so a new user can always find `?`. The left part is elided.
public struct StatusBar: Hashable, Sendable {
    public var segments: [String]
    public var message: String?
    public var hints: [KeyHint]
    public var glyphs: GlyphSet

    public init(segments: [String], message: String? = nil, hints: [KeyHint] = [], glyphs: GlyphSet = .unicode) {
        self.segments = segments
        self.message = message
        self.hints = hints
        self.glyphs = glyphs
    }

    private func width(of hints: ArraySlice<KeyHint>) -> Int {
        hints.reduce(0) { $0 + writtenWidth($1.key) + 1 + writtenWidth($1.action) } + 2 * max(0, hints.count - 1)
    }

    /// The hints shown on a line `width` columns wide.
    public func shownHints(width: Int) -> [KeyHint] {
        let leftWidth = leftParts().reduce(0) { $0 + writtenWidth($1.0) }
        var count = hints.count
        while count > 0 {
            let hintsWidth = self.width(of: hints.prefix(count))
            if 1 + leftWidth + 2 + hintsWidth + 1 <= width { break }
            if count == 1, hintsWidth + 1 <= width / 3 { break }
            count -= 1
        }
        return Array(hints.prefix(count))
    }

    private func leftParts() -> [(String, Role)] {
        var parts: [(String, Role)] = []
        if let message, !message.isEmpty { parts.append((message, .statusMessage)) }
        let separator = " " + String(glyphs.vertical) + " "
        for segment in segments where !segment.isEmpty {
            if !parts.isEmpty { parts.append((separator, .status)) }
            parts.append((segment, .status))
        }
        return parts
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let clip = area.intersection(buffer.bounds) else { return }
        let line = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.clippedFill(line, role: .status)
        let shown = shownHints(width: area.width)
        let hintsWidth = width(of: shown[...])
        var x = area.maxX - 1 - hintsWidth
        let hintsStart = x
        for (index, hint) in shown.enumerated() {
            if index > 0 { x += 2 }
            x += buffer.write(hint.key, x: x, y: area.y, width: writtenWidth(hint.key), alignment: .left,
                              role: .keyHint, clip: clip) + 1
            x += buffer.write(hint.action, x: x, y: area.y, width: writtenWidth(hint.action), alignment: .left,
                              role: .status, clip: clip)
        }
        let leftLimit = (shown.isEmpty ? area.maxX : hintsStart - 2) - 1
        var column = area.x + 1
        for (text, role) in leftParts() where column < leftLimit {
            column += buffer.write(text, x: column, y: area.y, maxWidth: leftLimit - column, role: role)
        }
    }
}
