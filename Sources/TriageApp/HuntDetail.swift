import BeaconEngine
import KQL
import TriageUI

/// Hunt mode's "why this score" block in the detail pane: the score against the cut with the period, the
/// catalogue entry or false positive that lowered it, and one line per factor, wrapped to the pane.
enum HuntDetail {
    /// The block's first words; the pane draws that line as a title.
    static let heading = "why this score:"

    static func lines(_ score: HuntScore, minScore: Double, width: Int) -> [String] {
        // The period's confidence and the entry's source are in the factor lines below: not repeated here.
        var headline = "\(heading) \(formatOneDecimal(score.score)) of 100 (cut \(formatOneDecimal(minScore)))"
        if let period = score.period { headline += ", period \(formatHumanDuration(seconds: period))" }
        var lines = wrap(headline, width: width, indent: "  ")
        if let entry = score.knownBenign {
            lines += wrap("known benign: \(entry.name) (\(entry.category))", width: width, indent: "  ")
        }
        for factor in score.explanation { lines += wrap("  " + factor, width: width, indent: "    ") }
        return lines
    }

    /// Greedy word wrap by display width; continuation lines start with `indent`. The text is escaped
    /// first (the catalogue and the triage file are data, and an escape widens a line), so the widths
    /// measured are the widths drawn. A word longer than a line is left whole for the writer to elide.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        let safe = terminalSafe(text)
        guard width > displayWidth(indent) + 1, displayWidth(safe) > width else { return [safe] }
        // The leading spaces of the first line are kept: they indent a factor under the heading.
        let lead = String(safe.prefix { $0 == " " })
        var lines: [String] = []
        var line = lead
        var hasWord = false
        for word in safe.split(separator: " ") {
            if hasWord && displayWidth(line) + 1 + displayWidth(String(word)) > width {
                lines.append(line)
                line = indent + word
            } else {
                line += (hasWord ? " " : "") + word
            }
            hasWord = true
        }
        lines.append(line)
        return lines
    }
}
