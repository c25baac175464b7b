/// Stage 6: `where Jitter < JitterThreshold` (NaN, from all-zero deltas, is never less: Q15).
enum JitterFilter {
    static func passes(_ jitter: Double, _ thresholds: Thresholds) -> Bool {
        jitter < thresholds.jitter
    }

    static func check(_ jitter: Double, _ thresholds: Thresholds) -> StageCheck {
        StageCheck(stage: .jitter, passed: passes(jitter, thresholds),
                   measure: .jitter(jitter, threshold: thresholds.jitter))
    }
}
