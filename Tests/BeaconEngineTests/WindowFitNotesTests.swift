import BeaconEngine
import Testing

/// The lines that tell an analyst what the window leaves out, built from counts and ranges written by hand.
@Suite struct WindowFitNotesTests {
    static let minute = 60 * second
    static let hour = 60 * minute
    static let day = 24 * hour
    /// 2026-11-30T08:00:00Z (`date -u -d 2026-11-30T08:00:00Z +%s` is 1796025600).
    static let captureStart = Instant(ticks: 1_796_025_600 * second)
    /// 2025-03-01T00:00:00Z (`date -u -d 2025-03-01 +%s` is 1740787200).
    static let march1 = Instant(ticks: 1_740_787_200 * second)

    /// The default window at the end of a three-day capture: now 2026-12-03T08:00:00Z, 1d .. 1s before it.
    static func window(length: Int64 = day) -> AnalysisWindow {
        let now = captureStart + 3 * day
        return AnalysisWindow(now: now, start: now - length, end: now - second, anchoredOnData: true)
    }

    /// 40,000 events from 08:00 on 30 November to 07:59:30 on 3 December, 12,345 of them before the window.
    static func fit(length: Int64 = day, before: Int = 12_345, span: Int64 = 3 * day - 30 * second) -> WindowFit {
        WindowFit(window: window(length: length), timeRange: captureStart...(captureStart + span), eventCount: 40_000,
                  eventsBefore: before, eventsAfter: 0)
    }

    @Test func theTopBeaconsShareIsCountedAgainstTheCapturesLength() {
        let notes = Self.fit().notes(files: [], topBeacon: WindowFit.GroupCounts(inside: 317, total: 950))
        #expect(notes == ["3-day capture: 633 of 950 events of the top beacon fall outside the 1d window"])
    }

    @Test func withoutATopBeaconEveryEventIsCountedWithTheDataSpan() {
        let expected = ["12,345 of 40,000 events fall outside the 1d window (data spans 2026-11-30 08:00 → 2026-12-03 07:59)"]
        #expect(Self.fit().notes(files: [], topBeacon: nil) == expected)
        // A top beacon wholly inside the window says nothing of the rest: count every event instead.
        #expect(Self.fit().notes(files: [], topBeacon: WindowFit.GroupCounts(inside: 950, total: 950)) == expected)
    }

    @Test(arguments: [
        // 20 h 30 min: a started hour counts, so 21 hours.
        (20 * hour + 30 * minute, "21-hour"),
        // 47 h 30 min rounds up to 48 hours, which is two days.
        (47 * hour + 30 * minute, "2-day"),
        (47 * hour, "47-hour"),
        // 59 hours is 2.46 days, 60 hours 2.5: whole days to the nearest, halves up.
        (59 * hour, "2-day"),
        (60 * hour, "3-day"),
        // A single timestamp still spans something.
        (0, "1-hour"),
    ] as [(Int64, String)])
    func captureLengthsReadInHoursBelowTwoDaysAndInDaysFrom(span: Int64, wording: String) {
        let notes = Self.fit(length: 12 * Self.hour, span: span).notes(files: [], topBeacon: WindowFit.GroupCounts(inside: 95, total: 100))
        #expect(notes == ["\(wording) capture: 5 of 100 events of the top beacon fall outside the 12h window"])
    }

    @Test func filesWhoseEventsAreAllOutsideTheWindowAreNamed() {
        let files = [
            // 2025-03-01T10:00 → 2025-03-02T09:00: a year before the window.
            WindowFit.File(path: "old.csv", events: 1_200, timeRange: (Self.march1 + 10 * Self.hour)...(Self.march1 + 33 * Self.hour)),
            // Straddles the window's start: partly inside, not named.
            WindowFit.File(path: "capture.csv", events: 38_000, timeRange: Self.captureStart...(Self.captureStart + 3 * Self.day - 30 * second)),
            // An attacker's file name reaches the terminal escaped.
            WindowFit.File(path: "\u{1B}[2Jevil.csv", events: 1, timeRange: Self.march1...Self.march1),
            // After the window's end (2026-12-03T07:59:59): on 4 December.
            WindowFit.File(path: "late.csv", events: 799, timeRange: (Self.captureStart + 4 * Self.day)...(Self.captureStart + 4 * Self.day + Self.hour)),
        ]
        let fit = WindowFit(window: Self.window(), timeRange: Self.march1...(Self.captureStart + 4 * Self.day + Self.hour),
                            eventCount: 40_000, eventsBefore: 20_000, eventsAfter: 799)
        #expect(fit.notes(files: files, topBeacon: nil) == [
            "20,799 of 40,000 events fall outside the 1d window (data spans 2025-03-01 00:00 → 2026-12-04 09:00)",
            "old.csv: all 1,200 events fall outside the window (2025-03-01 → 2025-03-02)",
            "\\x1b[2Jevil.csv: its only event falls outside the window (2025-03-01)",
            "late.csv: all 799 events fall outside the window (2026-12-04)",
        ])
    }

    @Test func aFolderOfOldFilesIsNamedTenAtATimeAndCountedBeyond() {
        // Thirteen hourly logs of 1 March 2025, 100 events each: ten named, three counted.
        let files = (0..<13).map { index in
            WindowFit.File(path: "conn.\(index).log", events: 100,
                           timeRange: (Self.march1 + Int64(index) * Self.hour)...(Self.march1 + Int64(index) * Self.hour + 59 * Self.minute))
        }
        let notes = Self.fit().notes(files: files, topBeacon: nil)
        #expect(notes.count == 1 + 10 + 1)
        #expect(notes[1] == "conn.0.log: all 100 events fall outside the window (2025-03-01)")
        #expect(notes[10] == "conn.9.log: all 100 events fall outside the window (2025-03-01)")
        #expect(notes[11] == "... and 3 more files whose events all fall outside the window")
    }

    @Test func nothingIsSaidWhenEveryEventIsInside() {
        let inside = WindowFit.File(path: "day.csv", events: 40_000, timeRange: (Self.captureStart + 2 * Self.day + Self.hour)...(Self.captureStart + 3 * Self.day - Self.hour))
        let fit = WindowFit(window: Self.window(), timeRange: inside.timeRange, eventCount: 40_000, eventsBefore: 0, eventsAfter: 0)
        #expect(fit.notes(files: [inside], topBeacon: WindowFit.GroupCounts(inside: 950, total: 950)).isEmpty)
        #expect(WindowFit(window: Self.window(), timeRange: nil, eventCount: 0, eventsBefore: 0, eventsAfter: 0)
            .notes(files: [], topBeacon: nil).isEmpty)
    }
}
