import BeaconEngine
import KQL
import Testing
import TriageUI
@testable import TriageApp

/// The whole screen rendered to text at the sizes the console must work at, checked for what a person
/// would look for: where the panes are, what the rows say, that nothing spills past the edge.
@Suite struct ScreenTests {
    func screen(width: Int, height: Int, _ keys: [Key] = []) -> (AppState, ScreenBuffer, [String]) {
        var state = ReducerTests.state()
        update(&state, .resize(width: width, height: height))
        for key in keys { update(&state, .key(key)) }
        let buffer = view(state)
        return (state, buffer, buffer.text().components(separatedBy: "\n"))
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func panesAreWhereTheLayoutSays(width: Int, height: Int) {
        let (_, buffer, lines) = screen(width: width, height: height)
        #expect(lines.count == height)
        #expect(lines.allSatisfy { displayWidth($0) <= width })
        #expect(lines[0].hasPrefix("beacon-triage │ test │"))
        // The list box: its title on row 1, the column header on row 2, the query's first row on row 3.
        #expect(lines[1].contains("Beacons 3"))
        #expect(lines[2].contains("Device") && lines[2].contains("Jitter%"))
        #expect(lines[3].contains("steady") && lines[4].contains("slow") && lines[5].contains("wobbly"))
        let sliders = lines[Layout.sliderArea((width, height)).y]
        #expect(sliders.contains("jitter <50%>"))
        let detailTop = lines[Layout.detailArea((width, height)).y]
        #expect(detailTop.contains("Detail") && detailTop.contains("reported"))
        #expect(lines[height - 1].contains("? help"))
        // The selected row is highlighted by role, not only by colour of text.
        #expect(buffer[10, 3].role == .rowSelected)
        #expect(buffer[10, 4].role != .rowSelected)
    }

    @Test func detailShowsTheStatisticsAndTrailOfTheSelectedBeacon() {
        let (_, _, lines) = screen(width: 120, height: 40, [.down])
        let text = lines.joined(separator: "\n")
        // "slow": 17 events 120 s apart, jitter 0.
        #expect(text.contains("slow  (no account)  c2.exe → 203.0.113.5:443"))
        #expect(text.contains("events 17 (16 deltas)"))
        #expect(text.contains("percentiles 5: 120s  25: 120s  50: 120s  75: 120s  95: 120s"))
        #expect(text.contains("✓ jitter: jitter 0 < 50"))
        #expect(text.contains("✓ devices: devices 3 ≤ 10"))
        // The legend line says where the fences are: every delta is 120 s, so both are 2m 00s.
        #expect(text.contains("▲ P10 2m 00s P90 2m 00s"))
        // The same process reaches 203.0.113.5:443 from steady and wobbly too.
        #expect(text.contains("also on: steady, wobbly"))
    }

    @Test func nearMissesAreMarkedWithACrossAndTheirRejection() {
        let (_, _, lines) = screen(width: 120, height: 40, [.character("x"), .end])
        #expect(lines[6].hasPrefix("┃✗") && lines[6].contains("noisy"))
        let text = lines.joined(separator: "\n")
        #expect(text.contains("rejected at jitter"))
        #expect(text.contains("✗ jitter: jitter 68.9 ≥ 50"))
    }

    @Test func helpOverlayListsEveryBindingAndScrolls() {
        // At 120×40 the help does not fit at once: scrolling through it shows every binding.
        var seen = ""
        for scroll in 0..<60 {
            let (_, _, lines) = screen(width: 120, height: 40, [.character("?")] + Array(repeating: .down, count: scroll))
            seen += lines.joined(separator: "\n")
        }
        for binding in Keymap.bindings {
            #expect(seen.contains(binding.summary), "help lacks \(binding.label)")
        }
        let (state, _, _) = screen(width: 120, height: 40, [.character("?"), .down, .character("x")])
        #expect(!state.showingHelp && !state.showNearMisses)
    }

    @Test(arguments: [(59, 24), (80, 15), (10, 3), (1, 1)])
    func tooSmallTerminalsGetAClearScreenNotACrash(width: Int, height: Int) {
        let (_, _, lines) = screen(width: width, height: height)
        #expect(lines.count == height)
        if width >= 30 { #expect(lines.joined().contains("too small")) }
    }

    @Test func hostileStringsAreShownEscaped() {
        let events = ReducerTests.series("evil\u{1b}[31m\u{202e}pc", gaps: Array(repeating: 60, count: 16))
        var parameters = QueryParameters()
        parameters.now = Instant(ticks: (ReducerTests.base + 20 * 3600) * Instant.ticksPerSecond)
        var state = AppState(dataSetName: "t", events: EventTable(events), parameters: parameters)
        update(&state, .resize(width: 120, height: 40))
        let text = view(state).text()
        #expect(text.contains("evil\\x1b[31m<U+202E>pc"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x202e })
    }
}

@Suite struct ZoomTests {
    @Test func enterGivesTheDetailTheWholeScreenAt80x24() {
        var state = ReducerTests.state()
        update(&state, .resize(width: 80, height: 24))
        update(&state, .key(.enter))
        let text = view(state).text()
        // The list is gone; the detail box starts under the header and the explain trail now fits.
        #expect(!text.contains("Beacons 3"))
        #expect(text.components(separatedBy: "\n")[1].contains("Detail"))
        #expect(text.contains("✓ outliers: outliers 0 ≤ 3"))
        update(&state, .key(.character("z")))
        #expect(view(state).text().contains("Beacons 3"))
    }
}

@Suite struct LoadingScreenTests {
    @Test func saysWhatLoadsForHowLongAndHowToQuit() {
        let lines = loadingView(dataSet: "day.csv", status: LoadingStatus(elapsedSeconds: 1.25), size: (80, 24)).text().components(separatedBy: "\n")
        #expect(lines.count == 24)
        #expect(lines.contains { $0.contains("loading day.csv … 1.2 s") })
        #expect(lines.contains { $0.contains("q quits") })
        // Sizes down to nothing draw without crashing.
        for size in [(1, 1), (0, 0), (10, 2)] { _ = loadingView(dataSet: "x", status: LoadingStatus(elapsedSeconds: 3), size: size) }
    }

    @Test func theBarFillsWithTheBytesReadAndTheFiguresSayHowFast() {
        // 525 MB of 2.1 GB is 25 %: 10 of the 40 cells of the bar. 2,000,000 events in 4 s: 500,000 a second.
        let status = LoadingStatus(bytesRead: 525_000_000, totalBytes: 2_100_000_000, eventsLoaded: 2_000_000,
                                   elapsedSeconds: 4)
        let buffer = loadingView(dataSet: "day.csv", status: status, size: (80, 24))
        let lines = buffer.text().components(separatedBy: "\n")
        #expect(lines.contains { $0.contains("loading day.csv … 4.0 s") })
        #expect(lines.contains { $0.contains("525 MB of 2.1 GB (25 %) · 2,000,000 events · 500,000 events/s") })
        let bar = lines.first { $0.contains("█") } ?? ""
        #expect(bar.filter { $0 == "█" }.count == 10)
        // Every byte read: the query runs, and the bar gives way to the sweeping block.
        let done = LoadingStatus(bytesRead: 10, totalBytes: 10, eventsLoaded: 5, elapsedSeconds: 1)
        let text = loadingView(dataSet: "day.csv", status: done, size: (80, 24)).text()
        #expect(text.contains("running the query on day.csv … 1.0 s"))
        #expect(text.filter { $0 == "█" }.count == 1)
    }

    @Test func byteCountsAndGroupedNumbersReadAsPeopleWriteThem() {
        #expect(byteCount(999) == "999 B")
        #expect(byteCount(1_500) == "1.5 KB")
        #expect(byteCount(212_600_000) == "213 MB")
        #expect(byteCount(2_090_000_000) == "2.1 GB")
        #expect(grouped(0) == "0" && grouped(1_000) == "1,000" && grouped(10_000_000) == "10,000,000")
    }
}
