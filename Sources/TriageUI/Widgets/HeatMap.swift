/// A beacon's rhythm over the days: one row a day, one column an hour (24), each cell the connections
/// in that hour as a density glyph (the ramp, against the busiest hour) or as a count. A timer fills
/// every cell evenly; an implant that sleeps at night or follows its user's working hours shows bands.
///
/// Rows: a title (with the density legend or the count scale on the right), the hours, then the days,
/// oldest first; when they do not all fit, the latest days are shown and the title says how many are not.
public struct HeatMap: Hashable, Sendable {
    /// One label per day (`11-20`), the same length as `counts`.
    public var dayLabels: [String]
    /// Per day, 24 counts: hour 0 first.
    public var counts: [[Int]]
    public var title: String
    public var showsCounts: Bool
    public var glyphs: GlyphSet

    public init(dayLabels: [String], counts: [[Int]], title: String, showsCounts: Bool, glyphs: GlyphSet = .unicode) {
        self.dayLabels = dayLabels
        self.counts = counts
        self.title = title
        self.showsCounts = showsCounts
        self.glyphs = glyphs
    }

    public var busiest: Int { counts.lazy.flatMap { $0 }.max() ?? 0 }

    /// Columns a cell takes in an area `width` wide: up to three, one of them a blank between cells.
    public func cellWidth(areaWidth width: Int) -> Int {
        max(1, min(3, (width - labelWidth) / 24))
    }

    var labelWidth: Int { (dayLabels.map(writtenWidth).max() ?? 0) + 1 }

    /// The power of ten counts are divided by so the busiest fits `digits` characters (1 when it fits).
    public static func countDivisor(busiest: Int, digits: Int) -> Int {
        var divisor = 1
        while digits > 0, divisor <= Int.max / 10, (busiest + divisor / 2) / divisor >= pow10(digits) { divisor *= 10 }
        return divisor
    }

    /// A count as shown under `divisor`: rounded, but never to 0 when there was a connection.
    public static func shownCount(_ count: Int, divisor: Int) -> Int {
        count == 0 ? 0 : max(1, (count + divisor / 2) / divisor)
    }

    /// The ramp level of a count against the busiest hour (1...steps; 0 for none), rounded up so one
    /// connection shows.
    public static func level(_ count: Int, busiest: Int, steps: Int) -> Int {
        guard count > 0, busiest > 0 else { return 0 }
        return min(steps, (count * steps + busiest - 1) / busiest)
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let clip = area.intersection(buffer.bounds) else { return }
        buffer.clippedFill(area)
        let cell = cellWidth(areaWidth: area.width)
        let digits = cell >= 2 ? cell - 1 : 1
        let divisor = Self.countDivisor(busiest: busiest, digits: digits)
        let dayRows = max(0, area.height - 2)
        let shownDays = min(dayRows, counts.count)
        let hidden = counts.count - shownDays

        // Title, with the scale on the right.
        var scale: String
        if showsCounts {
            scale = divisor == 1 ? "connections per hour" : "connections per hour \(glyphs.multiply)\(divisor)"
        } else {
            scale = "\(glyphs.rampGlyph(level: 1)) 1 \(glyphs.ellipsis) \(glyphs.fullBlock) \(busiest) per hour"
        }
        if hidden > 0 { scale = "\(hidden) earlier day\(hidden == 1 ? "" : "s") not shown, " + scale }
        let scaleWidth = writtenWidth(scale)
        let titleRoom = max(0, area.width - scaleWidth - 2)
        buffer.write(title, x: area.x, y: area.y, maxWidth: titleRoom, role: .title)
        if scaleWidth <= area.width {
            buffer.write(scale, x: area.maxX - scaleWidth, y: area.y, maxWidth: scaleWidth, role: .axis)
        }
        guard area.height >= 2 else { return }

        // Hours: every hour when a cell holds two digits and a blank, else every 2nd, 3rd or 6th.
        let every = [1, 2, 3, 4, 6, 12].first { $0 * cell >= 3 } ?? 12
        let hoursX = area.x + labelWidth
        for hour in stride(from: 0, to: 24, by: every) where hoursX + hour * cell + 2 <= clip.maxX {
            buffer.write(hour < 10 ? "0\(hour)" : "\(hour)", x: hoursX + hour * cell, y: area.y + 1, maxWidth: 2, role: .axis)
        }

        let steps = glyphs.ramp.count
        let empty: Character = glyphs.isUnicode ? "·" : " "
        for (row, day) in counts.indices.suffix(shownDays).enumerated() {
            let y = area.y + 2 + row
            buffer.write(dayLabels[day], x: area.x, y: y, maxWidth: min(labelWidth - 1, area.width), role: .axis)
            for hour in 0..<min(24, counts[day].count) {
                let count = counts[day][hour]
                let x = hoursX + hour * cell
                let span = cell >= 2 ? cell - 1 : 1
                if count == 0 {
                    buffer.put(empty, x: x + span - 1, y: y, role: .dim, clip: clip)
                } else if showsCounts {
                    let text = String(Self.shownCount(count, divisor: divisor))
                    let width = writtenWidth(text)
                    guard x + span <= clip.maxX else { continue }
                    buffer.write(text, x: x + span - width, y: y, maxWidth: width, role: .histogramBar)
                } else {
                    let glyph = glyphs.rampGlyph(level: Self.level(count, busiest: busiest, steps: steps))
                    for column in x..<(x + span) { buffer.put(glyph, x: column, y: y, role: .histogramBar, clip: clip) }
                }
            }
        }
    }
}

private func pow10(_ digits: Int) -> Int {
    var value = 1
    for _ in 0..<digits where value <= Int.max / 10 { value *= 10 }
    return value
}
