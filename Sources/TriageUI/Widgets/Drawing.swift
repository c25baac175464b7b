import KQL

// Small drawing helpers shared by the widgets. They clip every rectangle to the buffer first:
// `ScreenBuffer.fill`/`restyle` iterate `max(0, y)..<min(height, maxY)`, which traps when a rectangle
// lies wholly outside the screen (a 1×1 terminal, a pane scrolled off), and a widget must never crash
// on a tiny size.

/// How text sits in a space wider than itself.
public enum TextAlignment: Hashable, Sendable {
    case left, right, center
}

extension Rect {
    /// The part of `self` inside `other`; `nil` when they do not overlap.
    public func intersection(_ other: Rect) -> Rect? {
        let left = max(x, other.x), right = min(maxX, other.maxX)
        let top = max(y, other.y), bottom = min(maxY, other.maxY)
        guard left < right, top < bottom else { return nil }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// A `width`×`height` rectangle centred in `self`, shrunk to fit.
    public func centred(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}

extension ScreenBuffer {
    /// `fill`, clipped: does nothing outside the screen.
    mutating func clippedFill(_ rect: Rect, glyph: Character = " ", role: Role = .normal) {
        guard let visible = rect.intersection(bounds) else { return }
        fill(visible, glyph: glyph, role: role)
    }

    /// `restyle`, clipped.
    mutating func clippedRestyle(_ rect: Rect, role: Role) {
        guard let visible = rect.intersection(bounds) else { return }
        restyle(visible, role: role)
    }

    /// Puts one glyph at (x, y) when that cell is on the screen and inside `clip`.
    mutating func put(_ glyph: Character, x: Int, y: Int, role: Role, clip: Rect) {
        guard clip.contains(x: x, y: y), bounds.contains(x: x, y: y) else { return }
        self[x, y] = Cell(glyph, role: role)
    }

    /// Writes `text` in the `width` columns from `x`, aligned, eliding when it does not fit; only
    /// rows inside `clip` are touched. Returns the columns used.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, width: Int, alignment: TextAlignment, role: Role,
                        clip: Rect) -> Int {
        guard width > 0, y >= clip.y, y < clip.maxY else { return 0 }
        let left = max(x, clip.x)
        let right = min(x + width, clip.maxX)
        guard left < right else { return 0 }
        let textWidth = writtenWidth(text)
        let space = right - left
        var start = left
        if textWidth < space {
            switch alignment {
            case .left: break
            case .right: start = right - textWidth
            case .center: start = left + (space - textWidth) / 2
            }
        }
        return write(text, x: start, y: y, maxWidth: right - start, role: role)
    }
}

/// The columns `text` will take once written (after escaping control characters).
func writtenWidth(_ text: String) -> Int { displayWidth(terminalSafe(text)) }

/// Greedy word wrap by display width; a word longer than a line is left whole (the writer elides it).
func wordWrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
        if line.isEmpty {
            line = word
        } else if writtenWidth(line) + 1 + writtenWidth(word) <= width {
            line += " " + word
        } else {
            lines.append(line)
            line = word
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}
