/// Stage 6: `where Jitter < JitterThreshold` (NaN, from all-zero deltas, is never less: Q15).
enum JitterFilter {
    static func check(_ summary: DeltaSummary, parameters: QueryParameters) -> StageCheck {
        .jitter(summary.jitter, threshold: parameters.jitter)
    }
}
