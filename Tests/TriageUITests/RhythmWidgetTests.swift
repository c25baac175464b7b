import Testing
@testable import TriageUI

@Suite struct HistogramScaleTests {
    @Test func clipsAtP95WhenTheTailSpansMoreThanTheRest() {
        // 50 one-minute sleeps and one 5 h gap: P95 is the value at rank ⌈0.95 · 51⌉ = 49, 60 s; the
        // tail (18000 − 60) spans more than the rest (60 − 60).
        let deltas = Array(repeating: Int64(60), count: 50) + [18000]
        #expect(histogramClip(deltas: deltas) == 60)
        let binning = histogramBins(deltas: deltas, outliers: Array(repeating: false, count: 50) + [true], maxBins: 40,
                                    scale: .clipped)
        #expect(binning.bins == [HistogramBin(lower: 60, upper: 60, count: 50, hasOutlier: false)])
        #expect(binning.overflow == HistogramBin(lower: 18000, upper: 18000, count: 1, hasOutlier: true))
    }

    @Test func aShortTailIsNotClipped() {
        // 10, 20, …, 200: P95 (rank 19) is 190; the tail 200 − 190 = 10 is shorter than 190 − 10.
        let deltas = (1...20).map { Int64($0 * 10) }
        #expect(histogramClip(deltas: deltas) == nil)
        #expect(histogramBins(deltas: deltas, outliers: [], maxBins: 40, scale: .clipped).overflow == nil)
        #expect(histogramClip(deltas: [60, 60, 60]) == nil)
        #expect(histogramClip(deltas: []) == nil)
    }

    @Test func logBinsGrowByAnEqualRatio() {
        // From ln 2 to ln 1001 in 3 steps: the ratio is 500.5^(1/3) ≈ 7.94, so the edges (minus the
        // added second) are 2 · 7.94 − 1 ≈ 14.9 → 14 and 2 · 63.04 − 1 ≈ 125.1 → 125.
        let binning = histogramBins(deltas: [1, 10, 100, 1000], outliers: [false, false, true], maxBins: 3,
                                    scale: .logarithmic)
        #expect(binning.isLogarithmic)
        #expect(binning.bins.map(\.lower) == [1, 14, 125])
        #expect(binning.bins.map(\.upper) == [13, 124, 1000])
        #expect(binning.bins.map(\.count) == [2, 1, 1])
        #expect(binning.bins.map(\.hasOutlier) == [false, true, false])
        // Positions are linear inside each bin: 69.5 is halfway through 14…124.
        #expect(binning.position(of: 14) == 1 && binning.position(of: 69.5) == 1.5)
    }

    @Test func logBinsMergeBelowOneSecondAndKeepZero() {
        // 0…3 in 10 bins: edges e^(k · ln 4 / 10) − 1 floor to 0, 0, 0, 0, 0, 1, 1, 1, 2, 2: merged to 0, 1, 2.
        let binning = histogramBins(deltas: [0, 1, 2, 3, 3], outliers: [], maxBins: 10, scale: .logarithmic)
        #expect(binning.bins.map(\.lower) == [0, 1, 2])
        #expect(binning.bins.map(\.upper) == [0, 1, 3])
        #expect(binning.bins.map(\.count) == [1, 1, 3])
    }
}

@Suite struct HistogramPictureTests {
    @Test func aZeroSpreadSeriesIsOneLabelledSpikeWithItsMarksApart() {
        // One bin: a 3-wide bar centred in 20 columns (from (20 − 3) / 2 = 8), full height. The average
        // takes the spike's middle (9); P10 moves left to 8 and P90 right to 10 instead of hiding it.
        // The label "4 × 1m 00s" is centred under the middle (9 − 10 / 2 = 4). The legend keeps what fits.
        let histogram = Histogram(deltas: [60, 60, 60, 60], outliers: [], p10: 60, p90: 60, average: 60, stdev: 0)
        let buffer = draw(width: 20, height: 4) { histogram.render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "        ███",
            "────────▲●▲─────────",
            "    4 × 1m 00s",
            "● avg 1m 00s"
        ))
    }

    @Test func aLongGapGoesToAnOverflowBarAfterABreak() {
        // 10 s ×6, 11 s ×7, 12 s ×6 and one 3600 s gap: P95 (rank 19) is 12 s, so the axis ends there.
        // Five slots (three bins, the gap, the overflow) of 4 columns in 20: bars at 0, 4, 8 and 16; the
        // break │ at 13. One bar row of 8 steps against the tallest (7): 6 → ▇, 7 → █, 1 → ▁. The
        // average (190.45 s) lies between the clip and the overflow: on the break. P10 and P90 mark the
        // middles of the 10 s and 12 s bars. Labels: 10s, and ≥1h 00m ending under the overflow bar;
        // "12s" would touch it and is left out, as is the scale, which has no room.
        let deltas: [Int64] = Array(repeating: 10, count: 6) + Array(repeating: 11, count: 7)
            + Array(repeating: 12, count: 6) + [3600]
        let histogram = Histogram(deltas: deltas, outliers: [], p10: 10, p90: 12, average: 190.45, stdev: .nan)
        let buffer = draw(width: 20, height: 3) { histogram.render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "▇▇▇ ███ ▇▇▇     ▁▁▁",
            "─▲───────▲───●──────",
            "10s         ≥1h 00m"
        ))
    }

    @Test func theFreeColumnSearchNeverReusesATakenOne() {
        let histogram = Histogram(deltas: [1], outliers: [], p10: 1, p90: 1, average: 1, stdev: 0)
        #expect(histogram.freeColumn(near: 0, direction: -1, taken: [0], width: 3) == 1)
        #expect(histogram.freeColumn(near: 1, direction: 1, taken: [1, 2], width: 3) == 0)
        #expect(histogram.freeColumn(near: 1, direction: 1, taken: [0, 1, 2], width: 3) == nil)
    }
}

