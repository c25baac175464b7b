import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// The query on public captures with known beacons; expectations come from the captures' ground truth
/// (Tests/EndToEndTests/Fixtures/LICENSE-NOTES.md), not from this program.
@Suite struct RealDataTests {
    @Test func ritaHTTPBeaconIsFoundInBothModes() throws {
        let table = try EventLoader.load(paths: [fixture("rita_missing_host.endpoints_only.csv.gz")]).table
        #expect(table.count == 6558)
        for mode in QueryMode.queryModes {
            var parameters = QueryParameters(mode: mode)
            parameters.start = .ago(ticks: 3 * Instant.ticksPerDay)
            let analysis = BeaconQuery.run(table, parameters: parameters)
            let beacon = try #require(analysis.beacons.first {
                $0.key.deviceName == "73.54.23.243" && $0.key.remoteIP == "64.225.56.201" && $0.key.remotePort == 80
            })
            // 950 connections 2024-04-19 00:04 → 2024-04-21 23:58, mean gap 272.8 s (ground truth).
            #expect(beacon.timestamps.count == 950)
            #expect(beacon.summary?.count == 949)
            #expect(abs((beacon.summary?.stats.avg ?? 0) - 272.8) < 0.5)
        }
    }

    @Test func ritaBeaconIsFoundInTheDefaultWindowAnchoredOnTheData() throws {
        let table = try EventLoader.load(paths: [fixture("rita_missing_host.endpoints_only.csv.gz")]).table
        let analysis = BeaconQuery.run(table, parameters: QueryParameters())
        #expect(analysis.window.anchoredOnData)
        #expect(analysis.beacons.contains { $0.key.deviceName == "73.54.23.243" && $0.key.remoteIP == "64.225.56.201" })
        // NTP to Canonical every ~2049 s: the capture's documented benign periodic flow. Over one day its
        // ~42 deltas are regular enough to be reported, a false positive for the analyst to mark.
        #expect(analysis.beacons.contains { $0.key.remoteIP == "91.189.91.157" && $0.key.remotePort == 123 })
    }

    @Test func empireAgentsOnPrivateAddressesAreDroppedInBothModes() throws {
        let table = try EventLoader.load(paths: [fixture("empire_psinject_PEinjection.sysmon3.csv")]).table
        for mode in QueryMode.queryModes {
            let analysis = BeaconQuery.run(table, parameters: QueryParameters(mode: mode))
            // powershell.exe (22 events) and the injected notepad.exe (16) beacon to 10.10.10.5:80, which
            // MDE types "Private": the RemoteIPType filter removes every one of them.
            #expect(!analysis.candidates.contains { $0.key.remoteIP == "10.10.10.5" })
            #expect((analysis.eventsRemoved[.remoteIPType] ?? 0) >= 38)
            #expect(analysis.beacons.isEmpty)
        }
    }
}

func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}
