import Testing
@testable import TriageUI

@Suite struct HistogramBinTests {
    @Test func fewDistinctValuesGetOneBinPerSecond() {
        let binning = histogramBins(deltas: [300, 300, 301, 303], outliers: [false, false, false, true], maxBins: 60)
        #expect(binning.start == 300 && binning.binWidth == 1)
        #expect(binning.bins.map(\.count) == [2, 1, 0, 1])
        #expect(binning.bins.map(\.hasOutlier) == [false, false, false, true])
        #expect(binning.bins.map(\.lower) == [300, 301, 302, 303])
    }

    @Test func wideSpansUseANiceWidthAlignedToItsMultiples() {
        // 3540 s over 60 bins needs 60 s bins; starting at 60 (a multiple of 60) they reach 3600 in 60 bins.
        let binning = histogramBins(deltas: [60, 61, 3600], outliers: [false, false, true], maxBins: 60)
        #expect(binning.binWidth == 60 && binning.start == 60 && binning.bins.count == 60)
        #expect(binning.bins.first?.count == 2 && binning.bins.last?.count == 1 && binning.bins.last?.hasOutlier == true)
        #expect(binning.bins.last?.lower == 3600 && binning.bins.last?.upper == 3659)
    }

    @Test func alignmentThatNeedsOneBinTooManyTakesTheNextNiceWidth() {
        // 60 s bins aligned at 0 would need 61 bins for 59…3600; 120 s bins need 31.
        let binning = histogramBins(deltas: [59, 3600], outliers: [], maxBins: 60)
        #expect(binning.binWidth == 120 && binning.start == 0 && binning.bins.count == 31)
    }

    @Test func emptyAndExtremeInputsStayWithinTheWidth() {
        #expect(histogramBins(deltas: [], outliers: [], maxBins: 60).bins.isEmpty)
        #expect(histogramBins(deltas: [5], outliers: [], maxBins: 0).bins.isEmpty)
        let extreme = histogramBins(deltas: [Int64.min, 0, Int64.max], outliers: [true], maxBins: 40)
        #expect(extreme.bins.count <= 40 && extreme.bins.map(\.count).reduce(0, +) == 3)
        #expect(extreme.bins.first?.hasOutlier == true)
    }
}

@Suite struct HistogramRenderTests {
    /// A 5-minute beacon: 298 ×1, 299 ×3, 300 ×10, 301 ×4, 302 ×2, and two outliers at 291 and 309.
    /// 19 one-second bins (291…309) in 60 columns: 3 columns per bin, bars 2 wide with a blank between.
    func histogram(glyphs: GlyphSet = .unicode) -> Histogram {
        let deltas: [Int64] = [300, 299, 300, 301, 300, 291, 300, 298, 302, 300, 299, 301, 300, 300, 309, 301, 300,
                               299, 302, 300, 301, 300]
        return Histogram(deltas: deltas, outliers: deltas.map { $0 == 291 || $0 == 309 }, p10: 299, p90: 301,
                         average: 300, stdev: 2.6, glyphs: glyphs)
    }

