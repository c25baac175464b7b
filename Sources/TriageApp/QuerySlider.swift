import BeaconEngine
import KQL

/// A setting the analyst moves with a slider, with the range and step that make sense for it. Most move a
/// threshold, which only re-decides the list; the two window bounds move the basis, which prepares the
/// query again, and are a kind of their own.
public enum QuerySlider: String, CaseIterable, Sendable {
    case jitter
    case minEvents
    case outlierMax
    case outlierCountMax
    case deviceCountMax
    case windowStart
    case windowEnd
    /// Hunt mode's cut: groups scoring at least this are reported.
    case minScore

    /// How a slider reads and moves its value.
    public enum Control {
        /// A whole-number threshold, moved `step` at a time and kept within `range`.
        case int(WritableKeyPath<Thresholds, Int>, step: Int, range: ClosedRange<Int>)
        /// A real threshold, shown with `unit` after it.
        case double(WritableKeyPath<Thresholds, Double>, step: Double, range: ClosedRange<Double>, unit: String)
        /// A bound of the window: a span before now, moved an hour at a time, never below `minimum`;
        /// `offset` is kept below the first hour (the end's 1 s keeps "now" exclusive). An absolute
        /// instant does not move.
        case window(WritableKeyPath<QueryBasis, WindowBound>, minimum: Int64, offset: Int64)
    }

    private static let hour = Instant.ticksPerSecond * 3600

    public var control: Control {
        switch self {
        case .jitter: .double(\.jitter, step: 1, range: 1...200, unit: "%")
        case .minEvents: .int(\.minEvents, step: 1, range: 1...1000)
        case .outlierMax: .double(\.outlierMax, step: 0.5, range: 0.5...20, unit: "")
        case .outlierCountMax: .int(\.outlierCountMax, step: 1, range: 0...100)
        case .deviceCountMax: .int(\.deviceCountMax, step: 1, range: 1...1000)
        case .windowStart: .window(\.start, minimum: Self.hour, offset: 0)
        case .windowEnd: .window(\.end, minimum: 0, offset: Instant.ticksPerSecond)
        case .minScore: .double(\.hunt.minScore, step: 5, range: 0...100, unit: "")
        }
    }

    /// The sliders a mode shows, left to right: hunt mode has no jitter, event, outlier or device cut,
    /// only its score cut and the window.
    public static func shown(in mode: QueryMode) -> [QuerySlider] {
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
        switch control {
        case .int(let path, _, _): String(parameters.thresholds[keyPath: path])
        case .double(let path, _, _, let unit): formatNumber(parameters.thresholds[keyPath: path]) + unit
        case .window(let path, _, _): spanText(parameters.basis[keyPath: path])
        }
    }

    /// Moves the value `steps` steps (negative: down), clamped to its range.
    public func step(_ parameters: QueryParameters, by steps: Int) -> QueryParameters {
        var moved = parameters
        switch control {
        case .int(let path, let step, let range):
            moved.thresholds[keyPath: path] = clamp(moved.thresholds[keyPath: path] + step * steps, range)
        case .double(let path, let step, let range, _):
            moved.thresholds[keyPath: path] = clamp(moved.thresholds[keyPath: path] + step * Double(steps), range)
        case .window(let path, let minimum, let offset):
            moved.basis[keyPath: path] = stepSpan(moved.basis[keyPath: path], steps: steps, minimum: minimum,
                                                  offset: offset)
        }
        return moved
    }

    private func stepSpan(_ bound: WindowBound, steps: Int, minimum: Int64, offset: Int64) -> WindowBound {
        guard case .ago(let ticks) = bound else { return bound }
        let hours = (ticks - offset) / Self.hour + Int64(steps)
        return .ago(ticks: max(minimum, hours * Self.hour + offset))
    }

    private func spanText(_ bound: WindowBound) -> String {
        switch bound {
        case .ago(let ticks): "-" + formatHumanDuration(seconds: Double(ticks) / Double(Instant.ticksPerSecond))
        case .at(let instant): formatKustoDatetime(instant)
        }
    }
}

private func clamp<T: Comparable>(_ value: T, _ range: ClosedRange<T>) -> T {
    min(max(value, range.lowerBound), range.upperBound)
}

func formatNumber(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
