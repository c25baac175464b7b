import BeaconEngine
import Foundation
import Testing
@testable import HuntingQuery

@Suite struct ParameterTests {
    func lines(_ parameters: QueryParameters, flavor: QueryFlavor = .defender) -> [String] {
        HuntingQuery(parameters: parameters, flavor: flavor).render().components(separatedBy: "\n")
    }

    @Test func thresholdsBecomeTheLetValuesAndTheHeaderSaysSo() {
        var parameters = QueryParameters()
        parameters.minEvents = 30
        parameters.jitter = 12.5
        parameters.outlierMax = 1.5
        parameters.outlierCountMax = 5
        parameters.deviceCountMax = 3
        let text = lines(parameters)
        #expect(text.contains("let TotalEventsThresholdMin = 30;"))
        #expect(text.contains("let JitterThreshold = 12.5; // jitter in percentage. Set to filter out false positives: small threshold means tighter filtering/fewer results."))
        #expect(text.contains("let OutlierThresholdMax = 1.5; //increase or decrease this value to get more or less results"))
        #expect(text.contains("let OutlierCountMax = 5; // increasing the value provides more results."))
        #expect(text.contains("let CompromisedDeviceCountMax = 3; // increasing the value provides more results."))
        #expect(text.contains("// Parameters: TotalEventsThresholdMin 30, JitterThreshold 12.5, OutlierThresholdMax 1.5, OutlierCountMax 5, CompromisedDeviceCountMax 3."))
        // Nothing else of the query moved: the old let lines are the only published lines gone.
        let published = SeedQuery.text.components(separatedBy: "\n")
        #expect(published.filter { !text.contains($0) }.count == 5)
    }

    @Test func spansStaySpansBeforeKustosNow() {
        var parameters = QueryParameters()
        parameters.start = .ago(ticks: 3 * Instant.ticksPerDay)
        parameters.end = .ago(ticks: 3_600 * Instant.ticksPerSecond)
        parameters.maxEventsOverride = 100_000
        let text = lines(parameters)
        #expect(text.contains("let starttime = 3d;"))
        #expect(text.contains("let endtime = 1h;"))
        #expect(text.contains("let TotalEventsThresholdMax=100000;"))
        #expect(text.contains("| where Timestamp between (ago(starttime)..ago(endtime))"))
        #expect(text.contains("| where Timestamp > ago(starttime+1d)"))
        #expect(text.contains("// Parameters: TotalEventsThresholdMax 100000 (--max-events), starttime 3d, endtime 1h."))
    }

    /// Times for the bounds, or a pinned now(), give the window the engine analysed, in absolute terms.
    @Test func absoluteBoundsAndAPinnedNowBecomeDatetimes() {
        // 2024-04-22T00:00:00Z = 1713744000 s (date -u -d 2024-04-22 +%s).
        let april22 = Instant(ticks: 1_713_744_000 * Instant.ticksPerSecond)
        var parameters = QueryParameters()
        parameters.now = april22
        parameters.start = .ago(ticks: 3 * Instant.ticksPerDay)
        let text = lines(parameters, flavor: .sentinel)
        #expect(text.contains("let starttime = datetime(2024-04-19T00:00:00.0000000Z);"))
        #expect(text.contains("let endtime = datetime(2024-04-21T23:59:59.0000000Z);"))
        #expect(text.contains("let TotalEventsThresholdMax=toint(((endtime - starttime)/TimeDeltaThresholdMin));"))
        #expect(text.contains("| where TimeGenerated between (starttime..endtime)"))
        #expect(text.contains("| where TimeGenerated > starttime - 1d"))
        #expect(text.contains("// Window: 2024-04-19T00:00:00.0000000Z .. 2024-04-21T23:59:59.0000000Z, both included, now() pinned to 2024-04-22T00:00:00.0000000Z by --now."))

        // One bound a time, the other a span: each is written as given.
        var mixed = QueryParameters()
        mixed.start = .at(april22)
        let mixedText = lines(mixed)
        #expect(mixedText.contains("let starttime = datetime(2024-04-22T00:00:00.0000000Z);"))
        #expect(mixedText.contains("let endtime = 1s;"))
        #expect(mixedText.contains("let TotalEventsThresholdMax=toint(((ago(endtime) - starttime)/TimeDeltaThresholdMin));"))
        #expect(mixedText.contains("| where Timestamp between (starttime..ago(endtime))"))
    }

    @Test func keepPrivateDropsOnlyThePrivateFiltersAndSaysSo() {
        var parameters = QueryParameters()
        parameters.keepPrivate = true
        let text = lines(parameters)
        #expect(!text.contains(#"| where RemoteIPType !in ("Reserved", "Private", "LinkLocal", "Loopback")"#))
        #expect(text.contains(#"| where RemoteIPType !in ("Reserved", "LinkLocal", "Loopback")"#))
        #expect(!text.contains("| where not (ipv4_is_private(RemoteIP))"))
        // IPv6 is still dropped as written (Q3): ipv4_is_private is null for it.
        #expect(text.contains("| where isnotnull(ipv4_is_private(RemoteIP))"))
        #expect(text.filter { $0.hasPrefix("// keep-private:") }.count == 3)  // two lines and the header
    }

    @Test func anActionTypeListReplacesTheModesAndIsEscaped() {
        var parameters = QueryParameters()
        parameters.actionTypesOverride = ["ConnectionSuccess", #"x") or true //"#]
        let text = lines(parameters)
        #expect(text.contains(#"| where ActionType in ("ConnectionSuccess", "x\") or true //")"#))
        parameters.actionTypesOverride = []
        #expect(lines(parameters).contains("| where false"))
    }
}
