import KQL

/// The histogram of one beacon's time deltas (integer seconds), the picture an analyst reads a
/// beacon's regularity from: a tight spike is a timer, a smear is a human.
///
/// Rows, top to bottom: the bars (the block ramp gives `ramp.count` steps per row), an axis line, and
/// the labels. On the axis, `▲` marks the P10 and P90 fences and `═●═` the avg ± stdev band (`●` the
/// average). Bins holding an outlier delta are drawn in role `histogramOutlier` *and* with their own
/// texture (`▒`), so outliers stand out on a monochrome terminal as well. A legend in the label row
/// names the marks.
public struct Histogram: Hashable, Sendable {
    public var deltas: [Int64]
    /// `outliers[i]` flags `deltas[i]` (same length; a missing flag counts as false).
    public var outliers: [Bool]
    public var p10: Double
    public var p90: Double
    public var average: Double
    public var stdev: Double
    public var glyphs: GlyphSet

    public init(deltas: [Int64], outliers: [Bool], p10: Double, p90: Double, average: Double, stdev: Double,
                glyphs: GlyphSet = .unicode) {
        self.deltas = deltas
        self.outliers = outliers
        self.p10 = p10
        self.p90 = p90
        self.average = average
        self.stdev = stdev
        self.glyphs = glyphs
    }

    /// The bins drawn in an area `width` columns wide: at most one per column.
    public func binning(width: Int) -> HistogramBinning {
        histogramBins(deltas: deltas, outliers: outliers, maxBins: width)
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
    }

    /// Where bins and rows go in the area.
    struct Geometry {
        var area: Rect
        var binCount: Int
        /// Columns per bin, and the width of a bar in it (one blank between bars when they are wide).
        var columnsPerBin: Int
        var barWidth: Int
        var barRows: Int
        var usedWidth: Int { binCount * columnsPerBin }

        init(binning: HistogramBinning, area: Rect) {
            self.area = area
            binCount = binning.bins.count
            columnsPerBin = max(1, area.width / max(1, binCount))
            barWidth = columnsPerBin >= 3 ? columnsPerBin - 1 : columnsPerBin
            barRows = area.height >= 3 ? area.height - 2 : 1
        }
    }

    private func drawBars(_ binning: HistogramBinning, _ geometry: Geometry, into buffer: inout ScreenBuffer,
                          clip: Rect) {
        let steps = glyphs.ramp.count
        let tallest = binning.bins.map(\.count).max() ?? 0
        guard tallest > 0 else { return }
        let total = geometry.barRows * steps
        let bottom = geometry.area.y + geometry.barRows - 1
        for (index, bin) in binning.bins.enumerated() where bin.count > 0 {
            // Rounded to the nearest step, but never to nothing: a single delta must show.
            let levels = max(1, (bin.count * total + tallest / 2) / tallest)
            let left = geometry.area.x + index * geometry.columnsPerBin
            for column in left..<(left + geometry.barWidth) {
                if bin.hasOutlier {
                    let cells = (levels + steps - 1) / steps
                    for row in 0..<cells {
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
    }

    /// The column (relative to the area) of a value: for one-second bins the middle of that second's
    /// bar, otherwise proportional along the axis; clamped to the axis.
    func column(of value: Double, _ binning: HistogramBinning, _ geometry: Geometry) -> Int? {
        guard value.isFinite else { return nil }
        if binning.binWidth == 1 {
            let bin = min(max(0, Int((value - Double(binning.start)).rounded())), geometry.binCount - 1)
            return bin * geometry.columnsPerBin + (geometry.barWidth - 1) / 2
        }
        let position = binning.position(of: value) * Double(geometry.columnsPerBin)
        return min(max(0, Int(position.rounded(.down))), geometry.usedWidth - 1)
    }

    private func drawAxis(_ binning: HistogramBinning, _ geometry: Geometry, into buffer: inout ScreenBuffer,
                          clip: Rect) {
        let y = geometry.area.y + geometry.barRows
        let x = geometry.area.x
        buffer.clippedFill(Rect(x: x, y: y, width: geometry.usedWidth, height: 1), glyph: glyphs.horizontal, role: .axis)
        if stdev.isFinite, let low = column(of: average - stdev, binning, geometry),
           let high = column(of: average + stdev, binning, geometry) {
            for column in low...max(low, high) {
                buffer.put(glyphs.bandLine, x: x + column, y: y, role: .histogramBand, clip: clip)
            }
        }
        if let centre = column(of: average, binning, geometry) {
            buffer.put(glyphs.bandCentre, x: x + centre, y: y, role: .histogramBand, clip: clip)
        }
        for fence in [p10, p90] {
            if let column = column(of: fence, binning, geometry) {
                buffer.put(glyphs.fenceMarker, x: x + column, y: y, role: .histogramFence, clip: clip)
            }
        }
    }

    /// The lowest value at the left, the highest at the right (human units), and between them as much
    /// of the legend as fits.
    private func drawLabels(_ binning: HistogramBinning, _ geometry: Geometry, into buffer: inout ScreenBuffer,
                            clip: Rect) {
        let y = geometry.area.y + geometry.barRows + 1
        let x = geometry.area.x
        let width = geometry.usedWidth
        let lowLabel = formatHumanDuration(seconds: Double(binning.start))
        let highValue = binning.binWidth == 1 ? binning.end - 1 : binning.end
        let highLabel = formatHumanDuration(seconds: Double(highValue))
        let leftUsed = buffer.write(lowLabel, x: x, y: y, width: width, alignment: .left, role: .axis, clip: clip)
        var rightUsed = 0
        if highValue != binning.start, leftUsed + 1 + writtenWidth(highLabel) <= width {
            rightUsed = buffer.write(highLabel, x: x, y: y, width: width, alignment: .right, role: .axis, clip: clip)
        }
        let room = width - leftUsed - rightUsed - 4
        var parts = legendParts(hasOutliers: binning.bins.contains { $0.hasOutlier })
        while !parts.isEmpty, legendWidth(parts) > room { parts.removeLast() }
        guard !parts.isEmpty else { return }
        var column = x + leftUsed + 2 + (room - legendWidth(parts)) / 2
        for (index, part) in parts.enumerated() {
            if index > 0 { column += 2 }
            for (text, role) in part {
                column += buffer.write(text, x: column, y: y, maxWidth: writtenWidth(text), role: role)
            }
        }
    }

    private typealias LegendPart = [(String, Role)]

    private func legendParts(hasOutliers: Bool) -> [LegendPart] {
        let plusMinus = glyphs.isUnicode ? "±" : "+-"
        var parts: [LegendPart] = [
            [(String(glyphs.fenceMarker), .histogramFence), (" P10/P90", .axis)],
            [(String([glyphs.bandLine, glyphs.bandCentre, glyphs.bandLine]), .histogramBand),
             (" avg\(plusMinus)sd", .axis)],
        ]
        if hasOutliers { parts.append([(String(glyphs.outlierFill), .histogramOutlier), (" outlier", .axis)]) }
        return parts
    }

    private func legendWidth(_ parts: [LegendPart]) -> Int {
        parts.reduce(0) { $0 + $1.reduce(0) { $0 + writtenWidth($1.0) } } + 2 * max(0, parts.count - 1)
    }
}
