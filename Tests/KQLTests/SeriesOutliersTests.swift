import Testing
@testable import KQL

/// Spec S1 worked example: Microsoft's published input/output of `series_outliers`
/// (p10 = 2.7, p90 = 11). The spec states all 16 outputs are reproduced bit-exactly with
/// NF = 2.772605605507915 and the order `((x − P) / spread) * NF`.
@Test func seriesOutliersMatchesPublishedVectorBitExactly() {
    let input: [Double] = [-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4]
    let published: [Double] = [
        -1.9040785483608571, -0.10021466044004519, 1.3361954725339347, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.0, 0.0, 0.0, 1.6702443406674186, 0.0, 0.0, 0.0, 0.0,
    ]
    let scores = seriesOutliers(input)
    #expect(scores.count == 16)
    for index in 0..<16 {
        #expect(scores[index] == published[index], "element \(index)")
    }
}

/// Spec S1: p10 = 2.7 and p90 = 11 for the published vector (R-7; sorted it is
/// -3, 2.4, 3, 3.9, 4, 4, 4.5, 5, 5, 5, 5, 5.2, 6, 7, 15, 16; idx 0.1·15 = 1.5 → 2.4 + 0.5·0.6,
/// idx 0.9·15 = 13.5 → 7 + 0.5·8 = 11). 2.7 is checked to 1e-15 because 2.4 + 0.3 in
/// binary need not be the double nearest 2.7.
@Test func percentileLinearOfPublishedVector() {
    let sorted: [Double] = [-3, 2.4, 3, 3.9, 4, 4, 4.5, 5, 5, 5, 5, 5.2, 6, 7, 15, 16]
    #expect(abs(percentileLinear(sortedAscending: sorted, percent: 10) - 2.7) < 1e-15)
    #expect(percentileLinear(sortedAscending: sorted, percent: 90) == 11)
}

/// Spec S2's contrast examples of linear percentiles (docs of `percentiles_linear_fl`):
/// [5,7,9] → 5,6,7,8,9 and [5,7,7,10] → 5, 6.5, 7, 7.75, 10 at 0/25/50/75/100.
@Test func percentileLinearDocExamples() {
    let percents: [Double] = [0, 25, 50, 75, 100]
    #expect(percents.map { percentileLinear(sortedAscending: [5, 7, 9], percent: $0) } == [5, 6, 7, 8, 9])
    #expect(percents.map { percentileLinear(sortedAscending: [5, 7, 7, 10], percent: $0) }
        == [5, 6.5, 7, 7.75, 10])
    #expect(percentileLinear(sortedAscending: [42], percent: 90) == 42)
}

/// Spec S17 probe `[1…15, 100]`: p10 = 2.5 (idx 1.5 between 2 and 3), p90 = 14.5
/// (idx 13.5 between 14 and 15), spread 12. By hand: 1 → (−1.5/12)·NF = −NF/8 (exact,
/// a power-of-two scaling), 2 → (−0.5/12)·NF, 15 → (0.5/12)·NF, 100 → (85.5/12)·NF = 7.125·NF;
/// 3…14 lie inside. The spec lists the resulting doubles.
@Test func seriesOutliersProbeVector() {
    let input = (1...15).map(Double.init) + [100]
    let nf = seriesOutliersNormalisation
    let expected: [Double] = [-0.34657570068848936, -0.11552523356282979]
        + Array(repeating: 0, count: 12) + [0.11552523356282979, 19.754814939243893]
    let scores = seriesOutliers(input)
    #expect(scores == expected)
    #expect(scores[0] == -nf / 8)
    #expect(scores[15] == 7.125 * nf)
}

/// Spec S1 edge case: a constant series has P10 = P90 = c and nothing outside → zeros,
/// whatever the zero-spread policy.
@Test(arguments: ZeroSpreadScore.allCases)
func constantSeriesScoresZero(policy: ZeroSpreadScore) {
    let scores = seriesOutliers(Array(repeating: 60, count: 20), zeroSpread: policy)
    #expect(scores == Array(repeating: 0, count: 20))
}

@Test func emptySeriesGivesEmptyScores() {
    #expect(seriesOutliers([]).isEmpty)
}

/// Spec S17 zero-IQR probe `[60 ×18, 61, 59]` (quirk Q13). By hand: sorted 59, 60 ×18, 61
/// (n = 20); idx 0.1·19 = 1.9 → v[1] = v[2] = 60; idx 0.9·19 = 17.1 → v[17] = v[18] = 60;
/// spread 0. Unguarded: 61 → (1/0)·NF = +∞, 59 → (−1/0)·NF = −∞. Guarded: 0.
/// With minimumSpread 2 (corrected mode): 61 → (1/2)·NF = NF/2, 59 → −NF/2.
@Test func zeroSpreadPolicies() {
    let input: [Double] = Array(repeating: 60, count: 18) + [61, 59]
    let zeros = Array(repeating: 0.0, count: 18)
    #expect(seriesOutliers(input, zeroSpread: .infinity) == zeros + [.infinity, -.infinity])
    #expect(seriesOutliers(input, zeroSpread: .zero) == zeros + [0, 0])
    let half = seriesOutliersNormalisation / 2
    #expect(seriesOutliers(input, minimumSpread: 2, zeroSpread: .infinity) == zeros + [half, -half])
    #expect(seriesOutliers(input, minimumSpread: 2, zeroSpread: .zero) == zeros + [half, -half])
}

/// minimumSpread only raises the spread: on the published vector (spread 8.3) a floor of 2
/// changes nothing, a floor of 16.6 (2 × 8.3) halves every score. By hand: −3 → (−5.7/16.6)·NF.
@Test func minimumSpreadIsAFloor() {
    let input: [Double] = [-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5, 4]
    #expect(seriesOutliers(input, minimumSpread: 2) == seriesOutliers(input))
    let widened = seriesOutliers(input, minimumSpread: 16.6)
    #expect(abs(widened[0] - (-5.7 / 16.6) * seriesOutliersNormalisation) < 1e-12)
    #expect(abs(widened[11] - (5 / 16.6) * seriesOutliersNormalisation) < 1e-12)
}

/// Spec S1 capacity bound / quirk Q14: at most ceil(0.1·(n−1)) elements lie strictly above
/// P90 (and as many below P10); for the query's minimum of 15 deltas that is 2 per side.
/// Checked on pseudo-random integer series with many ties (values 55…65), all lengths
/// 2…60, and shown to be attained for n = 15.
@Test func outlierCapacityBound() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func nextValue() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(55 + (state >> 33) % 11)
    }
    for n in 2...60 {
        let bound = (n - 1 + 9) / 10  // ceil((n−1)/10) in integers
        for _ in 0..<200 {
            let series = (0..<n).map { _ in nextValue() }
            let scores = seriesOutliers(series, zeroSpread: .infinity)
            #expect(scores.filter { $0 > 0 }.count <= bound)
            #expect(scores.filter { $0 < 0 }.count <= bound)
            if n == 15 {
                #expect(scores.filter { $0 > 0 }.count <= 2)
            }
        }
    }
    // Attained for n = 15: two far values on each side of 1…11.
    let extreme: [Double] = [-100, -50] + (1...11).map(Double.init) + [50, 100]
    let scores = seriesOutliers(extreme)
    #expect(scores.filter { $0 > 0 }.count == 2)
    #expect(scores.filter { $0 < 0 }.count == 2)
}
