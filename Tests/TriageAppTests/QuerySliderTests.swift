import BeaconEngine
import Testing
import TriageApp

/// Each slider reads and moves one setting: a threshold through its key path into `Thresholds`, or a
/// window bound of the basis.
@Suite struct QuerySliderTests {
    /// Every threshold slider's key path writes the field it names and reads it back; the other fields and
    /// the basis stay as they were.
    @Test(arguments: QuerySlider.allCases)
    func aThresholdSlidersKeyPathRoundTrips(_ slider: QuerySlider) {
        var thresholds = Thresholds()
        switch slider.control {
        case .int(let path, _, _):
            thresholds[keyPath: path] = 7
            #expect(thresholds[keyPath: path] == 7)
        case .double(let path, _, _, _):
            thresholds[keyPath: path] = 7.5
            #expect(thresholds[keyPath: path] == 7.5)
        case .window:
            #expect(slider == .windowStart || slider == .windowEnd)
            return
        }
        // The field the slider is named for, read by its own name.
        let named: Double = switch slider {
        case .jitter: thresholds.jitter
        case .minEvents: Double(thresholds.minEvents)
        case .outlierMax: thresholds.outlierMax
        case .outlierCountMax: Double(thresholds.outlierCountMax)
        case .deviceCountMax: Double(thresholds.deviceCountMax)
        case .minScore: thresholds.hunt.minScore
        case .windowStart, .windowEnd: .nan
        }
        #expect(named == 7 || named == 7.5)
        var others = thresholds
        switch slider.control {
        case .int(let path, _, _): others[keyPath: path] = Thresholds()[keyPath: path]
        case .double(let path, _, _, _): others[keyPath: path] = Thresholds()[keyPath: path]
        case .window: break
        }
        #expect(others == Thresholds())
    }

    /// One step up from the query's defaults, worked out by hand: jitter 50 → 51 %, min events 15 → 16,
    /// outlier score 2 → 2.5, max outliers 3 → 4, max devices 10 → 11, min score 50 → 55, start 1d → 25h,
    /// end 1s → 1h 1s.
    @Test func oneStepUpFromTheDefaults() {
        let defaults = QueryParameters()
        func up(_ slider: QuerySlider) -> QueryParameters { slider.step(defaults, by: 1) }
        #expect(up(.jitter).jitter == 51 && up(.jitter).basis == defaults.basis)
        #expect(up(.minEvents).minEvents == 16)
        #expect(up(.outlierMax).outlierMax == 2.5)
        #expect(up(.outlierCountMax).outlierCountMax == 4)
        #expect(up(.deviceCountMax).deviceCountMax == 11)
        #expect(up(.minScore).hunt.minScore == 55)
        let hour = 3600 * Instant.ticksPerSecond
        #expect(up(.windowStart).start == .ago(ticks: 25 * hour) && up(.windowStart).thresholds == Thresholds())
        #expect(up(.windowEnd).end == .ago(ticks: hour + Instant.ticksPerSecond))
        #expect(up(.jitter).thresholds != defaults.thresholds)
    }

    /// Values stop at the ends of their ranges, and the window's start stays at least an hour.
    @Test func stepsAreClamped() {
        let defaults = QueryParameters()
        #expect(QuerySlider.jitter.step(defaults, by: -1000).jitter == 1)
        #expect(QuerySlider.jitter.step(defaults, by: 1000).jitter == 200)
        #expect(QuerySlider.outlierCountMax.step(defaults, by: -1000).outlierCountMax == 0)
        #expect(QuerySlider.minScore.step(defaults, by: 1000).hunt.minScore == 100)
        #expect(QuerySlider.windowStart.step(defaults, by: -1000).start == .ago(ticks: 3600 * Instant.ticksPerSecond))
        // The end may reach now itself: -1000 h + 1 s is below the minimum, 0.
        #expect(QuerySlider.windowEnd.step(defaults, by: -1000).end == .ago(ticks: 0))
    }

    @Test func displayShowsTheValueWithItsUnit() {
        var parameters = QueryParameters()
        parameters.jitter = 12.5
        #expect(QuerySlider.jitter.display(parameters) == "12.5%")
        #expect(QuerySlider.minEvents.display(parameters) == "15")
        #expect(QuerySlider.outlierMax.display(parameters) == "2")
        #expect(QuerySlider.windowStart.display(parameters) == "-1d 00h")
    }
}
