import KQL
import TriageUI

/// How far the load has got, as the loader reports it: read off another thread, drawn by value.
public struct LoadingStatus: Sendable, Equatable {
    public var bytesRead: Int
    public var totalBytes: Int
    public var eventsLoaded: Int
    public var elapsedSeconds: Double
    /// What the analyst should know while waiting (that the data is past the hand-over to Kusto), wrapped
    /// under the figures.
    public var notice: String?

    public init(bytesRead: Int = 0, totalBytes: Int = 0, eventsLoaded: Int = 0, elapsedSeconds: Double,
                notice: String? = nil) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.eventsLoaded = eventsLoaded
        self.elapsedSeconds = elapsedSeconds
        self.notice = notice
    }

    /// Read of the total, in 0...1; nil until the total is known.
    public var fraction: Double? {
        totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : nil
    }

    /// Whether every byte is read: what remains is grouping and measuring the events.
    public var isAnalysing: Bool { totalBytes > 0 && bytesRead >= totalBytes }
}

/// The screen while the data loads off the UI loop: what is loading, how far it has got (a bar, bytes,
/// events and events a second), for how long, that q quits, and the status's notice.
public func loadingView(dataSet: String, status: LoadingStatus, size: (width: Int, height: Int),
                        glyphs: GlyphSet = .unicode, typedAhead: Int = 0) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: size.width, height: size.height)
    guard size.width > 0, size.height > 0 else { return buffer }
    let elapsed = formatSeconds(status.elapsedSeconds)
    let doing = status.isAnalysing ? "running the query on \(dataSet)" : "loading \(dataSet)"
    let waiting = typedAhead == 0 ? "" : " · \(typedAhead) key\(typedAhead == 1 ? "" : "s") waiting"
    var lines = ["beacon-triage", "\(doing) … \(elapsed)", figures(status), "q quits" + waiting]
    if status.totalBytes == 0 && status.eventsLoaded == 0 { lines[2] = "" }
    let top = max(0, size.height / 2 - 3)
    for (offset, line) in lines.enumerated() where !line.isEmpty {
        let x = max(0, (size.width - displayWidth(line)) / 2)
        let role: Role = offset == 0 ? .title : (offset == 3 ? .dim : .normal)
        buffer.write(line, x: x, y: top + offset * 2, role: role)
    }
    if let notice = status.notice, size.width > 8 {
        // Under "q quits", centred in lines of at most 72 columns, as far as the screen goes.
        for (offset, line) in wrapped(notice, width: min(72, size.width - 4)).enumerated() {
            buffer.write(line, x: max(0, (size.width - displayWidth(line)) / 2), y: top + 8 + offset, role: .error)
        }
    }
    let track = min(40, size.width - 2)
    guard track > 4, top + 1 < size.height else { return buffer }
    let x = (size.width - track) / 2
    buffer.fill(Rect(x: x, y: top + 1, width: track, height: 1), glyph: glyphs.horizontal, role: .dim)
    if let fraction = status.fraction, !status.isAnalysing {
        // A bar that fills as the bytes are read.
        let filled = Int((fraction * Double(track)).rounded(.down))
        if filled > 0 {
            buffer.fill(Rect(x: x, y: top + 1, width: filled, height: 1), glyph: glyphs.fullBlock, role: .slider)
        }
    } else {
        // Without figures (or while the query runs), a block sweeping along: the console is alive.
        let position = Int(status.elapsedSeconds * 10) % (2 * (track - 1))
        let column = position < track ? position : 2 * (track - 1) - position
        buffer.write(String(glyphs.fullBlock), x: x + column, y: top + 1, role: .slider)
    }
    return buffer
}

/// `412 MB of 2.1 GB (19 %) · 1,950,000 events · 410,000 events/s`.
func figures(_ status: LoadingStatus) -> String {
    var parts: [String] = []
    if status.totalBytes > 0 {
        let percent = Int(((status.fraction ?? 0) * 100).rounded(.down))
        parts.append("\(byteCount(status.bytesRead)) of \(byteCount(status.totalBytes)) (\(percent) %)")
    }
    parts.append("\(grouped(status.eventsLoaded)) events")
    if status.elapsedSeconds >= 0.5 {
        parts.append("\(grouped(Int(Double(status.eventsLoaded) / status.elapsedSeconds))) events/s")
    }
    return parts.joined(separator: " · ")
}

func byteCount(_ bytes: Int) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    if unit == 0 { return "\(bytes) B" }
    return (value >= 100 ? String(Int(value.rounded())) : format1(value)) + " " + units[unit]
}

private func format1(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

/// 1950000 → `1,950,000`.
func grouped(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return result
}

private func formatSeconds(_ seconds: Double) -> String {
    String(Int(seconds)) + "." + String(Int(seconds * 10) % 10) + " s"
}
