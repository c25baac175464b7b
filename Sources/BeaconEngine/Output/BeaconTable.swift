import KQL

/// The people-facing table of `analyze`: one aligned line per beacon, sleeps in human units, every data
/// string made terminal-safe and elided to its column's width in terminal columns (`displayWidth`).
enum BeaconTable {
    struct Column: Sendable {
        var title: String
        var width: Int
        var rightAligned: Bool
        var value: @Sendable (BeaconCandidate, Int) -> String
    }

    static let columns: [Column] = [
        Column(title: "#", width: 4, rightAligned: true) { _, rank in String(rank) },
        Column(title: "Device", width: 28, rightAligned: false) { c, _ in c.key.deviceName },
        Column(title: "Account", width: 16, rightAligned: false) { c, _ in c.key.accountText ?? "–" },
        Column(title: "Process", width: 20, rightAligned: false) { c, _ in c.key.initiatingProcessFileName },
        Column(title: "Remote", width: 22, rightAligned: false) { c, _ in c.key.remoteText },
        Column(title: "Events", width: 6, rightAligned: true) { c, _ in String(c.distinctTimestampCount) },
        Column(title: "Median", width: 8, rightAligned: true) { c, _ in
            c.summary.map { formatHumanDuration(seconds: Double($0.percentiles[2])) } ?? "–"
        },
        Column(title: "Avg", width: 8, rightAligned: true) { c, _ in
            c.summary.map { formatHumanDuration(seconds: $0.stats.avg) } ?? "–"
        },
        Column(title: "Jitter%", width: 7, rightAligned: true) { c, _ in
            c.summary.map { formatOneDecimal($0.jitter) } ?? "–"
        },
        Column(title: "Outl", width: 4, rightAligned: true) { c, _ in
            c.outlierScores.isEmpty ? "–" : String(c.outlierCount)
        },
        Column(title: "Devs", width: 4, rightAligned: true) { c, _ in c.deviceCount.map(String.init) ?? "–" },
        Column(title: "Domains", width: 30, rightAligned: false) { c, _ in
            c.domains.filter { !$0.isEmpty }.joined(separator: " ")
        },
    ]

    /// Hunt mode's columns: the score and the period take the place of the query's outlier and device
    /// counts, and the catalogue's label says why a periodic row scores low.
    static let huntColumns: [Column] = [
        Column(title: "#", width: 4, rightAligned: true) { _, rank in String(rank) },
        Column(title: "Score", width: 5, rightAligned: true) { c, _ in c.huntScore.map { formatOneDecimal($0.score) } ?? "–" },
        Column(title: "Device", width: 28, rightAligned: false) { c, _ in c.key.deviceName },
        Column(title: "Account", width: 16, rightAligned: false) { c, _ in c.key.accountText ?? "–" },
        Column(title: "Process", width: 20, rightAligned: false) { c, _ in c.key.initiatingProcessFileName },
        Column(title: "Remote", width: 22, rightAligned: false) { c, _ in c.key.remoteText },
        Column(title: "Events", width: 6, rightAligned: true) { c, _ in String(c.distinctTimestampCount) },
        Column(title: "Period", width: 8, rightAligned: true) { c, _ in
            c.huntScore?.period.map { formatHumanDuration(seconds: $0) } ?? "–"
        },
        Column(title: "Fit%", width: 4, rightAligned: true) { c, _ in
            c.huntScore.map { formatOneDecimal($0.periodicity.fit * 100) } ?? "–"
        },
        Column(title: "Known benign", width: 18, rightAligned: false) { c, _ in c.huntScore?.knownBenign?.name ?? "" },
        Column(title: "Domains", width: 30, rightAligned: false) { c, _ in
            c.domains.filter { !$0.isEmpty }.joined(separator: " ")
        },
    ]

    static func render(_ rows: [BeaconCandidate], explain: Bool, hunt: Bool = false) -> String {
        let columns = hunt ? huntColumns : columns
        var lines = [line(columns.map(\.title) + (explain ? ["Verdict"] : []), columns)]
        for (offset, row) in rows.enumerated() {
            var cells = columns.map { $0.value(row, offset + 1) }
            if explain { cells.append(row.rejection.map { "✗ \($0.detail)" } ?? "✓ reported") }
            lines.append(line(cells, columns))
            if explain, let score = row.huntScore { lines += score.explanation.map { "       " + terminalSafe($0) } }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func line(_ cells: [String], _ columns: [Column] = columns) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let safe = terminalSafe(cell)
            guard index < columns.count else {
                parts.append(safe)
                continue
            }
            let column = columns[index]
            let fitted = elide(safe, to: column.width)
            let padding = String(repeating: " ", count: column.width - displayWidth(fitted))
            parts.append(column.rightAligned ? padding + fitted : fitted + padding)
        }
        var text = parts.joined(separator: " ")
        while text.last == " " { text.removeLast() }
        return text
    }

    /// `text` in at most `width` terminal columns, measured as the console measures them (`displayWidth`:
    /// CJK and emoji take two, combining marks none), cut with `…` when it does not fit. A wide character
    /// that would straddle the cut is left out, so the result may be a column short; the padding fills it.
    static func elide(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var kept = ""
        var used = 0
        for character in text {
            let next = used + displayWidth(character)
            if next > width - 1 { break }
            kept.append(character)
            used = next
        }
        return kept + "…"
    }
}
