import KQL

/// The histogram of one beacon's time deltas (integer seconds), the picture an analyst reads a
/// beacon's regularity from: a tight spike is a timer, a smear is a human.
///
/// Rows, top to bottom: the bars (the block ramp gives `ramp.count` steps per row), an axis line, the
/// labels (lowest and highest delta, bin width and the tallest bar's count), and a legend line saying
/// where each mark is. On the axis, `●` marks the average, `═` the avg ± stdev band and `▲` the P10 and
/// P90 fences; marks that would share a column are moved apart, never drawn over each other. Bins holding
/// an outlier delta are drawn in role `histogramOutlier` *and* with their own texture (`▒`), so outliers
/// stand out on a monochrome terminal as well.
///
/// The axis is clipped or logarithmic (`HistogramScale`); deltas beyond a clipped axis form one overflow
/// bar at the right, after a break in the axis. A series with a single value (a zero-jitter timer) is
/// one narrow spike labelled with its value and count, not a block filling the pane.
public struct Histogram: Hashable, Sendable {
    public var deltas: [Int64]
    /// `outliers[i]` flags `deltas[i]` (same length; a missing flag counts as false).
    public var outliers: [Bool]
    public var p10: Double
    public var p90: Double
    public var average: Double
    public var stdev: Double
    public var scale: HistogramScale
    public var glyphs: GlyphSet

    public init(deltas: [Int64], outliers: [Bool], p10: Double, p90: Double, average: Double, stdev: Double,
                scale: HistogramScale = .clipped, glyphs: GlyphSet = .unicode) {
        self.deltas = deltas
        self.outliers = outliers
        self.p10 = p10
        self.p90 = p90
        self.average = average
        self.stdev = stdev
        self.scale = scale
        self.glyphs = glyphs
    }

    /// The bins drawn in an area `width` columns wide: at most one per column.
    public func binning(width: Int) -> HistogramBinning {
        histogramBins(deltas: deltas, outliers: outliers, maxBins: width, scale: scale)
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let clip = area.intersection(buffer.bounds) else { return }
        buffer.clippedFill(area)
        let binning = binning(width: area.width)
        guard !binning.bins.isEmpty else {
            buffer.write("no time deltas", x: area.x, y: area.y + area.height / 2, width: area.width,
                         alignment: .center, role: .dim, clip: clip)
            return
        }
        let geometry = Geometry(binning: binning, area: area)
        drawBars(binning, geometry, into: &buffer, clip: clip)
        if area.height >= 2 { drawAxis(binning, geometry, into: &buffer, clip: clip) }
        if area.height >= 3 { drawLabels(binning, geometry, into: &buffer, clip: clip) }
        if area.height >= 4 { drawLegend(binning, geometry, into: &buffer, clip: clip) }
    }

    /// Where bins and rows go in the area (x relative to the area).
    struct Geometry {
        var area: Rect
        var binCount: Int
        /// Columns per bin, and the width of a bar in it (one blank between bars when they are wide).
        /// At most four: two bins must not become two solid blocks across the pane.
        var columnsPerBin: Int
        var barWidth: Int
        var barRows: Int
        /// A single bin is drawn as a spike in the middle of the axis.
        var isSpike: Bool
        /// Where the first bin starts, and how far the axis line reaches.
        var origin: Int
        var axisWidth: Int
        /// The overflow bar's first column and the break in the axis before it.
        var overflowLeft: Int?
        var breakColumn: Int?

        init(binning: HistogramBinning, area: Rect) {
            self.area = area
            binCount = binning.bins.count
            let hasOverflow = binning.overflow != nil
            let slots = binCount + (hasOverflow ? 2 : 0)
            columnsPerBin = max(1, min(4, area.width / max(1, slots)))
            barWidth = columnsPerBin >= 3 ? columnsPerBin - 1 : columnsPerBin
            barRows = max(1, area.height - min(3, area.height - 1))
            isSpike = binCount == 1
            if isSpike {
                axisWidth = area.width
                let room = area.width - (hasOverflow ? 2 * columnsPerBin : 0)
                origin = max(0, (room - barWidth) / 2)
                overflowLeft = hasOverflow ? area.width - columnsPerBin : nil
            } else {
                origin = 0
                axisWidth = min(area.width, slots * columnsPerBin)
                overflowLeft = hasOverflow ? (binCount + 1) * columnsPerBin : nil
            }
            breakColumn = overflowLeft.map { $0 - columnsPerBin + (columnsPerBin - 1) / 2 }
        }

        /// The left column of bin `index`.
        func left(ofBin index: Int) -> Int { origin + index * columnsPerBin }
    }

    private func drawBars(_ binning: HistogramBinning, _ geometry: Geometry, into buffer: inout ScreenBuffer,
                          clip: Rect) {
        let tallest = max(binning.bins.map(\.count).max() ?? 0, binning.overflow?.count ?? 0)
        guard tallest > 0 else { return }
        for (index, bin) in binning.bins.enumerated() where bin.count > 0 {
            drawBar(bin, left: geometry.left(ofBin: index), tallest: tallest, geometry, into: &buffer, clip: clip)
        }
        if let overflow = binning.overflow, let left = geometry.overflowLeft {
            drawBar(overflow, left: left, tallest: tallest, geometry, into: &buffer, clip: clip)
        }
    }

