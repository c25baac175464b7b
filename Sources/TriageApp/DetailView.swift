import BeaconEngine
import KQL
import TriageUI

/// The selected beacon in depth: statistics, the histogram of its deltas with the outliers marked, a
/// timeline of its connections, the outliers, and the explain trail.
enum DetailView {
    /// Why the list is empty, naming what emptied it and the key that undoes it: the thresholds (or quirk
    /// Q11: past 24.8 days the query's event cap overflows int and nothing can pass, which no threshold
    /// slider changes), the hidden false positives, or the filter.
    static func emptyListMessage(_ state: AppState) -> String {
        let analysis = state.analysis, parameters = analysis.parameters
        let listed: [BeaconCandidate]
        switch state.rejectedShown {
        case .none: listed = analysis.beacons
        case .nearMisses: listed = analysis.beacons + analysis.nearMisses
        case .all: listed = Array(analysis.candidates)
        }
        if listed.isEmpty {
            if parameters.mode != .hunt, parameters.maxEventsOverride == nil, state.queryResults == nil,
               analysis.window.derivedMaxEvents == nil {
                return "The window makes the query's TotalEventsThresholdMax overflow int (quirk Q11): no group can pass. Press M for hunt mode, or shorten the window."
            }
            return "No beacon passes the current thresholds. Press x to see the near misses, r to reset."
        }
        let hidden = state.showFalsePositives ? 0 : listed.filter { state.status(of: $0.key).0 == .falsePositive }.count
        let beacons = plural(listed.count, "beacon")
        if hidden == listed.count {
            return "All \(beacons) listed \(listed.count == 1 ? "is" : "are") marked false positive and hidden: F shows them."
        }
        if hidden == 0 {
            return "The filter \(state.filter.text) matches none of the \(beacons) listed: Esc clears the filter."
        }
        return "The filter \(state.filter.text) matches none of the \(plural(listed.count - hidden, "beacon")) listed, and \(plural(hidden, "false positive")) \(hidden == 1 ? "is" : "are") hidden: Esc clears the filter, F shows the false positives."
    }

    static func render(_ state: AppState, glyphs: GlyphSet, into buffer: inout ScreenBuffer, area: Rect) {
        guard let candidate = state.selected else {
            Box(title: "Detail", glyphs: glyphs).render(into: &buffer, area: area)
            buffer.write(state.rows.isEmpty ? emptyListMessage(state) : "Select a beacon.", x: area.x + 2, y: area.y + 1,
                         maxWidth: area.width - 4, role: .dim)
            return
        }
        let verdict = candidate.rejection.map { "rejected at \($0.stage.label)" } ?? "reported"
        Box(title: "Detail", rightTitle: verdict, glyphs: glyphs).render(into: &buffer, area: area)
        let inner = Box.inner(area)
        guard !inner.isEmpty else { return }

        let statistics = DetailText.statistics(candidate)
        let (statsArea, rest) = inner.splitTop(min(statistics.count, inner.height))
        for (offset, line) in statistics.enumerated() where offset < statsArea.height {
            buffer.write(line, x: statsArea.x, y: statsArea.y + offset, maxWidth: statsArea.width,
                         role: offset == 0 ? .title : .normal)
        }

        // Histogram and timeline on the left; the explain trail and outliers on the right when wide. Hunt
        // mode's side is wider: its "why this score" lines are long and wrapped there.
        let hunt = state.showsHunt
        let sideWidth = rest.width >= 110 ? (hunt ? min(72, rest.width / 2) : min(56, rest.width * 2 / 5)) : 0
        let notesWidth = sideWidth > 0 ? sideWidth - 1 : rest.width
        let (status, decision) = state.status(of: candidate.key)
        var notes = DetailText.triage(status, decision)
        // In hunt mode the score is the verdict, so its explanation comes before the trail, whose two checks
        // (enough callbacks, score against the cut) it already implies.
        if let score = state.selectedRow?.hunt {
            notes += HuntDetail.lines(score, minScore: state.analysis.parameters.hunt.minScore, width: notesWidth)
        }
        notes += DetailText.trail(candidate)
        let sharing = DetailText.sharingDevices(candidate, in: state.analysis)
        if !sharing.isEmpty { notes.append("also on: " + sharing.joined(separator: ", ")) }
        let outliers = DetailText.outliers(candidate, parameters: state.parameters)
        if !outliers.isEmpty { notes += ["outliers:"] + outliers }
        // Hunt mode's notes rarely fit beside the charts: the last row says how many more the zoom shows.
        let more: String? = hunt ? (state.detailZoomed ? "" : " (z shows them)") : nil
        if sideWidth > 0 {
            let (left, side) = rest.splitLeft(rest.width - sideWidth)
            renderCharts(candidate, state: state, glyphs: glyphs, into: &buffer, area: left)
            writeLines(notes, into: &buffer, area: Rect(x: side.x + 1, y: side.y, width: notesWidth, height: side.height),
                       more: more)
        } else {
            // Narrow: the charts keep at least five rows, the trail takes what is left below them. In hunt
            // mode the score's headline and the count of the rest come first, even at the charts' cost.
            let notesHeight = min(notes.count, max(rest.height - chartRows(candidate, state), hunt ? min(rest.height, 3) : 0))
            let (charts, below) = rest.splitBottom(notesHeight)
            renderCharts(candidate, state: state, glyphs: glyphs, into: &buffer, area: charts)
            writeLines(notes, into: &buffer, area: below, more: more)
        }
    }

    static func renderCharts(_ candidate: BeaconCandidate, state: AppState, glyphs: GlyphSet,
                             into buffer: inout ScreenBuffer, area: Rect) {
        renderRhythm(candidate, state: state, glyphs: glyphs, into: &buffer, area: area)
    }

    /// Writes the lines top down, each clipped to the width. With `more` (a hint after the count), lines
    /// that do not fit are counted on the last row instead of being cut off silently.
    static func writeLines(_ lines: [String], into buffer: inout ScreenBuffer, area: Rect, more: String? = nil) {
        var shown = Array(lines.prefix(area.height))
        if let more, lines.count > area.height, area.height > 0 {
            let hidden = lines.count - area.height + 1
            shown[shown.count - 1] = "… \(hidden) more line\(hidden == 1 ? "" : "s")\(more)"
        }
        for (offset, line) in shown.enumerated() {
            let role: Role = line.hasPrefix("✗") ? .failed : (line.hasPrefix("✓") ? .passed
                : (line.hasPrefix(HuntDetail.heading) ? .title : (line.hasPrefix("… ") ? .dim : .normal)))
            buffer.write(line, x: area.x, y: area.y + offset, maxWidth: area.width, role: role)
        }
    }
}
