import BeaconEngine
import Foundation
import Testing
import TriageUI
@testable import TriageApp

/// Whole screens as text, compared with reviewed snapshots in `Snapshots/` (the structural facts are
/// asserted independently in ScreenTests; these catch any unreviewed change of the picture).
/// `SNAPSHOT_RECORD=1 swift test --filter ScreenSnapshotTests` rewrites them, to be read before committing.
@Suite struct ScreenSnapshotTests {
    /// steady, slow, wobbly (see ReducerTests) and "spiky": 14 gaps of 60 s, then 62 and 75. P10 = 60 and
    /// P90 = 61 (interpolated between the 14th and 15th of 16 sorted gaps), so 62 and 75 score
    /// 1 × 2.7726 = 2.8 and 14 × 2.7726 = 38.8: two outliers, under the three allowed. Mean 60.81 s,
    /// sample stdev 3.75 s: jitter 6.1 %.
    static func state() -> AppState {
        let events = ReducerTests.series("steady", gaps: Array(repeating: 60, count: 16))
            + ReducerTests.series("slow", gaps: Array(repeating: 120, count: 16))
            + ReducerTests.series("wobbly", gaps: (0..<16).map { $0 % 2 == 0 ? 50 : 70 })
            + ReducerTests.series("spiky", gaps: Array(repeating: 60, count: 14) + [62, 75])
        var parameters = QueryParameters()
        parameters.now = Instant(ticks: (ReducerTests.base + 20 * 3600) * Instant.ticksPerSecond)
        return AppState(dataSetName: "snapshot", events: EventTable(events), parameters: parameters)
    }

    static func render(_ name: String, width: Int, height: Int, _ keys: [Key]) -> String {
        var state = state()
        update(&state, .resize(width: width, height: height))
        for key in keys { update(&state, .key(key)) }
        return view(state, glyphs: .unicode).text()
    }

    static let cases: [(name: String, width: Int, height: Int, keys: [Key])] = [
        ("list-detail-outliers-80x24", 80, 24, [.down, .down]),
        ("list-detail-outliers-120x40", 120, 40, [.down, .down]),
        ("zoomed-detail-120x40", 120, 40, [.down, .down, .character("z")]),
        ("help-80x24", 80, 24, [.character("?")]),
        ("help-120x40", 120, 40, [.character("?")]),
        ("dialog-mark-scope-80x24", 80, 24, [.character("f")]),
        ("dialog-mark-scope-120x40", 120, 40, [.character("f")]),
        ("too-small-50x12", 50, 12, []),
    ]

    @Test(arguments: cases.map(\.name))
    func screenMatchesItsSnapshot(name: String) throws {
        let spec = try #require(Self.cases.first { $0.name == name })
        let text = Self.render(name, width: spec.width, height: spec.height, spec.keys)
        try expectSnapshot(text, named: name)
    }
}
