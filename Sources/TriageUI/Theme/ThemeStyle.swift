/// How one role looks: colours and attributes. Attributes carry meaning on terminals without colour
/// (the mono theme is made of them alone).
public struct ThemeStyle: Hashable, Sendable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool
    public var italic: Bool

    public init(fg: ThemeColor = .default, bg: ThemeColor = .default, bold: Bool = false, dim: Bool = false,
                reverse: Bool = false, underline: Bool = false, italic: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
        self.italic = italic
    }

    /// The terminal's defaults, no attributes.
    public static let plain = ThemeStyle()

    /// The attribute names theme files use, in a fixed order.
    public static let attributeNames = ["bold", "dim", "reverse", "underline", "italic"]

    /// The attributes that are on, by name.
    public var attributes: [String] {
        zip(ThemeStyle.attributeNames, [bold, dim, reverse, underline, italic]).filter(\.1).map(\.0)
    }

    /// Turns an attribute on by name; false for an unknown name.
    @discardableResult
    public mutating func setAttribute(_ name: String) -> Bool {
        switch name.lowercased() {
        case "bold": bold = true
        case "dim": dim = true
        case "reverse": reverse = true
        case "underline": underline = true
        case "italic": italic = true
        default: return false
        }
        return true
    }

    /// True when the style has no attribute, so only its colours set it apart.
    public var hasNoAttributes: Bool { attributes.isEmpty }

    /// The style for a terminal of `depth`: colours degraded, and on 8 colours a bright foreground
    /// keeps its brightness as bold (how terminals of that kind show bright text).
    public func adapted(to depth: ColorDepth) -> ThemeStyle {
        var style = self
        style.fg = fg.adapted(to: depth)
        style.bg = bg.adapted(to: depth)
        if depth == .ansi8, fg.adapted(to: .ansi16).isBrightANSI { style.bold = true }
        return style
    }
}
