import BeaconEngine
import Testing
import TriageUI
@testable import TriageApp

/// 2024-01-01T00:00:00Z, day 19723 since the epoch (1,704,067,200 / 86,400).
private let base = ReducerTests.base

private func at(_ seconds: Int64) -> Int64 { seconds * Instant.ticksPerSecond }

@Suite struct RhythmTests {
    @Test func countsFallInTheirUTCDayAndHourWithEmptyDaysKept() throws {
        // 01-01 23:59:59, 01-02 00:00:00 and 00:59:59, 01-04 13:30: four rows (01-03 empty).
        let ticks = [at(base + 86399), at(base + 86400), at(base + 86400 + 3599), at(base + 3 * 86400 + 13 * 3600 + 1800)]
        let grid = try #require(Rhythm.dayHourCounts(ticks: ticks))
        #expect(grid.firstDay == 19723 && grid.spannedDays == 4 && grid.counts.count == 4)
        #expect(grid.counts[0][23] == 1 && grid.counts[1][0] == 2 && grid.counts[2].allSatisfy { $0 == 0 })
        #expect(grid.counts[3][13] == 1)
        #expect(grid.counts.joined().reduce(0, +) == 4)
        // Kept to the last two days: 01-03 and 01-04, the span still said.
        let cut = try #require(Rhythm.dayHourCounts(ticks: ticks, maxDays: 2))
        #expect(cut.firstDay == 19725 && cut.counts.count == 2 && cut.spannedDays == 4)
        #expect(cut.counts[1][13] == 1 && cut.counts.joined().reduce(0, +) == 1)
        #expect(Rhythm.dayLabel(19725) == "01-03")
    }

    @Test func instantsBeforeTheEpochFloorToTheirDay() throws {
        // One tick before 1970-01-01: 1969-12-31, hour 23.
        let grid = try #require(Rhythm.dayHourCounts(ticks: [-1]))
        #expect(grid.firstDay == -1 && grid.counts[0][23] == 1)
        #expect(Rhythm.dayLabel(-1) == "12-31")
        #expect(Rhythm.dayHourCounts(ticks: []) == nil)
    }

    @Test func aShortCaptureGetsSecondsTicks() {
        // The last 100 s of 01-01 in 60 columns: 10 s apart would be 6 columns, too few for "HH:MM:SS"
        // and two blanks (10); 15 s gives 9, 30 s gives 18. Ticks at the multiples of 30 s inside.
        let ticks = Rhythm.timelineTicks(start: at(base + 86300), end: at(base + 86400), width: 60)
        #expect(ticks.map(\.label) == ["23:58:30", "23:59:00", "23:59:30", "00:00:00"])
        #expect(ticks.first?.instant == at(base + 86310))
    }

    @Test func longSpansGetDayTicks() {
        // Ten days in 40 columns: a day is 4 columns, under "MM-DD" and two blanks (7); two days are 8.
        // Multiples of two days since the epoch: 19722 is before the start, 19724 (01-02) is the first.
        let ticks = Rhythm.timelineTicks(start: at(base), end: at(base + 10 * 86400), width: 40)
        #expect(ticks.map(\.label) == ["01-02", "01-04", "01-06", "01-08", "01-10"])
        #expect(Rhythm.timelineTicks(start: at(base), end: at(base), width: 40).isEmpty)
    }

    @Test func hoursTicksReadHoursAndMinutes() {
        // Six hours in 60 columns: 30 min is 5 columns (< 7), an hour 10.
        let ticks = Rhythm.timelineTicks(start: at(base + 1800), end: at(base + 1800 + 6 * 3600), width: 60)
        #expect(ticks.map(\.label) == ["01:00", "02:00", "03:00", "04:00", "05:00", "06:00"])
    }

    @Test func theChartKeysSwitchTheDetailAndSaySo() {
        var state = ReducerTests.state()
        #expect(!state.charts.showsHeatMap && state.charts.histogramScale == .clipped)
        update(&state, .key(.character("h")))
        #expect(state.charts.showsHeatMap && state.message?.contains("heat map") == true)
        update(&state, .key(.character("H")))
        #expect(state.charts.showsHeatMap && state.charts.heatMapCounts)
        update(&state, .key(.character("L")))
        // L shows the histogram it changed.
        #expect(!state.charts.showsHeatMap && state.charts.histogramScale == .logarithmic)
        #expect(state.message?.contains("log axis") == true)
        update(&state, .key(.character("h")))
        update(&state, .key(.character("H")))
        #expect(state.charts.showsHeatMap && !state.charts.heatMapCounts)
        update(&state, .key(.character("L")))
        #expect(state.charts.histogramScale == .clipped && !state.charts.showsHeatMap)
    }

    /// The charts stay inside the detail box at every size: its side borders are never drawn over.
    @Test(arguments: ["h", "H", "L", "zh"])
    func theChartsNeverSpillOutOfTheDetailBox(keys: String) {
        for device in ["office", "sleeper", "steady"] {
            var base = RhythmSnapshotTests.state()
            while !base.rows.contains(where: { $0.candidate.key.deviceName == device }) { update(&base, .key(.character("x"))) }
            base.selectedKey = base.rows.first { $0.candidate.key.deviceName == device }?.candidate.key
            for key in keys { update(&base, .key(.character(key))) }
            for width in stride(from: 60, through: 200, by: 10) {
                for height in stride(from: 16, through: 60, by: 8) {
                    var state = base
                    update(&state, .resize(width: width, height: height))
                    let lines = view(state, glyphs: .unicode).text().components(separatedBy: "\n")
                    let box = state.detailZoomed ? Rect(x: 0, y: 1, width: width, height: height - 2) : Layout.detailArea(state.size)
                    for y in (box.y + 1)..<(box.maxY - 1) {
                        let line = Array(lines[y])
                        #expect(line.first == "│" && line.count == width && line.last == "│",
                                "\(device) \(keys) at \(width)×\(height), row \(y): \(lines[y])")
                    }
                }
            }
        }
    }
}
