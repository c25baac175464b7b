import Foundation
import Testing
import TriageUI
@testable import TriageApp

/// The false-positive dialog with its counts, and the question before hiding flagged beacons, as whole
/// screens (the state of MarkPreviewTests, ws-01 selected). `SNAPSHOT_RECORD=1` rewrites them.
@Suite struct MarkDialogSnapshotTests {
    static let cases: [(name: String, width: Int, height: Int, keys: [Key])] = [
        ("dialog-mark-counts-80x24", 80, 24, [.character("f")]),
        ("dialog-mark-counts-200x60", 200, 60, [.character("f")]),
        ("dialog-mark-confirm-80x24", 80, 24, [.character("f"), .character("3")]),
    ]

    @Test(arguments: cases.map(\.name))
    func screenMatchesItsSnapshot(name: String) throws {
        let spec = try #require(Self.cases.first { $0.name == name })
        var state = MarkPreviewTests.state()
        update(&state, .resize(width: spec.width, height: spec.height))
        for key in spec.keys { update(&state, .key(key)) }
        let text = view(state, glyphs: .unicode).text()
        try expectSnapshot(text, named: name)
    }
}