    private func drawBar(_ bin: HistogramBin, left: Int, tallest: Int, _ geometry: Geometry,
                         into buffer: inout ScreenBuffer, clip: Rect) {
        let steps = glyphs.ramp.count
        let total = geometry.barRows * steps
        let bottom = geometry.area.y + geometry.barRows - 1
        // Rounded to the nearest step, but never to nothing: a single delta must show.
        let levels = max(1, (bin.count * total + tallest / 2) / tallest)
        for column in (geometry.area.x + left)..<(geometry.area.x + left + geometry.barWidth) {
            if bin.hasOutlier {
                for row in 0..<((levels + steps - 1) / steps) {
                    buffer.put(glyphs.outlierFill, x: column, y: bottom - row, role: .histogramOutlier, clip: clip)
                }
            } else {
                for row in 0..<(levels / steps) {
                    buffer.put(glyphs.fullBlock, x: column, y: bottom - row, role: .histogramBar, clip: clip)
                }
                if levels % steps > 0 {
                    buffer.put(glyphs.rampGlyph(level: levels % steps), x: column, y: bottom - levels / steps,
                               role: .histogramBar, clip: clip)
                }
            }
        }
    }

    /// The column (relative to the area) of a value: for one-second bins and the spike the middle of
    /// that value's bar, otherwise proportional along the axis; past a clipped axis, the overflow bar's
    /// middle, or the break before it for a value short of the overflow's lowest delta; clamped.
    func column(of value: Double, _ binning: HistogramBinning, _ geometry: Geometry) -> Int? {
        guard value.isFinite, let first = binning.bins.first, let last = binning.bins.last else { return nil }
        let snapped = binning.binWidth == 1 ? value.rounded() : value
        let middle = (geometry.barWidth - 1) / 2
        if snapped >= Double(last.upper + 1), let overflow = binning.overflow, let left = geometry.overflowLeft,
           let gap = geometry.breakColumn {
            return snapped >= Double(overflow.lower) ? left + middle : gap
        }
        if geometry.isSpike { return geometry.origin + middle }
        if binning.binWidth == 1 {
            let bin = min(max(0, Int(snapped - Double(first.lower))), geometry.binCount - 1)
            return geometry.left(ofBin: bin) + middle
        }
        let position = binning.position(of: value) * Double(geometry.columnsPerBin)
        return min(max(0, Int(position.rounded(.down))), geometry.binCount * geometry.columnsPerBin - 1)
    }

    private func drawAxis(_ binning: HistogramBinning, _ geometry: Geometry, into buffer: inout ScreenBuffer,
                          clip: Rect) {
        let y = geometry.area.y + geometry.barRows
        let x = geometry.area.x
        buffer.clippedFill(Rect(x: x, y: y, width: geometry.axisWidth, height: 1), glyph: glyphs.horizontal, role: .axis)
        if let gap = geometry.breakColumn {
            buffer.put(glyphs.vertical, x: x + gap, y: y, role: .axis, clip: clip)
        }
        if stdev.isFinite, let low = column(of: average - stdev, binning, geometry),
           let high = column(of: average + stdev, binning, geometry) {
            for column in low...max(low, high) where column != geometry.breakColumn {
                buffer.put(glyphs.bandLine, x: x + column, y: y, role: .histogramBand, clip: clip)
            }
        }
        // The average first, then the fences moved outwards (P10 left, P90 right) off any taken column.
        var taken: Set<Int> = []
        let marks: [(Double, Character, Role, Int)] = [
            (average, glyphs.bandCentre, .histogramBand, 1),
            (p10, glyphs.fenceMarker, .histogramFence, -1),
            (p90, glyphs.fenceMarker, .histogramFence, 1),
        ]
        for (value, glyph, role, direction) in marks {
            guard let wanted = column(of: value, binning, geometry),
                  let column = freeColumn(near: wanted, direction: direction, taken: taken, width: geometry.axisWidth)
            else { continue }
            taken.insert(column)
            buffer.put(glyph, x: x + column, y: y, role: role, clip: clip)
        }
    }

    /// The free column nearest `wanted`, looking first in `direction` at each distance.
    func freeColumn(near wanted: Int, direction: Int, taken: Set<Int>, width: Int) -> Int? {
        for distance in 0..<max(1, width) {
            for column in [wanted + direction * distance, wanted - direction * distance]
            where column >= 0 && column < width && !taken.contains(column) {
                return column
            }
        }
        return nil
    }