@Suite struct HeatMapTests {
    @Test func countsAreScaledByTensOnlyWhenTheyDoNotFit() {
        #expect(HeatMap.countDivisor(busiest: 99, digits: 2) == 1)
        // 720 needs three digits; 720 / 10 = 72 fits two.
        #expect(HeatMap.countDivisor(busiest: 720, digits: 2) == 10)
        // 995 / 10 rounds to 100, three digits again: hundreds.
        #expect(HeatMap.countDivisor(busiest: 995, digits: 2) == 100)
        #expect(HeatMap.shownCount(4, divisor: 10) == 1 && HeatMap.shownCount(0, divisor: 10) == 0)
        #expect(HeatMap.shownCount(725, divisor: 10) == 73)
    }

    @Test func densityLevelsRoundUpAgainstTheBusiestHour() {
        #expect(HeatMap.level(1, busiest: 9, steps: 8) == 1)
        #expect(HeatMap.level(3, busiest: 9, steps: 8) == 3)
        #expect(HeatMap.level(9, busiest: 9, steps: 8) == 8)
        #expect(HeatMap.level(0, busiest: 9, steps: 8) == 0)
    }

    @Test func drawsHoursDaysAndCountsOnDemand() {
        // 6 + 2 · 24 = 54 columns: two per cell, one digit and a blank. Day 1 has 2 connections at 00
        // and 1 at 13; day 2 has 4 at 23.
        var first = Array(repeating: 0, count: 24), second = Array(repeating: 0, count: 24)
        first[0] = 2
        first[13] = 1
        second[23] = 4
        var map = HeatMap(dayLabels: ["01-01", "01-02"], counts: [first, second], title: "t", showsCounts: false)
        let glyphs = draw(width: 54, height: 4) { map.render(into: &$0, area: $1) }.text().split(separator: "\n")
        // Density: 2 of 4 → ▄, 1 of 4 → ▂, 4 → █.
        // The scale, 18 columns, ends at the right edge: from column 36.
        #expect(glyphs[0] == "t" + String(repeating: " ", count: 35) + "▁ 1 … █ 4 per hour")
        #expect(glyphs[1] == "      00  02  04  06  08  10  12  14  16  18  20  22")
        #expect(glyphs[2] == "01-01 ▄ · · · · · · · · · · · · ▂ · · · · · · · · · ·")
        #expect(glyphs[3] == "01-02 · · · · · · · · · · · · · · · · · · · · · · · █")
        map.showsCounts = true
        let counts = draw(width: 54, height: 4) { map.render(into: &$0, area: $1) }.text().split(separator: "\n")
        #expect(counts[2] == "01-01 2 · · · · · · · · · · · · 1 · · · · · · · · · ·")
        #expect(counts[3] == "01-02 · · · · · · · · · · · · · · · · · · · · · · · 4")
        // Three rows leave room for one day: the latest, and the title says one is not shown.
        map.showsCounts = false
        let short = draw(width: 80, height: 3) { map.render(into: &$0, area: $1) }.text().split(separator: "\n")
        #expect(short[0].hasSuffix("1 earlier day not shown, ▁ 1 … █ 4 per hour"))
        #expect(short[2].hasPrefix("01-02"))
    }
}

@Suite struct TimelineAxisTests {
    @Test func tickLabelsStartAtTheirColumnsAndNeverTouch() {
        // 0…100 over 20 columns: 25 → column 5, 50 → 10, 55 → 11 (would touch "bb" at 10–11: left out),
        // 80 → 16, and 95 → 19, whose label would run past the edge (left out).
        let timeline = Timeline(timestamps: [0, 100], start: 0, end: 100, ticks: [
            TimelineTick(instant: 25, label: "a"), TimelineTick(instant: 50, label: "bb"),
            TimelineTick(instant: 55, label: "c"), TimelineTick(instant: 80, label: "ddd"),
            TimelineTick(instant: 95, label: "ee"),
        ])
        let buffer = draw(width: 20, height: 2) { timeline.render(into: &$0, area: $1) }
        #expect(buffer.text() == screen("█──────────────────█", "     a    bb    ddd"))
    }
}
