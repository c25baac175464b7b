/// Stage 3: `where array_length(set_Timestamp) > TotalEventsThresholdMin and
/// array_length(set_Timestamp) < TotalEventsThresholdMax`.
enum EventCountThreshold {
    static func check(distinctTimestamps: Int, parameters: QueryParameters, window: AnalysisWindow) -> StageCheck {
        let max = parameters.maxEventsOverride ?? window.derivedMaxEvents
        return .eventCount(distinctTimestamps, min: parameters.minEvents, max: max)
    }
}
