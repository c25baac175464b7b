import BeaconEngine
import Foundation
import KQL
import TriageUI

/// A value typed for a slider's setting, or why it cannot be one.
public struct SliderEntryError: Error, Equatable, Sendable {
    public var message: String
}

extension QuerySlider {
    /// How many steps `{` and `}` move: 1 d to 3 d of window is 48 single steps, jitter 50 to 30 is 20.
    static let coarseSteps = 10

    /// The parameters with this slider's setting at `text`: a whole number, a number (the unit, such as
    /// `%`, may follow it) or, for a window bound, a span before now (`3d`, `12h`), within the slider's
    /// range. A value outside the range is refused, never clamped: the analyst meant something else.
    public func setting(_ text: String, in parameters: QueryParameters) -> Result<QueryParameters, SliderEntryError> {
        let typed = text.trimmingCharacters(in: .whitespaces)
        var moved = parameters
        func refuse(_ what: String) -> Result<QueryParameters, SliderEntryError> {
            .failure(SliderEntryError(message: "\(label) takes \(what)" + (typed.isEmpty ? "" : ", not '\(typed)'")))
        }
        switch control {
        case .int(let path, _, let range):
            guard let value = Int(typed), range.contains(value) else {
                return refuse("a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            moved.thresholds[keyPath: path] = value
        case .double(let path, _, let range, let unit):
            var digits = Substring(typed)
            if !unit.isEmpty, digits.hasSuffix(unit) { digits = digits.dropLast(unit.count) }
            let wanted = "a number from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound))\(unit)"
            guard let value = Double(digits.trimmingCharacters(in: .whitespaces)), value.isFinite, range.contains(value) else {
                return refuse(wanted)
            }
            moved.thresholds[keyPath: path] = value
        case .window(let path, let minimum, let offset):
            guard case .ago = parameters.basis[keyPath: path] else {
                return .failure(SliderEntryError(message: "\(label) is a fixed instant (--start/--end): it does not move"))
            }
            let least = formatHumanDuration(seconds: Double(minimum) / Double(Instant.ticksPerSecond))
            let wanted = minimum > 0 ? "a span before now of at least \(least), such as 3d or 12h" : "a span before now, such as 3d or 12h"
            guard let ticks = parseTimespan(typed), ticks >= minimum else { return refuse(wanted) }
            // The same offset the steps keep: the end's second keeps "now" itself outside the window.
            moved.basis[keyPath: path] = .ago(ticks: ticks + offset)
        }
        return .success(moved)
    }
}

/// `=`: the focused slider's value typed, and `{` `}`: ten steps at a time.
enum SliderEntry {
    static func start(_ state: inout AppState) {
        state.prompt = .sliderValue(state.focusedSlider, text: "")
    }

    static func answer(_ state: inout AppState, _ slider: QuerySlider, _ text: String, _ key: Key) {
        switch key {
        case .escape:
            state.prompt = nil
            state.message = "cancelled"
        case .enter:
            switch slider.setting(text, in: state.parameters) {
            case .success(let moved):
                state.prompt = nil
                guard moved != state.parameters else {
                    state.message = "\(slider.label) is already \(slider.display(moved))"
                    return
                }
                state.parameters = moved
                state.rerun()
            case .failure(let error):
                state.message = error.message
            }
        case .control("u"):
            state.prompt = .sliderValue(slider, text: "")
        default:
            state.prompt = .sliderValue(slider, text: TriageActions.edited(text, key))
        }
    }

    static func dialog(_ slider: QuerySlider, _ text: String, state: AppState) -> Dialog {
        let example: String
        switch slider.control {
        case .int(_, _, let range): example = "\(range.lowerBound)–\(range.upperBound)"
        case .double(_, _, let range, let unit): example = "\(formatNumber(range.lowerBound))–\(formatNumber(range.upperBound))\(unit)"
        case .window: example = "a span before now: 3d, 12h, 90m"
        }
        return Dialog.prompt(title: "Set \(slider.label) (now \(slider.display(state.parameters)))",
                             label: "New value (\(example))", text: text, cursor: text.count,
                             footer: "Enter sets, Esc cancels, ^U clears")
    }
}
