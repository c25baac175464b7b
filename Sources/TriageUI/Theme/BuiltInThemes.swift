/// The four shipped themes, compiled in: the console must look right with no `themes/` folder at all
/// (an installed binary, a read-only checkout), and mono must work even when nothing else does.
/// `themes/*.toml` mirror these exactly (a test checks it) as starting points for users' own themes.
extension Theme {
    /// The default: 256 colours on the terminal's own (dark) background.
    public static let dark = Theme(name: "dark", styles: [
        .normal: themeStyle(),
        .dim: themeStyle(fg: 244),
        .border: themeStyle(fg: 240),
        .borderFocus: themeStyle(fg: 75, "bold"),
        .title: themeStyle("bold"),
        .header: themeStyle(fg: 110, "bold"),
        .rowSelected: themeStyle(fg: 255, bg: 24, "bold"),
        .rowMarked: themeStyle(fg: 222, "bold"),
        .rowFalsePositive: themeStyle(fg: 242),
        .rowMalicious: themeStyle(fg: 203, "bold"),
        .rowInvestigating: themeStyle(fg: 215),
        .rowRejected: themeStyle(fg: 245, "italic"),
        .histogramBar: themeStyle(fg: 75),
        .histogramOutlier: themeStyle(fg: 203, "bold"),
        .histogramFence: themeStyle(fg: 221, "bold"),
        .histogramBand: themeStyle(fg: 114),
        .axis: themeStyle(fg: 244),
        .slider: themeStyle(fg: 250),
        .sliderFocus: themeStyle(fg: 16, bg: 75, "bold"),
        .passed: themeStyle(fg: 114),
        .failed: themeStyle(fg: 203),
        .status: themeStyle(fg: 252, bg: 236),
        .statusMessage: themeStyle(fg: 222, bg: 236, "bold"),
        .keyHint: themeStyle(fg: 75, bg: 236, "bold"),
        .dialog: themeStyle(fg: 252),
        .dialogFocus: themeStyle(fg: 16, bg: 75, "bold"),
        .error: themeStyle(fg: 203, "bold"),
        .match: themeStyle(fg: 16, bg: 221),
    ])

    /// 256 colours for a light background: darker inks, pale highlights.
    public static let light = Theme(name: "light", styles: [
        .normal: themeStyle(),
        .dim: themeStyle(fg: 245),
        .border: themeStyle(fg: 249),
        .borderFocus: themeStyle(fg: 25, "bold"),
        .title: themeStyle("bold"),
        .header: themeStyle(fg: 24, "bold"),
        .rowSelected: themeStyle(fg: 16, bg: 153, "bold"),
        .rowMarked: themeStyle(fg: 130, "bold"),
        .rowFalsePositive: themeStyle(fg: 247),
        .rowMalicious: themeStyle(fg: 160, "bold"),
        .rowInvestigating: themeStyle(fg: 166),
        .rowRejected: themeStyle(fg: 244, "italic"),
        .histogramBar: themeStyle(fg: 25),
        .histogramOutlier: themeStyle(fg: 160, "bold"),
        .histogramFence: themeStyle(fg: 130, "bold"),
        .histogramBand: themeStyle(fg: 28),
        .axis: themeStyle(fg: 242),
        .slider: themeStyle(fg: 238),
        .sliderFocus: themeStyle(fg: 231, bg: 25, "bold"),
        .passed: themeStyle(fg: 28),
        .failed: themeStyle(fg: 160),
        .status: themeStyle(fg: 235, bg: 253),
        .statusMessage: themeStyle(fg: 130, bg: 253, "bold"),
        .keyHint: themeStyle(fg: 25, bg: 253, "bold"),
        .dialog: themeStyle(fg: 235),
        .dialogFocus: themeStyle(fg: 231, bg: 25, "bold"),
        .error: themeStyle(fg: 160, "bold"),
        .match: themeStyle(fg: 16, bg: 222),
    ])

