import TriageUI

/// The app's themes drive the backend directly: `terminal.flush(buffer, styling: theme)`.
/// The theme degrades its own colours to the terminal's depth (RGB → 256 → 16 → 8, bright colours
/// bold on 8), and without colour each role also takes the mono theme's attributes, so roles that a
/// colour theme tells apart by colour alone still look different.
extension Theme: RoleStyling {
    public func terminalStyle(for role: Role, colors: Int) -> TerminalStyle {
        let depth = ColorDepth(colors: colors)
        var style = style(for: role).adapted(to: depth)
        if depth == .monochrome {
            for attribute in Theme.mono.style(for: role).attributes { style.setAttribute(attribute) }
        }
        return TerminalStyle(
            foreground: Int32(style.fg.paletteIndex), background: Int32(style.bg.paletteIndex),
            bold: style.bold, dim: style.dim, reverse: style.reverse, underline: style.underline, italic: style.italic)
    }
}

extension NCursesTerminal: Terminal {
    public func flush(_ buffer: ScreenBuffer, theme: Theme) {
        flush(buffer, styling: theme)
    }
}
