import BeaconEngine
import Foundation
import Testing
@testable import BeaconGenerator

/// The truth file against the design, worked out by hand from each series' construction and the query's
/// rules (spec S15/S16), for the shared 60-device day. These pin the numbers the truth computation must
/// arrive at, independently of it.
@Suite struct DesignTests {
    /// (series, found, stage when missed): why, in a word each.
    static let designed: [(String, Bool, QueryStage?)] = [
        ("cobaltstrike-https-60s", true, nil),          // all deltas 60: jitter 0, scores 0
        ("cobaltstrike-interactive-5s", true, nil),     // deltas 3–5 s, jitter ≈ 14 %
        ("cobaltstrike-notepad-15m", true, nil),        // CS 60 %: (0.6/√12)/(1−0.3) ≈ 24.7 %
        ("empire-http-5m", true, nil),                  // ±20 %: 0.2/√3 ≈ 11.5 %
        ("poshc2-60s", true, nil),                      // ±60 %: 0.6/√3 ≈ 34.6 %
        ("sliver-svchost-1h", true, nil),               // ~23 deltas, uniform ±10 %
        ("cobaltstrike-flaky-link", false, .outliers),  // ~6 % of ~720 check-ins doubled: ≫ 3 outliers
        ("empire-two-missed", true, nil),               // 2 doubled deltas: 2 outliers ≤ 3
        ("empire-duplicates", true, nil),               // duplicates collapse (Q5)
        ("cobaltstrike-burst", false, .jitter),         // deltas alternate ~0 and ~40: jitter ≈ 100 %
        ("near-perfect-msedge", false, .outliers),      // P10 = P90 = 60, 14 artefacts at ±inf (Q13)
        ("long-sleep-6h", false, .eventCount),          // 4–5 check-ins a day
        ("empire-ipv6", false, .privateAddress),        // ipv4_is_private null (Q3)
        ("cobaltstrike-offline-laptop", false, .jitter),// one 5 h gap among ~250 deltas of ~270 s
        ("cobaltstrike-c2-down", false, .actionType),   // ConnectionFailed (Q1)
        ("datadog-agent", true, nil),
        ("teamviewer-keepalive", true, nil),
        ("anydesk-relay", true, nil),
        ("sccm-client", false, .remoteIPType),          // Private
        ("local-api-poll", false, .remoteIPType),       // Loopback
        ("azure-imds", false, .remoteIPType),           // LinkLocal
        ("ssdp-discovery", false, .remoteIPType),       // multicast typed Reserved
        ("netbios-announcement", false, .privateAddress), // 10.x.y.255 is RFC 1918
        ("wns-ipv6", false, .privateAddress),
        ("slack-mapped-ipv4", false, .privateAddress),
        ("teredo-peer", false, .privateAddress),
        ("dead-update-server", false, .actionType),
    ]

    @Test(arguments: DesignTests.designed.map(\.0))
    func seriesMeetsItsDesign(_ name: String) throws {
        let day = try sharedDay.get()
        let design = try #require(Self.designed.first { $0.0 == name })
        let entries = day.entries(name)
        #expect(!entries.isEmpty, "\(name) was not placed")
        for entry in entries {
            #expect(entry.expectedFound == design.1, "\(name): \(entry.reason)")
            #expect(entry.expectedStage == design.2, "\(name): \(entry.reason)")
        }
    }

    /// Every service destination has more than 10 devices; only a device that went offline (a gap breaks
    /// its jitter) drops out of the count.
    @Test func servicesAreRemovedByTheDeviceCount() throws {
        let day = try sharedDay.get()
        let services = day.truth.entries.filter { $0.family == .benignService }
        #expect(Set(services.map(\.series)).count == 5)
        for entry in services {
            if entry.expectedStage == .deviceCount {
                #expect((entry.devicesOnDestination ?? 0) > 10)
                #expect(entry.reason.hasPrefix("on \(entry.devicesOnDestination!) devices > CompromisedDeviceCountMax 10"))
            } else {
                #expect(entry.expectedStage == .jitter && entry.reason.contains("offline"), "\(entry.series): \(entry.reason)")
            }
        }
    }

