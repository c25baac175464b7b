import BeaconEngine
import Foundation
import Testing

/// Checks shared by the suites: what the query must report on `DesignedDay`, from the layout alone.
enum ExpectedFigures {
    /// 1,600 groups of 100 + g % 41 connections: 1,600 = 39 × 41 + 1, so g % 41 runs 39 whole cycles of
    /// 0…40 (820 each, 31,980) and then 0 once; 160,000 + 31,980 rows.
    static let rows = 191_980
    /// 80 devices × the 15 slots of 20 that beacon steadily.
    static let beacons = 1_200

    static func key(_ group: Int) -> BeaconKey {
        BeaconKey(deviceId: DesignedDay.deviceId(group), deviceName: DesignedDay.deviceName(group),
                  initiatingProcessAccountName: DesignedDay.account(group), initiatingProcessAccountDomain: "corp",
                  initiatingProcessFileName: DesignedDay.process(group), remoteIP: DesignedDay.remoteIP(group),
                  remotePort: 443)
    }

    /// The reported beacons are exactly the steady groups, each with its own connections and domain, one
    /// device and no outlier; the jittery groups are all rejected at the jitter stage.
    static func check(_ analysis: BeaconAnalysis, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(analysis.eventCount == rows, sourceLocation: sourceLocation)
        #expect(analysis.beacons.count == beacons, sourceLocation: sourceLocation)
        let groupOfKey = Dictionary(uniqueKeysWithValues: (0..<DesignedDay.groups).map { (key($0), $0) })
        var reported = Set<Int>()
        for beacon in analysis.beacons {
            guard let group = groupOfKey[beacon.key] else {
                Issue.record("a beacon the layout does not have: \(beacon.key)", sourceLocation: sourceLocation)
                continue
            }
            reported.insert(group)
            let expectedTicks = (0..<DesignedDay.connections(group)).map { DesignedDay.ticks(group, $0) }
            #expect(beacon.timestamps == expectedTicks, sourceLocation: sourceLocation)
            #expect(beacon.deviceCount == 1, sourceLocation: sourceLocation)
            #expect(beacon.outlierCount == 0, sourceLocation: sourceLocation)
            #expect(beacon.domains == [DesignedDay.domain(group)], sourceLocation: sourceLocation)
            #expect(beacon.summary?.jitter == 0, sourceLocation: sourceLocation)
        }
        #expect(reported == Set(DesignedDay.steadyGroups), sourceLocation: sourceLocation)
        #expect(analysis.candidates.count == DesignedDay.groups, sourceLocation: sourceLocation)
        let jittery = analysis.candidates.filter { groupOfKey[$0.key].map { !DesignedDay.isSteady($0) } ?? false }
        #expect(jittery.count == DesignedDay.groups - beacons, sourceLocation: sourceLocation)
        #expect(jittery.allSatisfy { $0.rejection?.stage == .jitter }, sourceLocation: sourceLocation)
    }
}
