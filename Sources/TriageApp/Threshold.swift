import BeaconEngine

/// A query parameter the analyst can move with a slider, with the range and step that make sense for it.
public enum Threshold: String, CaseIterable, Sendable {
    case jitter
    case minEvents
    case outlierMax
    case outlierCountMax
    case deviceCountMax
    case windowStart
    case windowEnd
    /// Hunt mode's cut: groups scoring at least this are reported.
    case minScore

    /// The sliders a mode shows, left to right: hunt mode has no jitter, event, outlier or device cut,
    /// only its score cut and the window.
    public static func shown(in mode: QueryMode) -> [Threshold] {
        mode == .hunt ? [.minScore, .windowStart, .windowEnd]
            : [.jitter, .minEvents, .outlierMax, .outlierCountMax, .deviceCountMax, .windowStart, .windowEnd]
    }

    public var label: String {
        switch self {
        case .jitter: "jitter"
        case .minEvents: "min events"
        case .outlierMax: "outlier score"
        case .outlierCountMax: "max outliers"
        case .deviceCountMax: "max devices"
        case .windowStart: "start"
        case .windowEnd: "end"
        case .minScore: "min score"
        }
    }

    /// The value as the slider shows it.
    public func display(_ parameters: QueryParameters) -> String {
        switch self {
        case .jitter: formatNumber(parameters.jitter) + "%"
        case .minEvents: String(parameters.minEvents)
        case .outlierMax: formatNumber(parameters.outlierMax)
        case .outlierCountMax: String(parameters.outlierCountMax)
        case .deviceCountMax: String(parameters.deviceCountMax)
        case .windowStart: spanText(parameters.start)
        case .windowEnd: spanText(parameters.end)
        case .minScore: formatNumber(parameters.hunt.minScore)
        }
    }

    /// Moves the value `steps` steps (negative: down), clamped to its range.
    public func step(_ parameters: QueryParameters, by steps: Int) -> QueryParameters {
        var p = parameters
        switch self {
        case .jitter: p.jitter = clamp(p.jitter + Double(steps), 1, 200)
        case .minEvents: p.minEvents = clamp(p.minEvents + steps, 1, 1000)
        case .outlierMax: p.outlierMax = clamp(p.outlierMax + 0.5 * Double(steps), 0.5, 20)
        case .outlierCountMax: p.outlierCountMax = clamp(p.outlierCountMax + steps, 0, 100)
        case .deviceCountMax: p.deviceCountMax = clamp(p.deviceCountMax + steps, 1, 1000)
        case .windowStart: p.start = stepSpan(p.start, steps: steps, unit: Instant.ticksPerSecond * 3600, minimum: Instant.ticksPerSecond * 3600)
        case .windowEnd: p.end = stepSpan(p.end, steps: steps, unit: Instant.ticksPerSecond * 3600, minimum: 0, base: Instant.ticksPerSecond)
        case .minScore: p.hunt.minScore = clamp(p.hunt.minScore + 5 * Double(steps), 0, 100)
        }
        return p
    }

    private func stepSpan(_ bound: WindowBound, steps: Int, unit: Int64, minimum: Int64, base: Int64 = 0) -> WindowBound {
        guard case .ago(let ticks) = bound else { return bound }
        // The end offset keeps the query's 1 s below the first hour so that "now" stays exclusive.
        let hours = (ticks - base) / unit + Int64(steps)
        return .ago(ticks: max(minimum, hours * unit + base))
    }

    private func spanText(_ bound: WindowBound) -> String {
        switch bound {
        case .ago(let ticks): "-" + formatHumanDuration(seconds: Double(ticks) / Double(Instant.ticksPerSecond))
        case .at(let instant): formatKustoDatetime(instant)
        }
    }
}

private func clamp<T: Comparable>(_ value: T, _ low: T, _ high: T) -> T { min(max(value, low), high) }

func formatNumber(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
