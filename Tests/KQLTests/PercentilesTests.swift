import Testing
@testable import KQL

/// Spec S2: the Wikipedia nearest-rank example the Kusto docs link to.
/// By hand (N = 5): P5 → ceil(0.25) = 1 → 15; P30 → ceil(1.5) = 2 → 20; P40 → ceil(2) = 2 → 20;
/// P50 → ceil(2.5) = 3 → 35; P100 → 5 → 50.
@Test func wikipediaNearestRankExample() {
    let values: [Int64] = [15, 20, 35, 40, 50]
    #expect(percentilesNearestRank(values, percents: [5, 30, 40, 50, 100]) == [15, 20, 20, 35, 50])
}

/// Spec S17 probe `range x from 1 to 20 | summarize percentiles(x, 5, 25, 50, 75, 95)`:
/// ranks ceil(P·20/100) = 1, 5, 10, 15, 19 → values 1, 5, 10, 15, 19.
@Test func rangeOneToTwenty() {
    let values = (1...20).map(Int64.init)
    #expect(percentilesNearestRank(values, percents: [5, 25, 50, 75, 95]) == [1, 5, 10, 15, 19])
}

/// Spec S2: not interpolated — P50 of 1…10 is 5 (rank ceil(5) = 5), not 5.5.
@Test func medianOfOneToTenIsFive() {
    #expect(percentileNearestRank(sortedAscending: (1...10).map(Int64.init), percent: 50) == 5)
}

/// Spec S2: P = 0 is defined as the minimum; P100 is the maximum.
@Test func extremes() {
    let sorted: [Int64] = [-7, 3, 3, 9]
    #expect(percentileNearestRank(sortedAscending: sorted, percent: 0) == -7)
    #expect(percentileNearestRank(sortedAscending: sorted, percent: 100) == 9)
    #expect(percentileNearestRank(sortedAscending: [42], percent: 95) == 42)
}

/// Floating-point trap: 7.0/100·100 = 7.000000000000001 in binary, whose ceiling (8) would
/// pick 8 from 1…100. The exact rank is ceil(7·100/100) = 7.
@Test func integralPercentUsesExactRank() {
    let values = (1...100).map(Int64.init)
    #expect(percentileNearestRank(sortedAscending: values, percent: 7) == 7)
    #expect(percentileNearestRank(sortedAscending: values, percent: 29) == 29)
}

/// Fractional percent: P12.5 of 1…8 → ceil(12.5·8/100) = ceil(1) = 1; P12.6 → ceil(1.008) = 2.
@Test func fractionalPercent() {
    let values = (1...8).map(Int64.init)
    #expect(percentileNearestRank(sortedAscending: values, percent: 12.5) == 1)
    #expect(percentileNearestRank(sortedAscending: values, percent: 12.6) == 2)
}

/// `percentilesNearestRank` sorts a copy: unsorted deltas give the same answer as sorted ones.
/// By hand for [61, 59, 60, 60, 300, 60] (sorted 59, 60, 60, 60, 61, 300; N = 6):
/// P5 → rank 1 → 59, P25 → ceil(1.5) = 2 → 60, P50 → 3 → 60, P75 → ceil(4.5) = 5 → 61,
/// P95 → ceil(5.7) = 6 → 300.
@Test func unsortedInput() {
    let deltas: [Int64] = [61, 59, 60, 60, 300, 60]
    #expect(percentilesNearestRank(deltas, percents: [5, 25, 50, 75, 95]) == [59, 60, 60, 61, 300])
}
