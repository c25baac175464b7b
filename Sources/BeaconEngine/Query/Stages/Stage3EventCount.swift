/// Stage 3: `where array_length(set_Timestamp) > TotalEventsThresholdMin and
/// array_length(set_Timestamp) < TotalEventsThresholdMax`.
enum EventCountThreshold {
    static func check(distinctTimestamps: Int, minimum: Int, maximum: Int?) -> StageCheck {
        .eventCount(distinctTimestamps, min: minimum, max: maximum)
    }

    static func passes(distinctTimestamps: Int, minimum: Int, maximum: Int?) -> Bool {
        distinctTimestamps > minimum && maximum.map { distinctTimestamps < $0 } == true
    }

    static func maximum(_ parameters: QueryParameters, _ window: AnalysisWindow) -> Int? {
        parameters.maxEventsOverride ?? window.derivedMaxEvents
    }
}
