import BeaconEngine
import Testing
@testable import Triage

@Suite struct FixtureTests {
    /// The fixture's measures, worked by hand in `Fixture`'s documentation; the filter and export tests rely on them.
    @Test func theFixtureBeaconsAreReportedWithTheirMeasures() {
        #expect(Fixture.analysis.beacons.count == 5)
        let rundll = Fixture.beacon("ws-014.corp.local")
        #expect(rundll.timestamps.count == 17)
        #expect(rundll.summary?.percentiles == [300, 300, 300, 300, 300])
        #expect(rundll.summary?.jitter == 0)
        #expect(rundll.deviceCount == 2)
        #expect(rundll.domains == ["update.evil.example"])
        let chrome = Fixture.beacon("ws-020.corp.local")
        #expect(abs((chrome.summary?.jitter ?? 0) - 17.213) < 0.001)
        #expect(chrome.summary?.stats.avg == 60)
        #expect(chrome.deviceCount == 1)
        #expect(Fixture.beacon("srv-db01").key.accountText == nil)
        #expect(Fixture.beacon("ws-030.corp.local").key.remotePort == nil)
        #expect(Fixture.beacon("ws-030.corp.local").summary?.percentiles[2] == 120)
    }
}
