import BeaconGenerator

/// The per-table tables the benchmark prints for one mode.
enum Report {
    /// `found/total` of the beacons whose cell satisfies `matches`; `·` when the grid has none.
    static func recall(_ outcomes: [GroupOutcome], _ matches: (GridCell) -> Bool) -> String {
        let beacons = outcomes.filter { $0.label.cell.map(matches) ?? false }
        guard !beacons.isEmpty else { return "·" }
        return "\(beacons.count(where: \.reported))/\(beacons.count)"
    }

    static func jitterText(_ jitter: Double, _ style: JitterStyle) -> String {
        let percent = "\(Int((jitter * 100).rounded()))%"
        switch style {
        case .none: return percent
        case .cobaltStrike: return percent + " CS"
        case .symmetric: return percent + " sym"
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func percent(_ value: Double) -> String {
        value.isNaN ? "–" : String(format: "%.1f %%", value * 100)
    }

    /// Recall by sleep × jitter column over the plain cells with nothing missing.
    static func grid(_ outcomes: [GroupOutcome], window: GridWindow) -> [String] {
        let plain = window.cells.filter { $0.variant == .plain && $0.missing == 0 }
        let sleeps = Set(plain.map(\.sleepSeconds)).sorted()
        guard !sleeps.isEmpty else { return [] }
        var lines = ["  recall (found/replicates), every check-in logged:",
                     "    " + pad("sleep", 7) + GridPlan.columns.map { pad(jitterText($0.jitter, $0.style), 9) }.joined()]
        for sleep in sleeps {
            let cells = GridPlan.columns.map { column in
                recall(outcomes) { $0.variant == .plain && $0.missing == 0 && $0.sleepSeconds == sleep
                    && $0.jitter == column.jitter && $0.style == column.style }
            }
            lines.append("    " + pad(GridCell.sleepText(sleep), 7) + cells.map { pad($0, 9) }.joined())
        }
        return lines
    }

    /// Recall by share of unlogged check-ins, for the sleeps and jitters sampled with missing shares.
    static func missing(_ outcomes: [GroupOutcome], window: GridWindow) -> [String] {
        let sampled = window.cells.filter { $0.missing > 0 }
        let rows = Set(sampled.map { RowKey(sleep: $0.sleepSeconds, jitter: $0.jitter, style: $0.style) })
            .sorted { ($0.sleep, $0.jitter, $0.style.rawValue) < ($1.sleep, $1.jitter, $1.style.rawValue) }
        guard !rows.isEmpty else { return [] }
        let shares = [0.0] + GridPlan.missingShares
        var lines = ["  recall with unlogged check-ins (share missing):",
                     "    " + pad("sleep", 7) + pad("jitter", 9) + shares.map { pad("\(Int($0 * 100))%", 7) }.joined()]
        for row in rows {
            let cells = shares.map { share in
                recall(outcomes) { $0.variant == .plain && $0.missing == share && $0.sleepSeconds == row.sleep
                    && $0.jitter == row.jitter && $0.style == row.style }
            }
            lines.append("    " + pad(GridCell.sleepText(row.sleep), 7) + pad(jitterText(row.jitter, row.style), 9)
                         + cells.map { pad($0, 7) }.joined())
        }
        return lines
    }

    private struct RowKey: Hashable {
        var sleep: Double
        var jitter: Double
        var style: JitterStyle
    }

    /// One line per variant in the window: its total, then each setting's.
    static func variants(_ outcomes: [GroupOutcome], window: GridWindow) -> [String] {
        let present = GridVariant.allCases.filter { variant in
            variant != .plain && window.cells.contains { $0.variant == variant }
        }
        guard !present.isEmpty else { return [] }
        var lines = ["  variants:"]
        for variant in present {
            let settings = window.cells.filter { $0.variant == variant }
            let parts = settings.map { cell in
                GridCell.sleepText(cell.sleepSeconds) + " " + jitterText(cell.jitter, cell.style) + " "
                    + recall(outcomes) { $0 == cell }
            }
            lines.append("    " + pad(variant.rawValue, 25) + pad(recall(outcomes) { $0.variant == variant }, 7)
                         + "(" + parts.joined(separator: ", ") + ")")
        }
        return lines
    }

    /// Precision at the mode's own cut, false positives by family, and the ranking figures.
    static func summary(_ metrics: Metrics, hunt: Bool) -> [String] {
        var fp = FalsePositiveKind.allCases.map { "\($0.rawValue) \(metrics.falsePositives[$0] ?? 0)" }
        if let noise = metrics.falsePositives[.noise], noise > 0 {
            fp[fp.count - 1] += " (browsing \(metrics.browsingFalsePositives), Poisson \(noise - metrics.browsingFalsePositives))"
        }
        var lines = [
            "  recall \(metrics.found)/\(metrics.beacons) = \(percent(metrics.recall))",
            "  precision at the cut: \(metrics.truePositives)/\(metrics.reported) = \(percent(metrics.precision));"
                + " false positives: " + fp.joined(separator: ", "),
            "  ranking: AUC \(String(format: "%.3f", metrics.auc)); precision in the top \(metrics.beacons) "
                + "\(percent(metrics.precisionAtBeacons)), in the top \(metrics.topTwenty) \(percent(metrics.precisionAt20))",
        ]
        if hunt {
            var line = "  period within 10 % of the sleep: \(metrics.periodsRight)/\(metrics.periodsGiven) reported beacons"
            if !metrics.periodMisses.isEmpty {
                line += "; off: " + metrics.periodMisses.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
                    .joined(separator: ", ")
            }
            lines.append(line)
        }
        return lines
    }

    /// The closing table, one row per mode, ready for a README.
    static func overall(_ rows: [(BenchMode, Metrics)]) -> [String] {
        var lines = [
            "| mode | recall | precision at the cut | false positives (agent known / unknown, service, noise) | AUC | precision in top N = beacons | precision in top 20 | analysis time |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for (mode, m) in rows {
            let fp = FalsePositiveKind.allCases.map { String(m.falsePositives[$0] ?? 0) }
            lines.append("| \(mode.rawValue) | \(m.found)/\(m.beacons) = \(percent(m.recall)) | "
                         + "\(m.truePositives)/\(m.reported) = \(percent(m.precision)) | "
                         + "\(fp[0]) / \(fp[1]), \(fp[2]), \(fp[3]) | \(String(format: "%.3f", m.auc)) | "
                         + "\(percent(m.precisionAtBeacons)) | \(percent(m.precisionAt20)) | "
                         + String(format: "%.1f s", m.seconds) + " |")
        }
        return lines
    }
}