    @Test func jitterMatchesTheFrameworksFormulas() throws {
        let day = try sharedDay.get()
        func jitter(_ name: String) throws -> [Double] { try day.entries(name).map { try #require($0.measuredJitterPercent) } }
        for value in try jitter("empire-http-5m") { #expect(abs(value - 11.55) < 2.5) }
        for value in try jitter("poshc2-60s") { #expect(abs(value - 34.64) < 3) }
        for value in try jitter("cobaltstrike-notepad-15m") { #expect(abs(value - 24.74) < 5) }
        for value in try jitter("cobaltstrike-https-60s") { #expect(value == 0) }
        for value in try jitter("cobaltstrike-burst") { #expect(value > 90) }
    }

    @Test func awkwardVariantsHaveTheirShape() throws {
        let day = try sharedDay.get()
        // Near-perfect: 1440 check-ins a day, 7 late ones, each a 61 then a 59.
        let nearPerfect = try #require(day.entries("near-perfect-msedge").first)
        #expect(nearPerfect.outliers == 14)
        #expect(nearPerfect.reason.contains("P10 = P90"))
        // Long sleep: 24 h / 6 h ± 20 %.
        let longSleep = try #require(day.entries("long-sleep-6h").first)
        #expect((3...5).contains(longSleep.distinctTimestamps))
        #expect(longSleep.reason.hasPrefix("sleep 6h: \(longSleep.distinctTimestamps) distinct timestamps in 1d"))
        // Duplicates: 2–3 rows per check-in, one timestamp each.
        let duplicates = try #require(day.entries("empire-duplicates").first)
        #expect(Double(duplicates.events) > 2.1 * Double(duplicates.distinctTimestamps))
        // The IPv6 beacon's rows all reach and fail ipv4_is_private.
        let ipv6 = try #require(day.entries("empire-ipv6").first)
        #expect(ipv6.reason == "IPv6: dropped by ipv4_is_private (Q3)")
        #expect(ipv6.distinctTimestamps == 0 && ipv6.eventsInWindow > 2800)
        // Offline laptop: the reason names the gap.
        let offline = try #require(day.entries("cobaltstrike-offline-laptop").first)
        #expect(offline.reason.contains("device offline 5h"))
        // Malicious beacons sit on 1–3 devices each.
        for name in Set(day.truth.entries.filter { $0.family == .maliciousBeacon }.map(\.series)) {
            #expect((1...3).contains(day.entries(name).count), "\(name)")
        }
        // Sleeps from 5 s to 1 h, plus the 6 h one; jitter 0–60 % in both styles.
        let malicious = day.truth.entries.filter { $0.family == .maliciousBeacon }
        #expect(Set(malicious.map(\.sleepSeconds)).isSuperset(of: [5, 3600, 21_600]))
        #expect(malicious.map(\.jitterPercent).max() == 60)
        #expect(Set(malicious.map(\.jitterStyle)) == [.none, .cobaltStrike, .symmetric])
    }

    @Test func truthFileOnDiskCarriesTheSchema() throws {
        let day = try sharedDay.get()
        let document = try #require(try JSONSerialization.jsonObject(with: day.truthData) as? [String: Any])
        let series = try #require(document["series"] as? [[String: Any]])
        #expect(series.count == day.truth.entries.count)
        let keys = ["series", "family", "label", "deviceId", "deviceName", "accountName", "accountDomain",
                    "processFileName", "remoteIP", "remotePort", "sleepSeconds", "jitterStyle", "jitterPercent",
                    "expected", "expectedStage", "reason"]
        for row in series {
            for key in keys { #expect(row[key] != nil, "missing \(key)") }
            let expected = try #require(row["expected"] as? String)
            #expect(expected == "found" || expected == "missed")
            if expected == "missed" {
                let stage = try #require(row["expectedStage"] as? String)
                #expect(QueryStage(rawValue: stage) != nil)
            }
            #expect(row["remotePort"] is NSNumber)
        }
        let query = try #require(document["query"] as? [String: Any])
        #expect(query["windowEnd"] as? String == "2026-11-20T00:00:00.0000000Z")
        #expect(query["now"] as? String == "2026-11-20T00:00:01.0000000Z")
    }
}
