/// One row of a `Table`: its cells (data, possibly hostile: the buffer escapes it), the role its
/// cells are drawn in, the leading status glyph that states its triage status without colour, and a
/// mark beside it (selected, just added) that never takes the status glyph's place.
public struct TableRow: Hashable, Sendable {
    public var cells: [String]
    public var role: Role
    public var status: Character?
    /// Drawn in the status column's second cell, so the row's status stays visible under it.
    public var mark: Character?

    public init(_ cells: [String], role: Role = .normal, status: Character? = nil, mark: Character? = nil) {
        self.cells = cells
        self.role = role
        self.status = status
        self.mark = mark
    }
}

/// A generic table: a header row naming the columns (the sort column marked `▲`/`▼`), then as many
/// rows as fit, scrolled so that the selected row is visible and drawn in role `rowSelected`.
///
/// The column layout comes from `tableLayout(_:width:)`: columns shrink, then drop out by priority,
/// and cell text is elided with `…` rather than wrapped, so every row stays one line.
public struct Table: Hashable, Sendable {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    public var selected: Int?
    /// The first row shown, as the caller last left it; render adjusts it to keep `selected` visible
    /// (call `effectiveScrollOffset(visibleRows:)` to store the adjusted value back).
    public var scrollOffset: Int
    public var sortColumn: Int?
    public var sortAscending: Bool
    /// Reserves two columns on the left (glyph and blank) for each row's status glyph.
    public var showsStatus: Bool
    public var showsHeader: Bool
    public var glyphs: GlyphSet

    public init(columns: [TableColumn], rows: [TableRow], selected: Int? = nil, scrollOffset: Int = 0,
                sortColumn: Int? = nil, sortAscending: Bool = true, showsStatus: Bool = true,
                showsHeader: Bool = true, glyphs: GlyphSet = .unicode) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.scrollOffset = scrollOffset
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
        self.showsStatus = showsStatus
        self.showsHeader = showsHeader
        self.glyphs = glyphs
    }

    private var statusWidth: Int { showsStatus ? 2 : 0 }

    /// How many body rows an area of `height` rows shows.
    public func visibleRows(height: Int) -> Int { max(0, height - (showsHeader ? 1 : 0)) }

    /// The scroll offset render uses for an area of `height` rows.
    public func effectiveScrollOffset(height: Int) -> Int {
        scrollOffsetKeepingVisible(selected: selected, offset: scrollOffset,
                                   visibleRows: visibleRows(height: height), rowCount: rows.count)
    }

    /// The columns shown in an area of `width` columns (offsets relative to the area's left edge).
    public func placements(width: Int) -> [ColumnPlacement] {
        tableLayout(columns, width: width - statusWidth).map {
            ColumnPlacement(column: $0.column, x: $0.x + statusWidth, width: $0.width)
        }
    }

    /// The row index under screen row `y` (for a mouse click), or nil.
    public func rowIndex(atY y: Int, area: Rect) -> Int? {
        let top = area.y + (showsHeader ? 1 : 0)
        guard y >= top, y < area.maxY else { return nil }
        let index = effectiveScrollOffset(height: area.height) + (y - top)
        return index < rows.count ? index : nil
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let clip = area.intersection(buffer.bounds) else { return }
        let placements = placements(width: area.width)
        var y = area.y
        if showsHeader {
            buffer.clippedFill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .header)
            for placement in placements {
                drawHeaderCell(placement, y: y, area: area, clip: clip, into: &buffer)
            }
            y += 1
        }
        let offset = effectiveScrollOffset(height: area.height)
        var index = offset
        while y < area.maxY, index < rows.count {
            let row = rows[index]
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            buffer.clippedFill(line, role: row.role)
            if showsStatus, let status = row.status {
                // Written, not put: a double-width glyph then gets its continuation cell (or is elided).
                buffer.write(String(status), x: area.x, y: y, width: row.mark == nil ? 2 : 1, alignment: .left,
                             role: row.role, clip: clip)
            }
            if showsStatus, let mark = row.mark {
                buffer.write(String(mark), x: area.x + 1, y: y, width: 1, alignment: .left, role: row.role, clip: clip)
            }
            for placement in placements {
                let text = placement.column < row.cells.count ? row.cells[placement.column] : ""
                buffer.write(text, x: area.x + placement.x, y: y, width: placement.width,
                             alignment: columns[placement.column].alignment, role: row.role, clip: clip)
            }
            if index == selected { buffer.clippedRestyle(line, role: .rowSelected) }
            y += 1
            index += 1
        }
    }

    /// The title, and for the sort column its direction glyph after it; when both do not fit the
    /// title is elided and the glyph kept, since the sort direction is what the header is for.
    private func drawHeaderCell(_ placement: ColumnPlacement, y: Int, area: Rect, clip: Rect,
                                into buffer: inout ScreenBuffer) {
        let column = columns[placement.column]
        let x = area.x + placement.x
        guard placement.column == sortColumn else {
            buffer.write(column.title, x: x, y: y, width: placement.width, alignment: column.alignment,
                         role: .header, clip: clip)
            return
        }
        let glyph = sortAscending ? glyphs.sortAscending : glyphs.sortDescending
        let label = column.title + " " + String(glyph)
        if writtenWidth(label) <= placement.width {
            buffer.write(label, x: x, y: y, width: placement.width, alignment: column.alignment,
                         role: .header, clip: clip)
        } else {
            if placement.width >= 3 {
                buffer.write(column.title, x: x, y: y, width: placement.width - 2, alignment: .left,
                             role: .header, clip: clip)
            }
            buffer.put(glyph, x: x + placement.width - 1, y: y, role: .header, clip: clip)
        }
    }
}