    /// The lowest value at the left, the highest at the end of the bins, the overflow's start under it,
    /// and in the widest space left the bin width and the tallest bar's count (the count scale).
    private func drawLabels(_ binning: HistogramBinning, _ geometry: Geometry, into buffer: inout ScreenBuffer,
                            clip: Rect) {
        let y = geometry.area.y + geometry.barRows + 1
        var row = LabelRow(width: geometry.area.width)
        let tallest = max(binning.bins.map(\.count).max() ?? 0, binning.overflow?.count ?? 0)
        let first = binning.bins[0]
        if geometry.isSpike {
            let text = "\(first.count) \(glyphs.multiply) \(duration(first.lower))"
            let centre = geometry.origin + (geometry.barWidth - 1) / 2
            row.place(text, at: max(0, centre - writtenWidth(text) / 2))
        } else {
            row.place(duration(first.lower), at: 0)
        }
        if let overflow = binning.overflow, let left = geometry.overflowLeft {
            let text = (glyphs.isUnicode ? "≥" : ">=") + duration(overflow.lower)
            row.place(text, at: left + geometry.barWidth - writtenWidth(text))
        }
        if !geometry.isSpike {
            let last = binning.bins[binning.bins.count - 1]
            let high = binning.binWidth == 1 || binning.isLogarithmic ? last.upper : binning.end
            let text = duration(high)
            row.place(text, at: geometry.binCount * geometry.columnsPerBin - writtenWidth(text))
            let unit = binning.isLogarithmic ? "log axis" : "bin \(duration(binning.binWidth))"
            row.placeInWidestGap("\(unit), tallest \(tallest)")
        } else if binning.overflow != nil {
            row.placeInWidestGap("tallest \(tallest)")
        }
        for (text, column) in row.placed {
            buffer.write(text, x: geometry.area.x + column, y: y, maxWidth: writtenWidth(text), role: .axis)
        }
    }

    /// Where each mark is, in words, as much as fits: the marks may have been moved apart on the axis,
    /// and a clipped axis hides how far the overflow reaches.
    private func drawLegend(_ binning: HistogramBinning, _ geometry: Geometry, into buffer: inout ScreenBuffer,
                            clip: Rect) {
        let y = geometry.area.y + geometry.barRows + 2
        var parts: [[(String, Role)]] = [
            [(String(glyphs.bandCentre), .histogramBand), (" avg \(duration(average))", .axis)],
            [(String(glyphs.fenceMarker), .histogramFence), (" P10 \(duration(p10)) P90 \(duration(p90))", .axis)],
        ]
        if let overflow = binning.overflow {
            let plural = overflow.count == 1 ? "" : "s"
            parts.append([("\(overflow.count) delta\(plural) over P\(histogramClipPercent), up to \(duration(overflow.upper))", .axis)])
        }
        let flagged = outliers.prefix(deltas.count).filter { $0 }.count
        if flagged > 0 {
            parts.append([(String(glyphs.outlierFill), .histogramOutlier), (" \(flagged) outlier\(flagged == 1 ? "" : "s")", .axis)])
        }
        let plusMinus = glyphs.isUnicode ? "±" : "+-"
        parts.append([(String(glyphs.bandLine), .histogramBand), (" \(plusMinus)sd \(duration(stdev))", .axis)])
        func width(_ parts: [[(String, Role)]]) -> Int {
            parts.reduce(0) { $0 + $1.reduce(0) { $0 + writtenWidth($1.0) } } + 2 * max(0, parts.count - 1)
        }
        while !parts.isEmpty, width(parts) > geometry.area.width { parts.removeLast() }
        var column = geometry.area.x
        for (index, part) in parts.enumerated() {
            if index > 0 { column += 2 }
            for (text, role) in part {
                column += buffer.write(text, x: column, y: y, maxWidth: writtenWidth(text), role: role)
            }
        }
    }

    private func duration(_ seconds: Int64) -> String { formatHumanDuration(seconds: Double(seconds)) }
    private func duration(_ seconds: Double) -> String { formatHumanDuration(seconds: seconds) }
}

/// Labels on one row that must not touch: each is kept only where it and a blank on either side fit.
struct LabelRow {
    var width: Int
    var used: [Bool]
    var placed: [(String, Int)] = []

    init(width: Int) {
        self.width = width
        used = Array(repeating: false, count: max(0, width))
    }

    mutating func place(_ text: String, at column: Int) {
        let length = writtenWidth(text)
        guard column >= 0, column + length <= width, length > 0 else { return }
        let margin = max(0, column - 1)..<min(width, column + length + 1)
        guard !margin.contains(where: { used[$0] }) else { return }
        for index in column..<(column + length) { used[index] = true }
        placed.append((text, column))
    }

    /// Centred in the longest run of free columns, when it fits there with a blank on either side.
    mutating func placeInWidestGap(_ text: String) {
        var best = (start: 0, length: 0), start = 0
        for index in 0...width {
            if index == width || used[index] {
                if index - start > best.length { best = (start, index - start) }
                start = index + 1
            }
        }
        let length = writtenWidth(text)
        guard length + 2 <= best.length else { return }
        place(text, at: best.start + (best.length - length) / 2)
    }
}
