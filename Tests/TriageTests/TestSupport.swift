import BeaconEngine
import Foundation
@testable import Triage

/// A small data set run through the real query (corrected mode, so IPv6 and a null port are kept):
///
/// | device              | account     | process         | destination              | gaps                  |
/// |---------------------|-------------|-----------------|--------------------------|-----------------------|
/// | ws-014.corp.local   | CORP\alice  | rundll32.exe    | 203.0.113.7:443          | 16 × 300 s            |
/// | ws-015.corp.local   | CORP\carol  | rundll32.exe    | 203.0.113.7:443          | 16 × 300 s            |
/// | ws-020.corp.local   | CORP\bob    | chrome.exe      | 198.51.100.20:8443       | 50, 70, 50, … (16)    |
/// | srv-db01            | (none)      | svc.exe         | [2a00:1450:4001::5]:53   | 16 × 30 s             |
/// | ws-030.corp.local   | CORP\dave   | powershell.exe  | 192.0.2.50:null          | 16 × 120 s            |
///
/// ws-014 and ws-015 share rundll32.exe → 203.0.113.7:443, so both have 2 devices; the others 1.
/// Every series has 17 events, 16 deltas. chrome.exe: mean 60, sample stdev 10·√(16/15) = 10.33,
/// jitter 17.2 %; the others are exact, jitter 0.
enum Fixture {
    static let start: Int64 = 1_713_484_800  // 2024-04-19T00:00:00Z

    static func series(device: String, account: String, domain: String = "CORP", process: String, ip: String,
                       port: Int32?, url: String = "", gaps: [Int64]) -> [NetworkEvent] {
        var seconds = start + 3600
        var events: [NetworkEvent] = []
        for gap in [0] + gaps {
            seconds += gap
            events.append(NetworkEvent(
                timestamp: Instant(ticks: seconds * Instant.ticksPerSecond), deviceId: "id-" + device, deviceName: device,
                actionType: "ConnectionSuccess", remoteIP: ip, remotePort: port, remoteUrl: url, remoteIPType: "Public",
                initiatingProcessAccountName: account, initiatingProcessAccountDomain: account.isEmpty ? "" : domain,
                initiatingProcessFileName: process))
        }
        return events
    }

    static let analysis: BeaconAnalysis = {
        let events = series(device: "ws-014.corp.local", account: "alice", process: "rundll32.exe", ip: "203.0.113.7",
                            port: 443, url: "update.evil.example", gaps: Array(repeating: 300, count: 16))
            + series(device: "ws-015.corp.local", account: "carol", process: "rundll32.exe", ip: "203.0.113.7",
                     port: 443, url: "update.evil.example", gaps: Array(repeating: 300, count: 16))
            + series(device: "ws-020.corp.local", account: "bob", process: "chrome.exe", ip: "198.51.100.20",
                     port: 8443, url: "cdn.example.com", gaps: (0..<16).map { $0 % 2 == 0 ? 50 : 70 })
            + series(device: "srv-db01", account: "", process: "svc.exe", ip: "2a00:1450:4001::5", port: 53,
                     gaps: Array(repeating: 30, count: 16))
            + series(device: "ws-030.corp.local", account: "dave", process: "powershell.exe", ip: "192.0.2.50",
                     port: nil, gaps: Array(repeating: 120, count: 16))
        return BeaconQuery.run(EventTable(events), parameters: QueryParameters(mode: .corrected))
    }()

    static func beacon(_ device: String) -> BeaconCandidate {
        guard let found = analysis.beacons.first(where: { $0.key.deviceName == device }) else {
            fatalError("fixture beacon \(device) not reported: \(analysis.candidates.map { ($0.key.deviceName, $0.rejection?.detail ?? "ok") })")
        }
        return found
    }

    static func key(device: String = "ws-014.corp.local", process: String = "rundll32.exe", ip: String = "203.0.113.7",
                    port: Int32? = 443, account: String = "alice") -> BeaconKey {
        BeaconKey(deviceId: "id-" + device, deviceName: device, initiatingProcessAccountName: account,
                  initiatingProcessAccountDomain: "CORP", initiatingProcessFileName: process, remoteIP: ip, remotePort: port)
    }
}

/// 2024-05-01T10:00:00Z plus `seconds`.
func date(_ seconds: Double = 0) -> Date {
    Date(timeIntervalSince1970: 1_714_557_600 + seconds)
}

/// A fresh folder under the system temporary folder, removed by the caller with `removeFolder`.
func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "triage-tests-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeFolder(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

func readText(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}
