/// One column of a `Table`: how it is titled, aligned, and how it gives way when the screen narrows.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    /// The narrowest the column may be shown; below that it drops out.
    public var minWidth: Int
    /// The width it gets once every more important column has its own.
    public var preferredWidth: Int
    /// Whether it takes a share of the space left once every column has its preferred width.
    public var flexible: Bool
    public var alignment: TextAlignment
    /// Higher stays longer: as the width falls, the lowest priority column drops out first.
    public var priority: Int

    public init(_ title: String, minWidth: Int, preferredWidth: Int? = nil, flexible: Bool = false,
                alignment: TextAlignment = .left, priority: Int = 0) {
        self.title = title
        self.minWidth = max(1, minWidth)
        self.preferredWidth = max(self.minWidth, preferredWidth ?? minWidth)
        self.flexible = flexible
        self.alignment = alignment
        self.priority = priority
    }
}

/// Where a shown column goes: its index in the table's columns, its offset from the left of the
/// columns area and its width. Columns are separated by one blank.
public struct ColumnPlacement: Hashable, Sendable {
    public var column: Int
    public var x: Int
    public var width: Int

    public init(column: Int, x: Int, width: Int) {
        self.column = column
        self.x = x
        self.width = width
    }
}

/// The column layout for a width, as a pure function so it can be tested at any size.
///
/// 1. While the minimum widths (plus one blank between columns) exceed `width`, the column with the
///    lowest priority drops out (the rightmost one among equals). Columns shrink to their minimum
///    before any column drops, so a wide table loses detail before it loses facts.
/// 2. In priority order (leftmost first among equals), each shown column grows towards its preferred
///    width while space remains.
/// 3. What is left goes to the flexible columns in equal shares, the first ones (left to right)
///    taking the remainder; without flexible columns it stays blank at the right.
///
/// When even the most important column's minimum does not fit, it alone is shown, `width` wide.
public func tableLayout(_ columns: [TableColumn], width: Int) -> [ColumnPlacement] {
    guard width > 0, !columns.isEmpty else { return [] }
    var shown = Array(columns.indices)
    func needed(_ indices: [Int]) -> Int {
        indices.reduce(0) { $0 + columns[$1].minWidth } + max(0, indices.count - 1)
    }
    while !shown.isEmpty, needed(shown) > width {
        let victim = shown.min { a, b in
            columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b
        }!
        shown.removeAll { $0 == victim }
    }
    if shown.isEmpty {
        let best = columns.indices.max { a, b in
            columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b
        }!
        return [ColumnPlacement(column: best, x: 0, width: width)]
    }

    var widths = Dictionary(uniqueKeysWithValues: shown.map { ($0, columns[$0].minWidth) })
    var spare = width - needed(shown)
    let byPriority = shown.sorted { a, b in
        columns[a].priority != columns[b].priority ? columns[a].priority > columns[b].priority : a < b
    }
    for index in byPriority where spare > 0 {
        let grow = min(spare, columns[index].preferredWidth - columns[index].minWidth)
        widths[index]! += grow
        spare -= grow
    }
    let flexible = shown.filter { columns[$0].flexible }
    if spare > 0, !flexible.isEmpty {
        let share = spare / flexible.count
        let remainder = spare % flexible.count
        for (position, index) in flexible.enumerated() {
            widths[index]! += share + (position < remainder ? 1 : 0)
        }
    }

    var placements: [ColumnPlacement] = []
    var x = 0
    for index in shown {
        placements.append(ColumnPlacement(column: index, x: x, width: widths[index]!))
        x += widths[index]! + 1
    }
    return placements
}

/// The first row to show so that `selected` is visible in `visibleRows` rows: the current offset
/// when it already is, otherwise the least scrolling that brings it into view; never past the end.
public func scrollOffsetKeepingVisible(selected: Int?, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
    guard visibleRows > 0, rowCount > 0 else { return 0 }
    var result = min(max(0, offset), max(0, rowCount - visibleRows))
    if let selected, selected >= 0, selected < rowCount {
        if selected < result { result = selected }
        if selected >= result + visibleRows { result = selected - visibleRows + 1 }
    }
    return result
}
