import Foundation
import Testing

/// Compares a rendered screen with its reviewed picture in `Snapshots/NAME.txt`, or rewrites the picture
/// when `SNAPSHOT_RECORD=1` (read the diff before committing: a recorded picture is only as right as the
/// eye that checked it).
func expectSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
        try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(text + "\n" == expected, "\(name) differs from Snapshots/\(name).txt", sourceLocation: sourceLocation)
}
