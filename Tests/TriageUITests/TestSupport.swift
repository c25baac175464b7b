@testable import TriageUI

/// Renders into a fresh `width`×`height` buffer covering the whole screen.
func draw(width: Int, height: Int, _ body: (inout ScreenBuffer, Rect) -> Void) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: width, height: height)
    body(&buffer, buffer.bounds)
    return buffer
}

/// The roles of row `y`, columns `xs`.
func roles(_ buffer: ScreenBuffer, y: Int, _ xs: Range<Int>) -> Set<Role> {
    Set(xs.map { buffer[$0, y].role })
}

/// Expected screen text from its lines (written out in full in each test).
func screen(_ lines: String...) -> String { lines.joined(separator: "\n") }

