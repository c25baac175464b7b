/// Stage 3: `where array_length(set_Timestamp) > TotalEventsThresholdMin and
/// array_length(set_Timestamp) < TotalEventsThresholdMax`.
enum EventCountThreshold {
    /// A null maximum (`toint` overflow, Q11) makes the comparison null, which `where` drops.
    static func passes(distinctTimestamps: Int, minimum: Int, maximum: Int?) -> Bool {
        distinctTimestamps > minimum && maximum.map { distinctTimestamps < $0 } == true
    }

    static func check(distinctTimestamps: Int, minimum: Int, maximum: Int?) -> StageCheck {
        StageCheck(stage: .eventCount,
                   passed: passes(distinctTimestamps: distinctTimestamps, minimum: minimum, maximum: maximum),
                   measure: .eventCount(distinctTimestamps, min: minimum, max: maximum))
    }

    static func maximum(_ thresholds: Thresholds, _ window: AnalysisWindow) -> Int? {
        thresholds.maxEventsOverride ?? window.derivedMaxEvents
    }
}
