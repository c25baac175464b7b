/// One group's measure at one stage against that stage's threshold: the explain trail's unit.
///
/// A check is kept for every stage a group was measured at, passed or failed, so the console and
/// `analyze --explain` can say "jitter 63.2 ≥ 50" or "outliers 4 > 3" without re-deriving anything.
public struct StageCheck: Sendable, Equatable {
    public enum Outcome: String, Sendable { case passed, failed }

    public var stage: QueryStage
    public var outcome: Outcome
    /// The measure and threshold in words, e.g. `jitter 63.2 ≥ 50`, `devices 3 ≤ 10`.
    public var detail: String

    public init(stage: QueryStage, outcome: Outcome, detail: String) {
        self.stage = stage
        self.outcome = outcome
        self.detail = detail
    }

    public var passed: Bool { outcome == .passed }
}

extension StageCheck {
    static func eventCount(_ count: Int, min: Int, max: Int?) -> StageCheck {
        let maxText = max.map(String.init) ?? "null (toint overflow)"
        if count <= min {
            return StageCheck(stage: .eventCount, outcome: .failed, detail: "distinct timestamps \(count) ≤ \(min)")
        }
        guard let max, count < max else {
            return StageCheck(stage: .eventCount, outcome: .failed, detail: "distinct timestamps \(count), not < \(maxText)")
        }
        return StageCheck(stage: .eventCount, outcome: .passed, detail: "distinct timestamps \(count) > \(min)")
    }

    static func timeDeltas(timestamps: Int, portIsNull: Bool, dropsNullPort: Bool) -> StageCheck {
        if portIsNull && dropsNullPort {
            return StageCheck(stage: .timeDeltas, outcome: .failed, detail: "RemotePort null never equals itself (Q8)")
        }
        if timestamps < 2 {
            return StageCheck(stage: .timeDeltas, outcome: .failed, detail: "one timestamp, no delta")
        }
        return StageCheck(stage: .timeDeltas, outcome: .passed,
                          detail: "\(timestamps - 1) deltas" + (portIsNull ? ", RemotePort null kept" : ""))
    }

    static func jitter(_ jitter: Double, threshold: Double) -> StageCheck {
        if jitter < threshold {
            return StageCheck(stage: .jitter, outcome: .passed, detail: "jitter \(formatMeasure(jitter)) < \(formatMeasure(threshold))")
        }
        let reason = jitter.isNaN ? "jitter NaN (all deltas 0), not < \(formatMeasure(threshold))"
            : "jitter \(formatMeasure(jitter)) ≥ \(formatMeasure(threshold))"
        return StageCheck(stage: .jitter, outcome: .failed, detail: reason)
    }

    static func deviceCount(_ devices: Int, max: Int) -> StageCheck {
        devices <= max
            ? StageCheck(stage: .deviceCount, outcome: .passed, detail: "devices \(devices) ≤ \(max)")
            : StageCheck(stage: .deviceCount, outcome: .failed, detail: "devices \(devices) > \(max)")
    }

    static func outliers(_ count: Int, max: Int, high: Double, low: Double) -> StageCheck {
        let rule = "(score > \(formatMeasure(high)) or < \(formatMeasure(low)))"
        return count > max
            ? StageCheck(stage: .outliers, outcome: .failed, detail: "outliers \(count) > \(max) \(rule)")
            : StageCheck(stage: .outliers, outcome: .passed, detail: "outliers \(count) ≤ \(max) \(rule)")
    }
}

/// A measure as people read it: at most one decimal, no trailing `.0`.
func formatMeasure(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "∞" : "-∞" }
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
    return String(rounded)
}