    @Test func sixtyByTenWithOutliersFencesAndBand() {
        // 7 bar rows = 56 steps (the axis, the labels and the legend take three); the tallest bin (10)
        // fills them. 4 → (4·56 + 5) / 10 = 22 steps (2 rows + ▆), 3 → 17 (2 + ▁), 2 → 11 (1 + ▃),
        // 1 → 6 (▆). Outlier bins are whole ▒ cells. On the axis: the band from 300 - 2.6 ≈ 297 to
        // 302.6 ≈ 303 (bins 6 to 12), ● at 300, ▲ at P10 = 299 and P90 = 301. Labels: the ends, and
        // centred in the 45 free columns between them (6…50) the bin width and the tallest count. The
        // legend drops its last part (±sd, which would make it 63 columns) to fit 60.
        let buffer = draw(width: 60, height: 10) { histogram().render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "                           ██",
            "                           ██",
            "                           ██",
            "                           ██",
            "                        ▁▁ ██ ▆▆",
            "                        ██ ██ ██ ▃▃",
            "▒▒                   ▆▆ ██ ██ ██ ██                   ▒▒",
            "──────────────────══════▲══●══▲══════────────────────────",
            "4m 51s             bin 1s, tallest 10              5m 09s",
            "● avg 5m 00s  ▲ P10 4m 59s P90 5m 01s  ▒ 2 outliers"
        ))
    }

    @Test func outlierBinsAndMarksCarryTheirRoles() {
        let buffer = draw(width: 60, height: 10) { histogram().render(into: &$0, area: $1) }
        #expect(roles(buffer, y: 6, 0..<2) == [.histogramOutlier])
        #expect(roles(buffer, y: 6, 54..<56) == [.histogramOutlier])
        #expect(roles(buffer, y: 0, 27..<29) == [.histogramBar])
        #expect(roles(buffer, y: 6, 21..<23) == [.histogramBar])
        #expect(buffer[24, 7].role == .histogramFence && buffer[30, 7].role == .histogramFence)
        #expect(buffer[27, 7].role == .histogramBand && buffer[18, 7].role == .histogramBand)
        #expect(buffer[0, 7].role == .axis && buffer[17, 7].role == .axis)
        // The outlier texture differs from the bar glyph, so it shows without colour.
        #expect(buffer[0, 6].glyph != buffer[24, 6].glyph)
    }

    @Test func theASCIIFallbackDrawsOnlyASCII() {
        // 6 bar rows of 4 steps: 1 → (24 + 5) / 10 = 2 steps (:), 2 → 5, 3 → 7, 4 → 10: a full bottom cell.
        let buffer = draw(width: 60, height: 9) { histogram(glyphs: .ascii).render(into: &$0, area: $1) }
        #expect(buffer.text().unicodeScalars.allSatisfy { $0.isASCII })
        #expect(buffer.text().split(separator: "\n")[5] == "%%                   :: ## ## ## ##                   %%")
        #expect(buffer.text().split(separator: "\n")[6] == "------------------======^==o==^======--------------------")
    }

    @Test func noDeltasSaysSo() {
        let empty = Histogram(deltas: [], outliers: [], p10: .nan, p90: .nan, average: .nan, stdev: .nan)
        let buffer = draw(width: 30, height: 3) { empty.render(into: &$0, area: $1) }
        #expect(buffer.text() == screen("", "        no time deltas", ""))
    }

    @Test func tinyAreasDoNotCrash() {
        for (width, height) in [(0, 0), (1, 1), (60, 1), (60, 2), (2, 10), (1, 3)] {
            _ = draw(width: width, height: height) { histogram().render(into: &$0, area: $1) }
        }
        let buffer = draw(width: 60, height: 2) { histogram().render(into: &$0, area: $1) }
        #expect(buffer.text().split(separator: "\n").last == "──────────────────══════▲══●══▲══════────────────────────")
    }
}

@Suite struct TimelineTests {
    @Test func densityPerColumnWithTheRampAndOutliersMarked() {
        // 0…99 over 10 columns: 0 and 5 in column 0 (2), 10, 11, 12 in column 1 (3), 50 in 5, 99 in 9.
        // Levels of 8: 2/3 → ▆, 3/3 → █, 1/3 → ▃; the outlier at 50 is ▒.
        let timeline = Timeline(timestamps: [0, 5, 10, 11, 12, 50, 99], start: 0, end: 99, marked: [50])
        let buffer = draw(width: 10, height: 1) { timeline.render(into: &$0, area: $1) }
        #expect(buffer.text() == "▆█───▒───▃")
        #expect(buffer[5, 0].role == .histogramOutlier && buffer[1, 0].role == .histogramBar && buffer[2, 0].role == .axis)
    }

    @Test func instantsOutsideTheWindowAreLeftOutAndTicksNeverOverflow() {
        let start: Int64 = 17_000_000_000_000_000, end = start + 864_000_000_000
        let timeline = Timeline(timestamps: [start - 1, start, end, end + 1, Int64.max], start: start, end: end)
        #expect(timeline.density(width: 4) == [1, 0, 0, 1])
        let degenerate = Timeline(timestamps: [5, 5], start: 5, end: 5)
        #expect(degenerate.density(width: 3) == [2, 0, 0])
        _ = draw(width: 0, height: 0) { timeline.render(into: &$0, area: $1) }
    }
}
