/// The screen shown instead of a broken layout when the terminal is below the console's minimum:
/// "terminal too small (need 60×15)", wrapped and centred; it recovers on the next resize.
///
/// It must draw something sane at any size, 0×0 and 1×1 included: lines that do not fit are dropped
/// (the "need W×H" line last, since it says what to do), and a line too wide is elided.
public struct TooSmall: Hashable, Sendable {
    public var neededWidth: Int
    public var neededHeight: Int
    public var glyphs: GlyphSet
    /// A line under the size when there is room (what happens to keys meanwhile).
    public var note: String?

    public init(neededWidth: Int, neededHeight: Int, glyphs: GlyphSet = .unicode) {
        self.neededWidth = neededWidth
        self.neededHeight = neededHeight
        self.glyphs = glyphs
    }

    private var need: String { "need \(neededWidth)\(glyphs.multiply)\(neededHeight)" }

    /// The lines for an area of `width`×`height`: on one line when it fits, otherwise wrapped.
    public func lines(width: Int, height: Int) -> [String] {
        guard width > 0, height > 0 else { return [] }
        let single = "terminal too small (\(need))"
        if writtenWidth(single) <= width {
            guard let note, height >= 2 else { return [single] }
            let noteLines = writtenWidth(note) <= width ? [note] : wordWrap(note, width: width)
            return [single] + noteLines.prefix(height - 1)
        }
        let headline = wordWrap("terminal too small", width: width)
        let needLines = writtenWidth(need) <= width ? [need] : wordWrap(need, width: width)
        var lines = headline + needLines
        // Too many lines: drop from the headline first, keeping the size that is needed.
        while lines.count > height, lines.count > needLines.count { lines.removeFirst() }
        return Array(lines.prefix(height))
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let clip = area.intersection(buffer.bounds) else { return }
        buffer.clippedFill(area)
        let lines = lines(width: area.width, height: area.height)
        let top = area.y + (area.height - lines.count) / 2
        for (row, line) in lines.enumerated() {
            buffer.write(line, x: area.x, y: top + row, width: area.width, alignment: .center,
                         role: .error, clip: clip)
        }
    }
}
