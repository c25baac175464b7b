import BeaconEngine
import KQL
import Testing

/// One test per quirk of spec S16, each in both modes. Expected values are worked out in the comments.
@Suite struct QuirkTests {
    let sixteenGaps = Array(repeating: Int64(60), count: 16)

    @Test func q1ActionTypeTypos() {
        let request = series(action: "ConnectionRequest", at: timestamps(gaps: sixteenGaps))
        let typo = series(device: "typo", action: "CsonnectionRequest", at: timestamps(gaps: sixteenGaps))
        let faithful = run(request + typo, parameters(.faithful))
        // As written only ConnectionSuccess and the misspelt strings match.
        #expect(faithful.eventsRemoved[.actionType] == 17)
        #expect(faithful.beacons.map(\.key.deviceName) == ["typo"])
        let corrected = run(request + typo, parameters(.corrected))
        #expect(corrected.beacons.map(\.key.deviceName) == ["dev-1"])
        #expect(corrected.eventsRemoved[.actionType] == 17)
    }

    @Test func q2LowOutlierThreshold() {
        // 41 deltas whose sorted values are 72×4, 90, 100×31, 110×5. R-7 fences: P10 = v[4] = 90,
        // P90 = v[36] = 110, spread 20. Each 72 scores (72-90)/20 × 2.7726 = -2.495: below -2 but not
        // below -3. As written (low threshold -OutlierCountMax = -3) none counts; corrected (-2) counts 4 > 3.
        var gaps: [Int64] = [72, 72, 72, 72, 90] + Array(repeating: 100, count: 31) + Array(repeating: 110, count: 5)
        gaps.swapAt(0, 20)  // order in time does not change the scores
        let events = series(at: timestamps(gaps: gaps))
        let faithful = run(events, parameters(.faithful))
        #expect(faithful.beacons.count == 1)
        #expect(faithful.beacons.first?.outlierCount == 0)
        let corrected = run(events, parameters(.corrected))
        #expect(corrected.beacons.isEmpty)
        #expect(corrected.candidates.first?.outlierCount == 4)
        #expect(corrected.candidates.first?.rejection?.stage == .outliers)
    }

    @Test func q3IPv6Destinations() {
        let addresses = ["2001:4860:4860::8888", "::ffff:8.8.8.8", "::ffff:192.168.1.1", "fd00::1", "fe80::1", "2001:db8::5"]
        let events = addresses.enumerated().flatMap { offset, ip in
            series(device: "d\(offset)", ip: ip, at: timestamps(gaps: sixteenGaps))
        }
        let faithful = run(events, parameters(.faithful))
        // ipv4_is_private is null for every non-IPv4 string, and `where` drops null.
        #expect(faithful.beacons.isEmpty)
        #expect(faithful.eventsRemoved[.privateAddress] == 6 * 17)
        let corrected = run(events, parameters(.corrected))
        // Public IPv6 kept; the mapped IPv4 judged on 8.8.8.8 (public) and 192.168.1.1 (private);
        // fd00::/7... (fc00::/7), fe80::/10 and 2001:db8::/32 dropped.
        #expect(Set(corrected.beacons.map(\.key.remoteIP)) == ["2001:4860:4860::8888", "::ffff:8.8.8.8"])
    }

    @Test func q5DuplicateTimestampsCollapse() {
        // 16 events but two share a timestamp: 15 distinct, which is not > 15. Same in both modes.
        var instants = timestamps(gaps: Array(repeating: 60, count: 14))
        instants.append(instants[3])
        for mode in QueryMode.queryModes {
            let analysis = run(series(at: instants), parameters(mode))
            #expect(analysis.candidates.first?.eventCount == 16)
            #expect(analysis.candidates.first?.timestamps.count == 15)
            #expect(analysis.candidates.first?.rejection?.stage == .eventCount)
        }
    }

    @Test func q7PenultimateMaxTimestamp() throws {
        let events = series(at: timestamps(gaps: sixteenGaps))
        let faithful = try #require(run(events, parameters(.faithful)).beacons.first?.summary)
        #expect(faithful.maxTimestamp == at(seconds: 3600 + 15 * 60))
        #expect(faithful.duration == 15 * 60)
        #expect(faithful.count == 16)
        let corrected = try #require(run(events, parameters(.corrected)).beacons.first?.summary)
        #expect(corrected.maxTimestamp == at(seconds: 3600 + 16 * 60))
        #expect(corrected.duration == 16 * 60)
        #expect(corrected.count == 16)
    }

