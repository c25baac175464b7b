import KQL

/// The whole screen as plain values: views draw into it, the ncurses backend flushes it, and tests
/// render it to text. Every string written is made terminal-safe first, so data never reaches the
/// terminal as a control sequence.
public struct ScreenBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            let index = y * width + x
            // Overwriting half of a double-width glyph blanks its other half, so the row keeps one
            // glyph per column and nothing after it shifts.
            if cells[index].isContinuation && !newValue.isContinuation && x > 0 {
                cells[index - 1] = Cell(" ", role: cells[index - 1].role)
            }
            if x + 1 < width && cells[index + 1].isContinuation && !newValue.isContinuation {
                cells[index + 1] = Cell(" ", role: cells[index + 1].role)
            }
            cells[index] = newValue
        }
    }

    /// Paints `rect` (clipped to the screen) with `glyph` in `role`.
    public mutating func fill(_ rect: Rect, glyph: Character = " ", role: Role = .normal) {
        let rows = max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY))
        let columns = max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX))
        for y in rows {
            for x in columns {
                self[x, y] = Cell(glyph, role: role)
            }
        }
    }

    /// Writes `text` from (x, y), at most `maxWidth` columns (default: to the right edge), eliding with
    /// `…` when it does not fit. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: Role = .normal) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let safe = terminalSafe(text)
        let fits = displayWidth(safe) <= limit
        var column = x
        for character in safe {
            let glyphWidth = displayWidth(character)
            if glyphWidth == 0 { continue }
            let reserve = fits ? 0 : 1
            if column - x + glyphWidth > limit - reserve { break }
            if column >= 0 {
                self[column, y] = Cell(character, role: role)
                if glyphWidth == 2 { self[column + 1, y] = Cell(" ", role: role, isContinuation: true) }
            }
            column += glyphWidth
        }
        if !fits, column - x < limit {
            self[column, y] = Cell("…", role: role)
            column += 1
        }
        return column - x
    }

    /// Changes the role of every cell in `rect`, keeping the glyphs (for a selected row's highlight).
    public mutating func restyle(_ rect: Rect, role: Role) {
        let rows = max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY))
        let columns = max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX))
        for y in rows {
            for x in columns {
                cells[y * width + x].role = role
            }
        }
    }

    /// The glyphs as text, one line per row, trailing blanks trimmed: what `tmux capture-pane` shows.
    public func text() -> String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { line.append(cell.glyph) }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
