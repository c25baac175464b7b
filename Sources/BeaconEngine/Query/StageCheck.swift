import KQL

/// One group's measure at one stage against that stage's threshold: the explain trail's unit.
///
/// A check is kept for every stage a group was measured at, passed or failed, so the console and
/// `analyze --explain` can say "jitter 63.2 ≥ 50" or "outliers 4 > 3" without re-deriving anything.
/// The words are made when `detail` is read: deciding a hundred thousand groups checks each of them,
/// and only the few on screen are ever explained.
public struct StageCheck: Sendable, Equatable {
    public enum Outcome: String, Sendable { case passed, failed }

    public var stage: QueryStage
    public var outcome: Outcome
    let measure: Measure

    public init(stage: QueryStage, outcome: Outcome, detail: String) {
        self.init(stage: stage, outcome: outcome, measure: .text(detail))
    }

    init(stage: QueryStage, outcome: Outcome, measure: Measure) {
        self.stage = stage
        self.outcome = outcome
        self.measure = measure
    }

    public var passed: Bool { outcome == .passed }

    /// The measure and threshold in words, e.g. `jitter 63.2 ≥ 50`, `devices 3 ≤ 10`.
    public var detail: String { measure.words(outcome) }

    /// Checks are equal when they say the same thing.
    public static func == (lhs: StageCheck, rhs: StageCheck) -> Bool {
        lhs.stage == rhs.stage && lhs.outcome == rhs.outcome && lhs.detail == rhs.detail
    }

    /// What a stage measured and what it compared it with.
    enum Measure: Sendable {
        case text(String)
        case eventCount(Int, min: Int, max: Int?)
        case timeDeltas(timestamps: Int, portIsNull: Bool, dropsNullPort: Bool)
        case jitter(Double, threshold: Double)
        case deviceCount(Int, max: Int)
        /// `infinite`: how many of the counted outliers score ±∞ (`InfiniteScoreNote`).
        case outliers(Int, max: Int, high: Double, low: Double, infinite: Int)
        case callbacks(Int, minimum: Int)
        case beaconScore(Double, minimum: Double)

        func words(_ outcome: Outcome) -> String {
            switch self {
            case .text(let text):
                return text
            case .eventCount(let count, let min, let max):
                if count <= min { return "distinct timestamps \(count) ≤ \(min)" }
                guard let max, count < max else {
                    return "distinct timestamps \(count), not < \(max.map(String.init) ?? "null (toint overflow)")"
                }
                return "distinct timestamps \(count) > \(min)"
            case .timeDeltas(let timestamps, let portIsNull, let dropsNullPort):
                if portIsNull && dropsNullPort { return "RemotePort null never equals itself (Q8)" }
                if timestamps < 2 { return "one timestamp, no delta" }
                return "\(timestamps - 1) deltas" + (portIsNull ? ", RemotePort null kept" : "")
            case .jitter(let jitter, let threshold):
                if outcome == .passed { return "jitter \(formatOneDecimal(jitter)) < \(formatOneDecimal(threshold))" }
                return jitter.isNaN ? "jitter NaN (all deltas 0), not < \(formatOneDecimal(threshold))"
                    : "jitter \(formatOneDecimal(jitter)) ≥ \(formatOneDecimal(threshold))"
            case .deviceCount(let devices, let max):
                return outcome == .passed ? "devices \(devices) ≤ \(max)" : "devices \(devices) > \(max)"
            case .outliers(let count, let max, let high, let low, let infinite):
                let rule = "(score > \(formatOneDecimal(high)) or < \(formatOneDecimal(low)))"
                let note = infinite == 0 ? "" : "; \(infinite) score ±∞: \(InfiniteScoreNote.phrase)"
                return (outcome == .passed ? "outliers \(count) ≤ \(max) \(rule)" : "outliers \(count) > \(max) \(rule)") + note
            case .callbacks(let count, let minimum):
                return outcome == .passed ? "distinct timestamps \(count) ≥ \(minimum)"
                    : "distinct timestamps \(count) < \(minimum), too few for a period"
            case .beaconScore(let score, let minimum):
                return outcome == .passed ? "score \(formatOneDecimal(score)) ≥ \(formatOneDecimal(minimum))"
                    : "score \(formatOneDecimal(score)) < \(formatOneDecimal(minimum))"
            }
        }
    }
}

extension StageCheck {
    /// A stage's check as its stage file makes it: the outcome from the stage's one `passes` predicate,
    /// which its decision uses too, so the trail and the list cannot disagree.
    init(stage: QueryStage, passed: Bool, measure: Measure) {
        self.init(stage: stage, outcome: passed ? .passed : .failed, measure: measure)
    }
}