    @Test func q8NullRemotePortGroupsVanish() {
        let events = series(port: nil, at: timestamps(gaps: sixteenGaps))
        let faithful = run(events, parameters(.faithful))
        #expect(faithful.beacons.isEmpty)
        #expect(faithful.candidates.first?.rejection?.stage == .timeDeltas)
        let corrected = run(events, parameters(.corrected))
        #expect(corrected.beacons.count == 1)
        #expect(corrected.beacons.first?.key.remotePort == nil)
    }

    @Test func q9DomainsComeFromEveryEventToTheIPInTwoDays() {
        // now = 2024-01-01T20:00Z; the lookback is Timestamp > now - 2d with no upper bound.
        let beacon = series(url: "c2.evil.example.com", at: timestamps(gaps: sixteenGaps))
        let others = series(device: "other", process: "chrome.exe", url: "https://a.b.cdn.example.net/x",
                            action: "ConnectionFailed", at: [at(seconds: 7200)])
            + series(device: "other", url: "old.example.org", at: [at(seconds: 20 * 3600 - 36 * 3600)])
            + series(device: "other", url: "ancient.example.org", at: [at(seconds: 20 * 3600 - 48 * 3600)])
            + series(device: "other", url: "future.example.com", at: [at(seconds: 21 * 3600)])
            + series(device: "other", url: "httpbin.org", type: "Private", at: [at(seconds: 7300)])
        for mode in QueryMode.queryModes {
            let domains = run(beacon + others, parameters(mode)).beacons.first?.domains
            // c2.evil.example.com keeps its last three labels; a.b.cdn.example.net likewise; three-label
            // and two-label hosts stay whole; "httpbin.org" starts with "http", gets no scheme and
            // parses to ""; the event at exactly now - 2d is not after it.
            #expect(domains == ["", "cdn.example.net", "evil.example.com", "future.example.com", "old.example.org"])
        }
    }

    @Test func q10DeviceCountOnlyCountsJitterSurvivors() {
        let steady = (0..<10).flatMap { series(device: "ws\($0)", process: "updater.exe", at: timestamps(gaps: sixteenGaps)) }
        let jittery = (0..<5).flatMap {
            series(device: "noisy\($0)", process: "updater.exe", at: timestamps(gaps: (0..<16).map { $0 % 2 == 0 ? 5 : 300 }))
        }
        let otherProcess = series(device: "ws-x", process: "other.exe", at: timestamps(gaps: sixteenGaps))
        for mode in QueryMode.queryModes {
            // 15 devices reach the destination but only the 10 steady ones pass the jitter stage: 10 ≤ 10.
            let analysis = run(steady + jittery + otherProcess, parameters(mode))
            #expect(analysis.beacons.count == 11)
            #expect(analysis.beacons.filter { $0.key.initiatingProcessFileName == "updater.exe" }.allSatisfy { $0.deviceCount == 10 })
            // An eleventh steady device tips it over.
            let eleventh = series(device: "ws10", process: "updater.exe", at: timestamps(gaps: sixteenGaps))
            let tipped = run(steady + eleventh + jittery + otherProcess, parameters(mode))
            #expect(tipped.beacons.map(\.key.deviceName) == ["ws-x"])
            #expect(tipped.candidates.first { $0.key.deviceName == "ws0" }?.rejection?.detail == "devices 11 > 10")
        }
    }

    @Test func q13ZeroSpreadOutliers() {
        // 41 deltas: 37 × 60 and 4 × 61. R-7: P10 = v[4] = 60, P90 = v[36] = 60; zero spread.
        var gaps = Array(repeating: Int64(60), count: 37)
        for position in [5, 15, 25, 35] { gaps.insert(61, at: position) }
        let events = series(at: timestamps(gaps: gaps))

        // As written (unguarded division): four +∞ scores > 2, 4 > 3 → an "impossible" beacon.
        let faithful = run(events, parameters(.faithful))
        #expect(faithful.beacons.isEmpty)
        #expect(faithful.candidates.first?.outlierScores.filter { $0 == .infinity }.count == 4)

        // --zero-spread zero: the scores are 0 and the beacon is reported.
        var zero = parameters(.faithful)
        zero.zeroSpread = .zero
        #expect(run(events, zero).beacons.count == 1)

        // Corrected: spread 2, so each 61 scores (61 - 60) / 2 × 2.7726 = 1.386 < 2; reported.
        let corrected = run(events, parameters(.corrected))
        #expect(corrected.beacons.count == 1)
        let score = corrected.beacons.first?.outlierScores.max() ?? 0
        #expect(abs(score - 0.5 * seriesOutliersNormalisation) < 1e-12)
    }
}
