import KQL

/// Stage 9: ImpossibleBeaconsByTimeDelta and the `leftantisemi` join that removes them.
/// `series_outliers(TimeDeltaList)`, then a delta counts when `outliers > OutlierThresholdMax or
/// outliers < (-1 * OutlierCountMax)` (the low side as written is Q2), and the group is impossible when
/// `count_ > OutlierCountMax`.
enum OutlierRejection {
    static func scores(_ deltas: [Int64], parameters: QueryParameters) -> [Double] {
        seriesOutliers(deltas.map(Double.init), minimumSpread: parameters.minimumOutlierSpread,
                       zeroSpread: parameters.zeroSpread)
    }

    static func count(_ scores: [Double], parameters: QueryParameters) -> Int {
        let high = parameters.outlierMax, low = parameters.lowOutlierThreshold
        return scores.reduce(0) { $0 + ($1 > high || $1 < low ? 1 : 0) }
    }

    static func check(_ count: Int, parameters: QueryParameters) -> StageCheck {
        .outliers(count, max: parameters.outlierCountMax, high: parameters.outlierMax,
                  low: parameters.lowOutlierThreshold)
    }
}
