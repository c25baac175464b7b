import BeaconEngine
import Testing

/// The loaded events against the analysis window: counts before, inside and after it, one group's
/// share, and the start that takes in the earliest event. Times are hours from 2024-01-01T00:00:00Z.
@Suite struct WindowFitTests {
    static let hour = 3600 * second

    static func hours(_ offsets: [Int64]) -> [Instant] { offsets.map { at(seconds: $0 * 3600) } }

    /// Beacon A (dev-1, beacon.exe → 203.0.113.7:443) at -50, -30, -2, 0 and 10 h; B on dev-2 at -26 and
    /// 5 h; C like A but to port 80 at 1 h; D like A but from account bob at -40 h. Nine events, the
    /// earliest at -50 h, the latest at 10 h.
    static let table = EventTable(
        series(at: hours([-50, -30, -2, 0, 10]))
            + series(device: "dev-2", at: hours([-26, 5]))
            + series(port: 80, at: hours([1]))
            + series(account: "bob", at: hours([-40]))
    )
    static let keyA = BeaconKey(deviceId: "id-dev-1", deviceName: "dev-1", initiatingProcessAccountName: "alice",
                                initiatingProcessAccountDomain: "corp", initiatingProcessFileName: "beacon.exe",
                                remoteIP: "203.0.113.7", remotePort: 443)

    /// The window the query itself resolves for `parameters` over `table`.
    static func window(_ parameters: QueryParameters = QueryParameters()) -> AnalysisWindow {
        BeaconQuery.run(table, parameters: parameters).window
    }

    @Test func theDefaultWindowEndsAtTheDataAndLeavesOutWhatIsOlderThanADay() {
        // now = 10 h + 1 s, so the window is -14 h + 1 s .. 10 h: -50, -30, -26 and -40 h fall before it.
        let fit = WindowFit(table: Self.table, window: Self.window())
        #expect(fit.timeRange == at(seconds: -50 * 3600)...at(seconds: 10 * 3600))
        #expect(fit.eventCount == 9)
        #expect(fit.eventsBefore == 4)
        #expect(fit.eventsAfter == 0)
        #expect(fit.eventsInside == 5)
    }

    @Test func aGivenNowLeavesLaterEventsAfterTheWindow() {
        // now = 5 h: the window is -19 h .. 5 h - 1 s, so 5 h and 10 h fall after it.
        var parameters = QueryParameters()
        parameters.now = at(seconds: 5 * 3600)
        let fit = WindowFit(table: Self.table, window: Self.window(parameters))
        #expect(fit.eventsBefore == 4)
        #expect(fit.eventsAfter == 2)
        #expect(fit.eventsOutside == 6)
        #expect(fit.eventsInside == 3)
    }

    @Test func eventsOnTheBoundsAreInsideAsTheQuerysBetweenKeepsThem() {
        let table = EventTable(series(at: [at(seconds: 0, ticks: -1), at(seconds: 0), at(seconds: 100),
                                           at(seconds: 100, ticks: 1)]))
        let window = AnalysisWindow(now: at(seconds: 101), start: at(seconds: 0), end: at(seconds: 100), anchoredOnData: false)
        let fit = WindowFit(table: table, window: window)
        #expect((fit.eventsBefore, fit.eventsInside, fit.eventsAfter) == (1, 2, 1))
    }

    @Test func oneGroupsEventsAreCountedByItsSevenColumns() {
        let fit = WindowFit(table: Self.table, window: Self.window())
        // A's -2, 0 and 10 h are inside; C (port 80) and D (account bob) are other groups.
        #expect(fit.counts(of: Self.keyA, in: Self.table) == WindowFit.GroupCounts(inside: 3, total: 5))
        var portEighty = Self.keyA
        portEighty.remotePort = 80
        #expect(fit.counts(of: portEighty, in: Self.table) == WindowFit.GroupCounts(inside: 1, total: 1))
        var bob = Self.keyA
        bob.initiatingProcessAccountName = "bob"
        #expect(fit.counts(of: bob, in: Self.table) == WindowFit.GroupCounts(inside: 0, total: 1))
        #expect(fit.counts(of: bob, in: Self.table).outside == 1)
        // A null port and a string the data never had match nothing.
        var nullPort = Self.keyA
        nullPort.remotePort = nil
        #expect(fit.counts(of: nullPort, in: Self.table) == WindowFit.GroupCounts(inside: 0, total: 0))
        var unknown = Self.keyA
        unknown.remoteIP = "198.51.100.1"
        #expect(fit.counts(of: unknown, in: Self.table) == WindowFit.GroupCounts(inside: 0, total: 0))
    }

    @Test func theWidenedStartTakesInTheEarliestEventRoundedUpToADayPastTwoDays() {
        // now = 10 h + 1 s, the earliest event at -50 h: 60 h 1 s back, more than two days, so rounded up
        // to whole days: 3 d.
        let fit = WindowFit(table: Self.table, window: Self.window())
        #expect(fit.widenedStart == .ago(ticks: 72 * Self.hour))
        var widened = QueryParameters()
        widened.start = fit.widenedStart!
        let refit = WindowFit(table: Self.table, window: Self.window(widened))
        #expect(refit.eventsOutside == 0)
        #expect(refit.widenedStart == nil)
    }

    @Test func aSpanOfWholeHoursIsNotRoundedFurther() {
        // Events at 0 and 48 h - 1 s: now = 48 h, exactly 48 h after the earliest event.
        let table = EventTable(series(at: [at(seconds: 0), at(seconds: 48 * 3600 - 1)]))
        let fit = WindowFit(table: table, window: BeaconQuery.run(table).window)
        #expect(fit.eventsBefore == 1)
        #expect(fit.widenedStart == .ago(ticks: 48 * Self.hour))
    }

    @Test func aDayInTheDefaultWindowLeavesOutOnlyItsFirstSecondAndSaysNothing() {
        // Events at 0 and 24 h: now = 24 h + 1 s, the window starts at 0 h + 1 s, so the first event is
        // one second outside: within the margin (a minute, or 1 % of the window = 14.4 min).
        let table = EventTable(series(at: [at(seconds: 0), at(seconds: 24 * 3600)]))
        let fit = WindowFit(table: table, window: BeaconQuery.run(table).window)
        #expect(fit.eventsBefore == 1 && !fit.leavesOutData)
        #expect(fit.notes(files: [], topBeacon: nil).isEmpty)
        // Fifteen minutes earlier is past the margin.
        let longer = EventTable(series(at: [at(seconds: -15 * 60), at(seconds: 24 * 3600)]))
        let wider = WindowFit(table: longer, window: BeaconQuery.run(longer).window)
        #expect(wider.leavesOutData)
    }

    @Test func nothingToWidenWhenNoEventIsBeforeTheWindow() {
        var parameters = QueryParameters()
        parameters.now = at(seconds: -60 * 3600)
        // Every event is after this window: a wider start would not take any in.
        let fit = WindowFit(table: Self.table, window: Self.window(parameters))
        #expect(fit.eventsAfter == 9)
        #expect(fit.widenedStart == nil)
        #expect(WindowFit(table: EventTable(), window: Self.window()).widenedStart == nil)
        #expect(WindowFit(table: EventTable(), window: Self.window()).timeRange == nil)
    }
}
