import BeaconEngine
import KQL
import TriageUI

/// How the detail pane draws the selected beacon: its delta histogram (on a clipped or a log axis) or
/// its day-by-hour heat map (density glyphs or counts). The analyst's choice, kept across beacons.
public struct DetailCharts: Hashable, Sendable {
    public var showsHeatMap = false
    public var heatMapCounts = false
    public var histogramScale: HistogramScale = .clipped

    public init() {}
}

extension DetailView {
    /// Rows the charts keep above the notes in a narrow pane: five (the zoom is where the whole trail
    /// fits), or when zoomed on the heat map, room for every day (title and hours included) and the
    /// timeline's two.
    static func chartRows(_ candidate: BeaconCandidate, _ state: AppState) -> Int {
        guard state.detailZoomed, state.charts.showsHeatMap else { return 5 }
        let days = Rhythm.dayHourCounts(ticks: candidate.timestamps)?.counts.count ?? 0
        return max(5, 2 + days + 2)
    }

    /// The histogram or the heat map, then the timeline zoomed to the beacon's first and last connection,
    /// with its time axis when there is a row for it.
    static func renderRhythm(_ candidate: BeaconCandidate, state: AppState, glyphs: GlyphSet,
                             into buffer: inout ScreenBuffer, area: Rect) {
        guard let summary = candidate.summary, area.height >= 4 else { return }
        let high = state.parameters.outlierMax, low = state.parameters.lowOutlierThreshold
        let flags = candidate.outlierScores.isEmpty
            ? Array(repeating: false, count: candidate.deltas.count)
            : candidate.outlierScores.map { $0 > high || $0 < low }
        // Short panes give the chart the rows and the timeline one; the axis row comes with room, or when
        // the heat map's days leave it.
        let days = state.charts.showsHeatMap ? Rhythm.dayHourCounts(ticks: candidate.timestamps)?.counts.count ?? 0 : 0
        let timelineRows = area.height >= 7 || (days > 0 && area.height >= days + 4) ? 2 : 1
        let chartHeight = min(state.detailZoomed ? 24 : 12, area.height - timelineRows)
        let chartArea = Rect(x: area.x, y: area.y, width: area.width, height: chartHeight)
        if state.charts.showsHeatMap {
            Rhythm.heatMap(timestamps: candidate.timestamps, showsCounts: state.charts.heatMapCounts, glyphs: glyphs)?
                .render(into: &buffer, area: chartArea)
        } else {
            let sorted = candidate.deltas.map(Double.init).sorted()
            Histogram(
                deltas: candidate.deltas, outliers: flags,
                // The fences series_outliers scored against (spec S1), marked on the axis.
                p10: sorted.isEmpty ? 0 : percentileLinear(sortedAscending: sorted, percent: 10),
                p90: sorted.isEmpty ? 0 : percentileLinear(sortedAscending: sorted, percent: 90),
                average: summary.stats.avg, stdev: summary.stats.stdev, scale: state.charts.histogramScale,
                glyphs: glyphs
            ).render(into: &buffer, area: chartArea)
        }
        let timelineY = area.y + chartHeight
        guard timelineY < area.maxY, let first = candidate.timestamps.min(), let last = candidate.timestamps.max()
        else { return }
        let label = timelineRows == 2 ? "timeline" : "timeline "
        let labelWidth = label.count + (timelineRows == 2 ? 3 : 0)
        buffer.write(label, x: area.x, y: timelineY, role: .dim)
        // A single instant still needs a span to place it: one second.
        let end = max(last, first + Instant.ticksPerSecond)
        let width = area.width - labelWidth
        if timelineRows == 2 { buffer.write("UTC", x: area.x, y: timelineY + 1, role: .dim) }
        let outlierTimes = flags.enumerated().filter(\.element).map { candidate.timestamps[$0.offset + 1] }
        Timeline(timestamps: candidate.timestamps, start: first, end: end, marked: outlierTimes,
                 ticks: timelineRows == 2 ? Rhythm.timelineTicks(start: first, end: end, width: width) : [],
                 glyphs: glyphs)
            .render(into: &buffer, area: Rect(x: area.x + labelWidth, y: timelineY, width: width,
                                              height: min(timelineRows, area.maxY - timelineY)))
    }
}

/// The `h`, `H` and `L` keys: each shows the chart it changes.
enum ChartActions {
    static func toggleRhythm(_ state: inout AppState) {
        state.charts.showsHeatMap.toggle()
        state.message = state.charts.showsHeatMap
            ? "heat map: connections by day and hour (UTC); H shows counts"
            : "histogram of the time deltas; L switches the axis"
    }

    static func toggleHeatMapCounts(_ state: inout AppState) {
        state.charts.heatMapCounts.toggle()
        state.charts.showsHeatMap = true
        state.message = state.charts.heatMapCounts ? "heat map: connections per hour" : "heat map: density glyphs"
    }

    static func toggleHistogramScale(_ state: inout AppState) {
        state.charts.histogramScale = state.charts.histogramScale.toggled
        state.charts.showsHeatMap = false
        state.message = state.charts.histogramScale == .logarithmic
            ? "histogram: log axis over every delta"
            : "histogram: linear axis, clipped at P\(histogramClipPercent) when a long tail would squash it"
    }
}
