import BeaconEngine
import Foundation
import Testing
import Triage
import TriageUI
@testable import TriageApp

/// Reviewed pictures of issue 14's items 6 and 7 (ScreenSnapshotTests' four beacons): the reader of a
/// whole note, the list of the rows a step removed, the status glyphs beside the selection mark (Unicode
/// and ASCII), and the filter prompt over the detail pane while the list follows the typing.
/// `SNAPSHOT_RECORD=1 swift test --filter ReadingSnapshotTests` rewrites them, to be read before committing.
@Suite struct ReadingSnapshotTests {
    static let note = "beacons every minute to 203.0.113.5 from c2.exe; the same binary was seen on two other hosts in March, see ticket INC-4711 for the memory image and the analyst's timeline of the first infection"

    static func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }

    /// steady marked malicious, slow picked, jitter down to 10 % so wobbly (17.2 %) is rejected and
    /// shown as a near miss.
    static let statuses: [Key] = [.character("m"), .down, .character(" ")]
        + Array(repeating: .character("{"), count: 4) + [.character("x")]

    static let cases: [(name: String, width: Int, height: Int, glyphs: GlyphSet, keys: [Key])] = [
        ("reader-note-80x24", 80, 24, .unicode, [.character("c")] + typed(note) + [.enter, .character("v")]),
        ("reader-note-200x60", 200, 60, .unicode, [.character("c")] + typed(note) + [.enter, .character("v")]),
        ("reader-removed-80x24", 80, 24, .unicode, Array(repeating: .character("{"), count: 4) + [.character("D")]),
        ("glyphs-statuses-120x40", 120, 40, .unicode, statuses),
        ("glyphs-statuses-ascii-80x24", 80, 24, .ascii, statuses),
        ("filter-live-80x24", 80, 24, .unicode, [.character("/")] + typed("device:s")),
    ]

    @Test(arguments: cases.map(\.name))
    func screenMatchesItsSnapshot(name: String) throws {
        let spec = try #require(Self.cases.first { $0.name == name })
        var state = ScreenSnapshotTests.state()
        update(&state, .resize(width: spec.width, height: spec.height))
        for key in spec.keys {
            // Each save answered as the file would, so the pictures show marks at rest, not `saving`.
            for case .save(let decisions) in update(&state, .key(key)) {
                _ = update(&state, .saved(.success(TriageStore.SaveResult(decisions: decisions, merged: false))))
            }
        }
        let text = view(state, glyphs: spec.glyphs).text()
        try expectSnapshot(text, named: name)
    }
}