    /// The 16 ANSI colours only, bright on black, with bold wherever it helps.
    public static let highContrast = Theme(name: "high-contrast", styles: [
        .normal: themeStyle(fg: .brightWhite, bg: .black),
        .dim: themeStyle(fg: .white, bg: .black),
        .border: themeStyle(fg: .white, bg: .black),
        .borderFocus: themeStyle(fg: .brightYellow, bg: .black, "bold"),
        .title: themeStyle(fg: .brightWhite, bg: .black, "bold"),
        .header: themeStyle(fg: .brightWhite, bg: .black, "bold", "underline"),
        .rowSelected: themeStyle(fg: .black, bg: .brightYellow, "bold"),
        .rowMarked: themeStyle(fg: .brightCyan, bg: .black, "bold"),
        .rowFalsePositive: themeStyle(fg: .white, bg: .black),
        .rowMalicious: themeStyle(fg: .brightRed, bg: .black, "bold"),
        .rowInvestigating: themeStyle(fg: .brightYellow, bg: .black),
        .rowRejected: themeStyle(fg: .white, bg: .black, "italic"),
        .histogramBar: themeStyle(fg: .brightCyan, bg: .black),
        .histogramOutlier: themeStyle(fg: .brightMagenta, bg: .black, "bold"),
        .histogramFence: themeStyle(fg: .brightYellow, bg: .black, "bold"),
        .histogramBand: themeStyle(fg: .brightGreen, bg: .black, "bold"),
        .axis: themeStyle(fg: .white, bg: .black),
        .slider: themeStyle(fg: .brightWhite, bg: .black),
        .sliderFocus: themeStyle(fg: .black, bg: .brightCyan, "bold"),
        .passed: themeStyle(fg: .brightGreen, bg: .black, "bold"),
        .failed: themeStyle(fg: .brightRed, bg: .black, "bold"),
        .status: themeStyle(fg: .black, bg: .white),
        .statusMessage: themeStyle(fg: .black, bg: .brightYellow, "bold"),
        .keyHint: themeStyle(fg: .black, bg: .brightCyan, "bold"),
        .dialog: themeStyle(fg: .brightWhite, bg: .black),
        .dialogFocus: themeStyle(fg: .black, bg: .brightYellow, "bold"),
        .error: themeStyle(fg: .brightRed, bg: .black, "bold"),
        .match: themeStyle(fg: .black, bg: .brightGreen, "bold", "underline"),
    ])

    /// No colour at all, attributes only: for `NO_COLOR`, `--no-color` and terminals without colour.
    public static let mono = Theme(name: "mono", styles: [
        .normal: themeStyle(),
        .dim: themeStyle("dim"),
        .border: themeStyle(),
        .borderFocus: themeStyle("bold"),
        .title: themeStyle("bold"),
        .header: themeStyle("bold", "underline"),
        .rowSelected: themeStyle("bold", "reverse"),
        .rowMarked: themeStyle("bold"),
        .rowFalsePositive: themeStyle("dim"),
        .rowMalicious: themeStyle("bold", "underline"),
        .rowInvestigating: themeStyle("underline"),
        .rowRejected: themeStyle("dim", "italic"),
        .histogramBar: themeStyle(),
        .histogramOutlier: themeStyle("bold"),
        .histogramFence: themeStyle("bold"),
        .histogramBand: themeStyle("bold"),
        .axis: themeStyle("dim"),
        .slider: themeStyle(),
        .sliderFocus: themeStyle("bold", "reverse"),
        .passed: themeStyle(),
        .failed: themeStyle("bold"),
        .status: themeStyle("reverse"),
        .statusMessage: themeStyle("bold", "reverse"),
        .keyHint: themeStyle("bold", "reverse"),
        .dialog: themeStyle(),
        .dialogFocus: themeStyle("reverse"),
        .error: themeStyle("bold"),
        .match: themeStyle("underline"),
    ])

    /// The built-in themes, the default first.
    public static let builtIns: [Theme] = [.dark, .light, .highContrast, .mono]

    /// A built-in theme by name (`dark`, `light`, `high-contrast`, `mono`).
    public static func builtIn(named name: String) -> Theme? {
        builtIns.first { $0.name == name.lowercased() }
    }
}

private func themeStyle(_ attributes: String...) -> ThemeStyle {
    make(fg: .default, bg: .default, attributes)
}

private func themeStyle(fg: Int, bg: Int? = nil, _ attributes: String...) -> ThemeStyle {
    make(fg: ThemeColor(index: fg)!, bg: bg.flatMap { ThemeColor(index: $0) } ?? .default, attributes)
}

private func themeStyle(fg: ANSIColor, bg: ANSIColor, _ attributes: String...) -> ThemeStyle {
    make(fg: .ansi(fg), bg: .ansi(bg), attributes)
}

private func make(fg: ThemeColor, bg: ThemeColor, _ attributes: [String]) -> ThemeStyle {
    var style = ThemeStyle(fg: fg, bg: bg)
    for attribute in attributes { style.setAttribute(attribute) }
    return style
}
