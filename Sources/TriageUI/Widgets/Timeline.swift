/// One line across a time window showing when a beacon's connections happened: each column covers an
/// equal slice of [start, end] and shows how many connections fell in it with the ramp glyphs (taller =
/// more); empty slices show the axis line. Regular beacons look like an even comb, working-hours
/// traffic like clumps. Optional `marked` instants (the outliers) get the outlier texture. With a second
/// row and `ticks`, the row below is the time axis: each tick's label starts at its instant's column.
public struct Timeline: Hashable, Sendable {
    /// Connection times, in any unit (ticks, seconds), the same as `start` and `end`.
    public var timestamps: [Int64]
    public var start: Int64
    public var end: Int64
    public var marked: [Int64]
    public var ticks: [TimelineTick]
    public var glyphs: GlyphSet

    public init(timestamps: [Int64], start: Int64, end: Int64, marked: [Int64] = [], ticks: [TimelineTick] = [],
                glyphs: GlyphSet = .unicode) {
        self.timestamps = timestamps
        self.start = start
        self.end = end
        self.marked = marked
        self.ticks = ticks
        self.glyphs = glyphs
    }

    /// The column (0..<width) of an instant, or nil outside the window. Computed in floating point so
    /// that 100 ns ticks times a width never overflow.
    public func column(of instant: Int64, width: Int) -> Int? {
        guard width > 0, instant >= start, instant <= end else { return nil }
        guard end > start else { return 0 }
        let fraction = (Double(instant) - Double(start)) / (Double(end) - Double(start))
        return min(width - 1, Int(fraction * Double(width)))
    }

    /// Connections per column.
    public func density(width: Int) -> [Int] {
        var counts = Array(repeating: 0, count: max(0, width))
        for instant in timestamps {
            if let column = column(of: instant, width: width) { counts[column] += 1 }
        }
        return counts
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let clip = area.intersection(buffer.bounds) else { return }
        let counts = density(width: area.width)
        let busiest = counts.max() ?? 0
        let steps = glyphs.ramp.count
        let y = area.y
        for (offset, count) in counts.enumerated() {
            if count == 0 {
                buffer.put(glyphs.horizontal, x: area.x + offset, y: y, role: .axis, clip: clip)
            } else {
                let level = (count * steps + busiest - 1) / busiest
                buffer.put(glyphs.rampGlyph(level: level), x: area.x + offset, y: y, role: .histogramBar, clip: clip)
            }
        }
        for instant in marked {
            if let offset = column(of: instant, width: area.width) {
                buffer.put(glyphs.outlierFill, x: area.x + offset, y: y, role: .histogramOutlier, clip: clip)
            }
        }
        guard area.height >= 2 else { return }
        // Labels left to right, each kept only with a blank after the one before it.
        var free = area.x
        for tick in ticks {
            guard let offset = column(of: tick.instant, width: area.width) else { continue }
            let x = area.x + offset, width = writtenWidth(tick.label)
            guard x >= free, x + width <= area.maxX else { continue }
            buffer.write(tick.label, x: x, y: y + 1, maxWidth: width, role: .axis)
            free = x + width + 1
        }
    }
}

/// A labelled instant on a timeline's axis (`23:58:20`), in the timeline's unit.
public struct TimelineTick: Hashable, Sendable {
    public var instant: Int64
    public var label: String

    public init(instant: Int64, label: String) {
        self.instant = instant
        self.label = label
    }
}
