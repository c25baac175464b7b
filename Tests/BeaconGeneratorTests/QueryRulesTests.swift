import BeaconEngine
import Testing
@testable import BeaconGenerator

/// The generator's own statement of the query's rules, against the spec's published vectors.
@Suite struct QueryRulesTests {
    /// Spec S1's authoritative series_outliers example, reproduced bit for bit.
    @Test func seriesOutliersReproducesThePublishedVector() {
        let input = [-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4]
        let (scores, p10, p90) = QueryRules.outlierScores(values: input)
        #expect(abs(p10 - 2.7) < 1e-12 && p90 == 11)
        let published = [-1.9040785483608571, -0.10021466044004519, 1.3361954725339347, 0.0, 0.0, 0.0, 0.0, 0.0,
                         0.0, 0.0, 0.0, 1.6702443406674186, 0.0, 0.0, 0.0, 0.0]
        #expect(scores == published)
        #expect(QueryRules.outlierCount(scores) == 0)
    }

    @Test func percentileIsLinearBetweenClosestRanks() {
        // Spec S1: [-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4] → p10 = 2.7, p90 = 11.
        let values = [-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4].sorted()
        #expect(abs(QueryRules.percentile(values, 10) - 2.7) < 1e-12)
        #expect(abs(QueryRules.percentile(values, 90) - 11) < 1e-12)
    }

    /// Q13: 90 % identical deltas put P10 = P90, and every other delta scores ±inf.
    @Test func zeroSpreadScoresInfinity() {
        let deltas: [Int64] = Array(repeating: 60, count: 36) + [61, 59, 61, 59]
        let (scores, p10, p90) = QueryRules.outlierScores(deltas)
        #expect(p10 == 60 && p90 == 60)
        #expect(QueryRules.outlierCount(scores) == 4)
        #expect(scores.contains(.infinity) && scores.contains(-.infinity))
    }

    /// Spec S3's series_stats example: avg 32.8, stdev 28.5036338535483.
    @Test func jitterIsSampleStdevOverMean() {
        let deltas: [Int64] = [23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]
        #expect(abs(QueryRules.jitterPercent(deltas) - 28.503_633_853_548_27 / 32.8 * 100) < 1e-9)
        #expect(QueryRules.jitterPercent([0, 0, 0]).isNaN)
    }

    /// Spec S4: 23:00:00.900 → 23:00:10.100 is 10 boundaries, not 9.2 s.
    @Test func secondsDiffCountsBoundaries() {
        let base: Int64 = 1_509_404_400 * 10_000_000  // 2017-10-30T23:00:00Z
        #expect(QueryRules.secondsDiff(base + 101_000_000, base + 9_000_000) == 10)
        #expect(QueryRules.secondsDiff(base + 9_000_000, base + 2_000_000) == 0)
    }

    @Test func rowFiltersInTheQueryOrder() {
        #expect(QueryRules.rowFilter(remoteIPType: "Private", remoteIP: "10.0.0.1", actionType: "ConnectionFailed") == .remoteIPType)
        #expect(QueryRules.rowFilter(remoteIPType: "", remoteIP: "", actionType: "ListeningConnectionCreated") == .remoteIPPresent)
        #expect(QueryRules.rowFilter(remoteIPType: "", remoteIP: "0.0.0.0", actionType: "ConnectionSuccess") == .remoteIPPresent)
        #expect(QueryRules.rowFilter(remoteIPType: "Broadcast", remoteIP: "10.20.3.255", actionType: "ConnectionSuccess") == .privateAddress)
        #expect(QueryRules.rowFilter(remoteIPType: "Public", remoteIP: "2a0e::1", actionType: "ConnectionSuccess") == .privateAddress)
        #expect(QueryRules.rowFilter(remoteIPType: "FourToSixMapping", remoteIP: "::ffff:1.2.3.4", actionType: "ConnectionSuccess") == .privateAddress)
        #expect(QueryRules.rowFilter(remoteIPType: "Public", remoteIP: "203.0.113.9", actionType: "ConnectionFailed") == .actionType)
        #expect(QueryRules.rowFilter(remoteIPType: "Public", remoteIP: "203.0.113.9", actionType: "ConnectionSuccess") == nil)
        // ipv4_is_private: RFC 1918 only (spec S7), so loopback text with a non-excluded type passes.
        #expect(Addresses.ipv4IsPrivate("172.31.255.1") == true && Addresses.ipv4IsPrivate("172.32.0.1") == false)
        #expect(Addresses.ipv4IsPrivate("127.0.0.1") == false && Addresses.ipv4IsPrivate("1.2.3") == nil)
    }

    @Test func windowIsAnchoredOnTheLastEvent() {
        let latest: Int64 = 1_795_132_800 * 10_000_000
        let window = QueryRules.window(latest: latest)
        #expect(window.upperBound == latest)
        #expect(window.lowerBound == latest + 10_000_000 - 864_000_000_000)
    }
}
