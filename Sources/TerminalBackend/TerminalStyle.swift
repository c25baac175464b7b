import TriageUI

/// How one role looks on this terminal: colours as terminal colour indexes (-1 = the terminal's
/// default, 0–255 = the xterm palette) and attributes. The backend fits the indexes to the colours
/// the terminal has, so a styling may always answer in 256 colours.
public struct TerminalStyle: Hashable, Sendable {
    public var foreground: Int32
    public var background: Int32
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool
    public var italic: Bool

    public init(
        foreground: Int32 = -1, background: Int32 = -1,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false, italic: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
        self.italic = italic
    }

    public static let plain = TerminalStyle()
}

/// What the backend needs from a theme: the style of a role for a terminal with `colors` colours
/// (256, 16, 8, or 0 when colour is off: NO_COLOR, `--no-color`, or a terminal without colours; a
/// styling should then answer with attributes only, since colours are ignored).
public protocol RoleStyling {
    func terminalStyle(for role: Role, colors: Int) -> TerminalStyle
}

/// A small built-in styling, used before a theme is loaded and by the backend's own checks. It never
/// encodes meaning in colour alone: every role that matters also has an attribute.
public struct BasicStyling: RoleStyling, Sendable {
    public init() {}

    public func terminalStyle(for role: Role, colors: Int) -> TerminalStyle {
        let mono = colors == 0
        switch role {
        case .normal: return .plain
        case .dim, .rowRejected, .rowFalsePositive: return TerminalStyle(foreground: mono ? -1 : 8, dim: true)
        case .border, .axis: return TerminalStyle(foreground: mono ? -1 : 6)
        case .borderFocus, .sliderFocus, .dialogFocus: return TerminalStyle(foreground: mono ? -1 : 14, bold: true)
        case .title, .header: return TerminalStyle(bold: true)
        case .rowSelected, .status: return TerminalStyle(reverse: true)
        case .rowMarked, .match: return TerminalStyle(foreground: mono ? -1 : 11, bold: true)
        case .rowMalicious, .failed, .error, .histogramOutlier:
            return TerminalStyle(foreground: mono ? -1 : 9, bold: true)
        case .rowInvestigating: return TerminalStyle(foreground: mono ? -1 : 3, underline: true)
        case .histogramBar, .passed: return TerminalStyle(foreground: mono ? -1 : 2)
        case .histogramFence, .histogramBand: return TerminalStyle(foreground: mono ? -1 : 5, dim: mono)
        case .slider, .keyHint: return TerminalStyle(foreground: mono ? -1 : 4, bold: true)
        case .statusMessage: return TerminalStyle(bold: true, reverse: true)
        case .dialog: return TerminalStyle(reverse: true)
        }
    }
}
