import Testing
@testable import KQL

/// Spec S3 worked example (Microsoft docs, full precision from the docs.azure.cn copy).
/// The spec claims both the Welford and the sums forms reproduce the 17-digit variance
/// and stdev exactly, so they are compared with ==.
@Test(arguments: VarianceForm.allCases)
func publishedSeriesStatsExample(form: VarianceForm) {
    let series: [Double] = [23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]
    let stats = seriesStats(series, varianceForm: form)
    #expect(stats.min == 2)
    #expect(stats.minIndex == 8)
    #expect(stats.max == 87)
    #expect(stats.maxIndex == 3)
    #expect(stats.avg == 32.8)  // 492 / 15
    #expect(stats.variance == 812.45714285714291)
    #expect(stats.stdev == 28.503633853548269)
}

/// Spec S3: on large, tightly clustered values the forms differ — Welford
/// 1.2999999999999545, sums 1.299999998882413 (true value 1.3: mean 3600.4,
/// squared deviations 0.16 + 0.36 + 1.96 + 0.16 + 2.56 = 5.2, / 4).
@Test func varianceFormsDifferOnClusteredValues() {
    let series: [Double] = [3600, 3601, 3599, 3600, 3602]
    #expect(seriesStats(series, varianceForm: .welford).variance == 1.2999999999999545)
    #expect(seriesStats(series, varianceForm: .sums).variance == 1.299999998882413)
    #expect(seriesStats(series).variance == 1.2999999999999545)  // Welford is the default
    #expect(abs(seriesStats(series).avg - 3600.4) < 1e-12)
}

/// Spec S3: the **first** index of the min and of the max is reported.
/// [5, 1, 1, 5]: min 1 first at 1, max 5 first at 0; avg 3; sample variance
/// (4+4+4+4)/3 = 16/3; stdev sqrt(16/3).
@Test func firstIndexOfTies() {
    let stats = seriesStats([5, 1, 1, 5])
    #expect(stats.minIndex == 1)
    #expect(stats.maxIndex == 0)
    #expect(stats.avg == 3)
    #expect(abs(stats.variance - 16.0 / 3) < 1e-14)
    #expect(abs(stats.stdev - (16.0 / 3).squareRoot()) < 1e-14)
}

/// A constant series (the all-zero delta list of quirk Q15) has variance 0 and avg 0,
/// so Jitter = 0/0 = NaN downstream.
@Test(arguments: VarianceForm.allCases)
func constantSeries(form: VarianceForm) {
    let stats = seriesStats([0, 0, 0, 0], varianceForm: form)
    #expect(stats.variance == 0)
    #expect(stats.stdev == 0)
    #expect(stats.avg == 0)
}

/// Degenerate sizes: n = 1 → variance 0/0 = NaN; n = 0 → all NaN, indices −1.
@Test func degenerateSizes() {
    let one = seriesStats([7])
    #expect(one.min == 7 && one.max == 7 && one.avg == 7)
    #expect(one.minIndex == 0 && one.maxIndex == 0)
    #expect(one.variance.isNaN && one.stdev.isNaN)
    let none = seriesStats([])
    #expect(none.minIndex == -1 && none.maxIndex == -1)
    #expect(none.min.isNaN && none.max.isNaN && none.avg.isNaN && none.variance.isNaN && none.stdev.isNaN)
}
