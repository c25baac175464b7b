/// A bordered block with a title in its top edge, the frame of every pane and overlay.
///
/// The focused box is drawn in role `borderFocus` *and* with heavier lines (`┏━┓`, or `#=` in ASCII),
/// so the focus shows on a monochrome terminal too.
public struct Box: Hashable, Sendable {
    public var title: String
    /// Text at the right of the top edge (a count, a scroll position).
    public var rightTitle: String
    /// Text at the right of the bottom edge (key hints of an overlay).
    public var footer: String
    public var focused: Bool
    /// Fills the inside with blanks first, for overlays drawn over other content.
    public var clearsInside: Bool
    /// The role of the cleared inside (overlays use `dialog`).
    public var insideRole: Role
    public var glyphs: GlyphSet

    public init(title: String = "", rightTitle: String = "", footer: String = "", focused: Bool = false,
                clearsInside: Bool = false, insideRole: Role = .normal, glyphs: GlyphSet = .unicode) {
        self.title = title
        self.rightTitle = rightTitle
        self.footer = footer
        self.focused = focused
        self.clearsInside = clearsInside
        self.insideRole = insideRole
        self.glyphs = glyphs
    }

    /// The area inside the border, where the content goes.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else {
            // No room for a frame: leave a clear area rather than half a border.
            buffer.clippedFill(area, role: insideRole)
            return
        }
        let role: Role = focused ? .borderFocus : .border
        let g = glyphs
        let (h, v) = focused ? (g.focusHorizontal, g.focusVertical) : (g.horizontal, g.vertical)
        let corners = focused
            ? (g.focusTopLeft, g.focusTopRight, g.focusBottomLeft, g.focusBottomRight)
            : (g.topLeft, g.topRight, g.bottomLeft, g.bottomRight)
        if clearsInside { buffer.clippedFill(Box.inner(area), role: insideRole) }
        buffer.clippedFill(Rect(x: area.x, y: area.y, width: area.width, height: 1), glyph: h, role: role)
        buffer.clippedFill(Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1), glyph: h, role: role)
        buffer.clippedFill(Rect(x: area.x, y: area.y, width: 1, height: area.height), glyph: v, role: role)
        buffer.clippedFill(Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height), glyph: v, role: role)
        buffer.put(corners.0, x: area.x, y: area.y, role: role, clip: area)
        buffer.put(corners.1, x: area.maxX - 1, y: area.y, role: role, clip: area)
        buffer.put(corners.2, x: area.x, y: area.maxY - 1, role: role, clip: area)
        buffer.put(corners.3, x: area.maxX - 1, y: area.maxY - 1, role: role, clip: area)
        drawTitles(into: &buffer, area: area)
        if !footer.isEmpty {
            let wanted = writtenWidth(footer) + 2
            if wanted <= area.width - 4 {
                buffer.write(" " + footer + " ", x: area.maxX - 1 - wanted - 1, y: area.maxY - 1, maxWidth: wanted,
                             role: .keyHint)
            }
        }
    }

    /// `┌ Title ───── 3/25 ─┐`: each title framed by blanks, the left one after the corner, the right
    /// one a line's width before the other corner; the right title keeps its room and the left one is
    /// elided first.
    private func drawTitles(into buffer: inout ScreenBuffer, area: Rect) {
        let space = area.width - 4  // corner + blank on each side
        guard space > 0 else { return }
        var rightUsed = 0
        if !rightTitle.isEmpty {
            let wanted = writtenWidth(rightTitle) + 2
            if wanted + 1 <= space {
                let x = area.maxX - 2 - wanted
                buffer.write(" " + rightTitle + " ", x: x, y: area.y, maxWidth: wanted, role: .title)
                rightUsed = wanted + 2
            }
        }
        guard !title.isEmpty else { return }
        let room = space - rightUsed
        guard room >= 1 else { return }
        buffer.write(" ", x: area.x + 1, y: area.y, role: .title)
        let used = buffer.write(title, x: area.x + 2, y: area.y, maxWidth: room, role: .title)
        buffer.write(" ", x: area.x + 2 + used, y: area.y, maxWidth: 1, role: .title)
    }
}
