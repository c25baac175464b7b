/// The glyphs the widgets draw, chosen once by the backend: the UTF-8 set when the locale can show it,
/// the ASCII set otherwise (ncursesw prints nothing for wide characters in the "C" locale, so a
/// histogram of `▁▂▃` would come out blank). Widgets never spell a glyph themselves; they ask the set,
/// so the fallback is complete by construction.
public struct GlyphSet: Hashable, Sendable {
    /// True for the UTF-8 set.
    public var isUnicode: Bool

    // Box drawing: light lines for ordinary boxes.
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// `├` and `┤`: a separator line meeting the box's sides.
    public var teeLeft: Character
    public var teeRight: Character

    // Heavier lines for the focused box, so focus shows without colour.
    public var focusHorizontal: Character
    public var focusVertical: Character
    public var focusTopLeft: Character
    public var focusTopRight: Character
    public var focusBottomLeft: Character
    public var focusBottomRight: Character

    /// Fill levels from the lowest visible one to a full cell (`▁…█`, or `.:=#`); a bar's top cell uses
    /// the level of its remainder, so the resolution is `ramp.count` steps per row.
    public var ramp: [Character]
    /// A full cell of an outlier bar: a different texture, not only a different colour.
    public var outlierFill: Character

    public var sortAscending: Character
    public var sortDescending: Character
    /// Under a histogram: where a percentile fence (P10, P90) falls.
    public var fenceMarker: Character
    /// Under a histogram: the avg ± stdev band, and its centre (the average).
    public var bandLine: Character
    public var bandCentre: Character

    public var bullet: Character
    public var cross: Character
    public var check: Character
    public var star: Character
    /// Beside a row a slider step just added, while it is highlighted.
    public var added: Character
    public var ellipsis: Character
    /// The `×` of sizes such as `80×24`.
    public var multiply: Character
    /// Marks more content above or below a scrolled view.
    public var moreAbove: Character
    public var moreBelow: Character
    /// Around the focused slider's value (`jitter <50>`).
    public var sliderOpen: Character
    public var sliderClose: Character

    // Triage statuses: a glyph for each, so status never rests on colour; malicious is not `cross`,
    // which marks a rejected group, so a rejected row and a malicious one never look alike.
    public var statusNew: Character
    public var statusInvestigating: Character
    public var statusMalicious: Character
    public var statusFalsePositive: Character

    /// The full-cell glyph of the ramp.
    public var fullBlock: Character { ramp.last ?? "#" }

    public static let unicode = GlyphSet(
        isUnicode: true,
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤",
        focusHorizontal: "━", focusVertical: "┃", focusTopLeft: "┏", focusTopRight: "┓",
        focusBottomLeft: "┗", focusBottomRight: "┛",
        ramp: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], outlierFill: "▒",
        sortAscending: "▲", sortDescending: "▼", fenceMarker: "▲", bandLine: "═", bandCentre: "●",
        bullet: "●", cross: "✗", check: "✓", star: "★", added: "+", ellipsis: "…", multiply: "×",
        moreAbove: "▲", moreBelow: "▼", sliderOpen: "<", sliderClose: ">",
        statusNew: "●", statusInvestigating: "?", statusMalicious: "!", statusFalsePositive: "✓"
    )

    /// Plain ASCII: what any terminal and any locale can show.
    public static let ascii = GlyphSet(
        isUnicode: false,
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+",
        focusHorizontal: "=", focusVertical: "#", focusTopLeft: "#", focusTopRight: "#",
        focusBottomLeft: "#", focusBottomRight: "#",
        ramp: [".", ":", "=", "#"], outlierFill: "%",
        sortAscending: "^", sortDescending: "v", fenceMarker: "^", bandLine: "=", bandCentre: "o",
        bullet: "o", cross: "x", check: "+", star: "*", added: "+", ellipsis: "~", multiply: "x",
        moreAbove: "^", moreBelow: "v", sliderOpen: "<", sliderClose: ">",
        statusNew: "*", statusInvestigating: "?", statusMalicious: "!", statusFalsePositive: "-"
    )

    /// The set for a locale's character encoding (`nl_langinfo(CODESET)` in the backend).
    public static func forCodeset(_ codeset: String) -> GlyphSet {
        let normalised = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return normalised == "utf8" ? .unicode : .ascii
    }

    /// The partial-cell glyph for `level` steps of fill (1...ramp.count; clamped), so a bar's top cell
    /// shows its remainder.
    public func rampGlyph(level: Int) -> Character {
        guard !ramp.isEmpty else { return "#" }
        return ramp[min(max(level, 1), ramp.count) - 1]
    }
}
