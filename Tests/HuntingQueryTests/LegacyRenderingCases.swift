import BeaconEngine
import Foundation
import Triage
@testable import HuntingQuery

/// Faithful and corrected renderings over every flavour, window and triage file the hunt tests use, to pin
/// them byte for byte: hunt mode must leave the other modes' text alone.
enum LegacyRenderingCases {
    struct Case {
        var name: String
        var query: HuntingQuery
    }

    /// The hostile marks of `ExclusionTests.hostileValuesStayInsideTheirLiterals`, a null-port destination and
    /// a narrower malicious mark that keeps its events.
    static var hostileDecisions: [TriageDecision] {
        let hostile = BeaconKey(deviceId: #"" or 1==1 //"#, deviceName: "host\n| where true //",
                                initiatingProcessAccountName: #"\e"#, initiatingProcessAccountDomain: "\u{1B}]0;x\u{7}",
                                initiatingProcessFileName: "a\"b\\", remoteIP: "\u{202E}1.2.3.4", remotePort: 443)
        return [
            ExclusionTests.decision(.exactBeacon(hostile), author: "eve\"\n| take 1", reason: "r\r\n//\\"),
            ExclusionTests.decision(.destination(remoteIP: "198.51.100.9", remotePort: nil), reason: "updates"),
            ExclusionTests.decision(.destination(remoteIP: "203.0.113.7", remotePort: 443)),
            ExclusionTests.decision(.exactBeacon(ExclusionTests.key(device: "infected")), .malicious, author: "bob"),
        ]
    }

    static let windows: [(String, WindowBound)] = [
        ("1d", .ago(ticks: Instant.ticksPerDay)), ("7d", .ago(ticks: 7 * Instant.ticksPerDay)),
        ("30d", .ago(ticks: 30 * Instant.ticksPerDay)),
    ]

    static var all: [Case] {
        var cases: [Case] = []
        for mode in [QueryMode.faithful, .corrected] {
            for flavor in QueryFlavor.allCases {
                for (windowName, start) in windows {
                    for marks in [false, true] {
                        var parameters = QueryParameters(mode: mode)
                        parameters.start = start
                        let query = marks
                            ? HuntingQuery(parameters: parameters, flavor: flavor, decisions: hostileDecisions,
                                           triageFile: "team.triage.toml", at: ExclusionTests.now)
                            : HuntingQuery(parameters: parameters, flavor: flavor)
                        cases.append(Case(name: "\(mode.rawValue)-\(flavor.rawValue)-\(windowName)\(marks ? "-marks" : "")",
                                          query: query))
                    }
                }
            }
            var parameters = QueryParameters(mode: mode)
            parameters.keepPrivate = true
            parameters.now = Instant(ticks: 1_795_000_000 * Instant.ticksPerSecond)
            cases.append(Case(name: "\(mode.rawValue)-keep-private-pinned", query: HuntingQuery(parameters: parameters)))
        }
        return cases
    }

    /// FNV-1a, 64 bits, of the UTF-8 text: enough to tell a changed rendering, with no dependency.
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }
}
