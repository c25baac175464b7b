import TriageUI

/// The screen while the data loads off the UI loop: what is loading, for how long, and that q quits.
public func loadingView(dataSet: String, elapsedSeconds: Double, size: (width: Int, height: Int),
                        glyphs: GlyphSet = .unicode) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: size.width, height: size.height)
    guard size.width > 0, size.height > 0 else { return buffer }
    let lines = [
        "beacon-triage",
        "loading \(dataSet) and running the query … \(formatSeconds(elapsedSeconds))",
        "q quits",
    ]
    let top = max(0, size.height / 2 - 2)
    for (offset, line) in lines.enumerated() {
        let x = max(0, (size.width - displayWidth(line)) / 2)
        buffer.write(line, x: x, y: top + offset * 2, role: offset == 0 ? .title : (offset == 2 ? .dim : .normal))
    }
    // A block sweeping along a track: the console is alive even when the load gives no figures.
    let track = min(40, size.width - 2)
    if track > 4, top + 1 < size.height {
        let position = Int(elapsedSeconds * 10) % (2 * (track - 1))
        let column = position < track ? position : 2 * (track - 1) - position
        let x = (size.width - track) / 2
        buffer.fill(Rect(x: x, y: top + 1, width: track, height: 1), glyph: glyphs.horizontal, role: .dim)
        buffer.write(String(glyphs.fullBlock), x: x + column, y: top + 1, role: .slider)
    }
    return buffer
}

private func formatSeconds(_ seconds: Double) -> String {
    String(Int(seconds)) + "." + String(Int(seconds * 10) % 10) + " s"
}
