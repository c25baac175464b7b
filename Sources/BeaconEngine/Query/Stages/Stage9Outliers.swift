import KQL

/// Stage 9: ImpossibleBeaconsByTimeDelta and the `leftantisemi` join that removes them.
/// `series_outliers(TimeDeltaList)`, then a delta counts when `outliers > OutlierThresholdMax or
/// outliers < (-1 * OutlierCountMax)` (the low side as written is Q2), and the group is impossible when
/// `count_ > OutlierCountMax`.
enum OutlierRejection {
    /// `series_outliers` of the deltas (in time order, and sorted) into `scores`.
    static func scores(_ deltaValues: UnsafeBufferPointer<Double>, sorted: UnsafeBufferPointer<Double>,
                       basis: QueryBasis, into scores: UnsafeMutableBufferPointer<Double>) {
        seriesOutliers(deltaValues, sortedAscending: sorted, minimumSpread: basis.minimumOutlierSpread,
                       zeroSpread: basis.zeroSpread, into: scores)
    }

    static func count(_ scores: ArraySlice<Double>, parameters: QueryParameters) -> Int {
        let high = parameters.outlierMax, low = parameters.lowOutlierThreshold
        var count = 0
        for score in scores where score > high || score < low { count += 1 }
        return count
    }

    /// Whether the group stays out of ImpossibleBeaconsByTimeDelta (`where count_ > OutlierCountMax`).
    static func passes(_ outliers: Int, _ thresholds: Thresholds) -> Bool {
        outliers <= thresholds.outlierCountMax
    }

    /// `scores`: the group's, so the check can say how many of its outliers score ±∞ and why.
    static func check(_ outliers: Int, scores: ArraySlice<Double>, parameters: QueryParameters) -> StageCheck {
        let high = parameters.outlierMax, low = parameters.lowOutlierThreshold
        return StageCheck(stage: .outliers, passed: passes(outliers, parameters.thresholds),
                          measure: .outliers(outliers, max: parameters.outlierCountMax, high: high, low: low,
                                             infinite: InfiniteScoreNote.count(scores, high: high, low: low)))
    }
}
