/// One line of help: the keys, what they do, and the section they belong to.
public struct HelpEntry: Hashable, Sendable {
    public var keys: String
    public var action: String
    public var section: String

    public init(keys: String, action: String, section: String) {
        self.keys = keys
        self.action = action
        self.section = section
    }
}

/// The `?` overlay: a centred box listing the keys by section, in the order the caller gives them.
///
/// The entries come from the app's keymap (the single source of truth), never from a list kept
/// here, so the help cannot drift from what the keys do. It scrolls when the screen is short.
public struct HelpOverlay: Hashable, Sendable {
    public var entries: [HelpEntry]
    public var title: String
    /// The first line shown; clamped when drawn.
    public var scrollOffset: Int
    /// Key hints for the overlay itself, on its bottom edge (`Esc close`).
    public var footer: String
    public var glyphs: GlyphSet

    public init(entries: [HelpEntry], title: String = "Help", scrollOffset: Int = 0, footer: String = "",
                glyphs: GlyphSet = .unicode) {
        self.entries = entries
        self.title = title
        self.scrollOffset = scrollOffset
        self.footer = footer
        self.glyphs = glyphs
    }

    /// For a keymap that lists its bindings as tuples.
    public init(entries: [(keys: String, action: String, section: String)], title: String = "Help",
                scrollOffset: Int = 0, footer: String = "", glyphs: GlyphSet = .unicode) {
        self.init(entries: entries.map { HelpEntry(keys: $0.keys, action: $0.action, section: $0.section) },
                  title: title, scrollOffset: scrollOffset, footer: footer, glyphs: glyphs)
    }

    /// A line of the list: a section heading, an entry, or a blank between sections.
    enum Line: Hashable {
        case section(String)
        case entry(keys: String, action: String)
        case blank
    }

    /// The sections in order of first appearance, each followed by its entries.
    func lines() -> [Line] {
        var order: [String] = []
        var bySection: [String: [HelpEntry]] = [:]
        for entry in entries {
            if bySection[entry.section] == nil { order.append(entry.section) }
            bySection[entry.section, default: []].append(entry)
        }
        var lines: [Line] = []
        for section in order {
            if !lines.isEmpty { lines.append(.blank) }
            if !section.isEmpty { lines.append(.section(section)) }
            lines += bySection[section]!.map { .entry(keys: $0.keys, action: $0.action) }
        }
        return lines
    }

    private var keysWidth: Int { entries.map { writtenWidth($0.keys) }.max() ?? 0 }

    /// The box in `area`: as wide as the longest line (plus border and padding), as tall as the list,
    /// shrunk to leave a margin around it.
    public func boxRect(in area: Rect) -> Rect {
        let contentWidth = lines().map { line -> Int in
            switch line {
            case .section(let name): return writtenWidth(name)
            case .entry(_, let action): return keysWidth + 2 + writtenWidth(action)
            case .blank: return 0
            }
        }.max() ?? 0
        let width = max(contentWidth, writtenWidth(title) + 4, writtenWidth(footer) + 4) + 4
        let height = lines().count + 2
        return area.centred(width: min(width, area.width - 2), height: min(height, area.height - 2))
    }

    /// The largest useful scroll offset in `area`.
    public func maxScrollOffset(in area: Rect) -> Int {
        max(0, lines().count - max(0, boxRect(in: area).height - 2))
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let box = boxRect(in: area)
        guard box.width >= 3, box.height >= 3, let clip = box.intersection(buffer.bounds) else { return }
        let lines = lines()
        let visible = box.height - 2
        let offset = min(max(0, scrollOffset), maxScrollOffset(in: area))
        let position = lines.count > visible ? "\(offset + 1)-\(min(lines.count, offset + visible))/\(lines.count)" : ""
        Box(title: title, rightTitle: position, footer: footer, focused: true, clearsInside: true,
            insideRole: .dialog, glyphs: glyphs).render(into: &buffer, area: box)
        let inner = Box.inner(box)
        let textX = inner.x + 1
        let textWidth = inner.width - 2
        for (row, line) in lines.dropFirst(offset).prefix(visible).enumerated() {
            let y = inner.y + row
            switch line {
            case .section(let name):
                buffer.write(name, x: textX, y: y, width: textWidth, alignment: .left, role: .header, clip: clip)
            case .entry(let keys, let action):
                buffer.write(keys, x: textX, y: y, width: min(keysWidth, textWidth), alignment: .left,
                             role: .keyHint, clip: clip)
                buffer.write(action, x: textX + keysWidth + 2, y: y, width: textWidth - keysWidth - 2,
                             alignment: .left, role: .dialog, clip: clip)
            case .blank:
                break
            }
        }
        if offset > 0 { buffer.put(glyphs.moreAbove, x: box.maxX - 1, y: inner.y, role: .borderFocus, clip: clip) }
        if offset + visible < lines.count {
            buffer.put(glyphs.moreBelow, x: box.maxX - 1, y: inner.maxY - 1, role: .borderFocus, clip: clip)
        }
    }
}
