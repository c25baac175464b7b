import BeaconEngine
import KQL

/// The Markdown report: what was analysed and how (data set, window, thresholds, filter), a summary table,
/// then each finding with its key, statistics, status and note, the explain trail, a text histogram of
/// its deltas and when its outliers happened. Every string from the data or from an analyst goes through
/// `markdownEscaped`.
public enum MarkdownReport {
    public static func render(_ rows: [ExportRow], context: ExportContext) -> String {
        var out: [String] = ["# Beacon triage report", ""]
        out += contextLines(rows, context)
        out += ["", "## Summary", ""]
        if rows.isEmpty {
            out.append("No beacons matched.")
        } else {
            let hunt = context.parameters.mode == .hunt
            out.append("| # |" + (hunt ? " Score |" : "") + " Status | Device | Account | Process | Destination | Events | Median sleep | Avg sleep | Jitter % | Outliers | Devices |")
            out.append("|--:|" + (hunt ? "--:|" : "") + "---|---|---|---|---|--:|--:|--:|--:|--:|--:|")
            for (index, row) in rows.enumerated() { out.append(summaryRow(index + 1, row)) }
            out += ["", "## Findings"]
            for (index, row) in rows.enumerated() { out += [""] + finding(index + 1, row, context.parameters) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func contextLines(_ rows: [ExportRow], _ context: ExportContext) -> [String] {
        let parameters = context.parameters, window = context.window
        let events = context.eventCount.map { " (\($0) events loaded)" } ?? ""
        let anchor = window.anchoredOnData ? ", anchored on the latest event" : ""
        let maxEvents = parameters.maxEventsOverride ?? window.derivedMaxEvents
        let maxText = maxEvents.map { "fewer than \($0)" } ?? "no maximum (TotalEventsThresholdMax overflowed to null, Q11)"
        var lines = [
            "- **Data set:** \(markdownEscaped(context.dataSet))\(events)",
            "- **Generated:** \(TOMLText.dateTime(context.generated)) by \(markdownEscaped(context.author))",
            "- **Window:** \(formatKustoDatetime(window.start)) .. \(formatKustoDatetime(window.end)) (now \(formatKustoDatetime(window.now))\(anchor))",
            "- **Mode:** \(parameters.mode.rawValue)",
        ]
        if parameters.mode == .hunt {
            let catalogue = parameters.hunt.usesCatalogue ? "\(parameters.hunt.catalogue.count) catalogue entries" : "catalogue off"
            lines.append("- **Thresholds:** beacon score at least \(formatOneDecimal(parameters.hunt.minScore)) of 100; \(catalogue); "
                + "\(parameters.hunt.falsePositives.count) false-positive marks counted as known benign")
        } else {
            lines.append("- **Thresholds:** more than \(parameters.minEvents) and \(maxText) distinct timestamps; "
                + "jitter below \(formatOneDecimal(parameters.jitter)) %; "
                + "an outlier scores above \(formatOneDecimal(parameters.outlierMax)) or below \(formatOneDecimal(parameters.lowOutlierThreshold)); "
                + "at most \(parameters.outlierCountMax) outliers; at most \(parameters.deviceCountMax) devices per destination")
        }
        if !context.filter.isEmpty { lines.append("- **Filter:** \(markdownEscaped(context.filter))") }
        let counts = TriageStatus.reportOrder.compactMap { status -> String? in
            let count = rows.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(status.label)"
        }
        lines.append("- **Findings:** \(rows.count)" + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"))
        return lines
    }

    static func summaryRow(_ rank: Int, _ row: ExportRow) -> String {
        let candidate = row.candidate, key = candidate.key, summary = candidate.summary
        let score = candidate.huntScore.map { [formatOneDecimal($0.score)] } ?? []
        let cells = [String(rank)] + score + [
            row.status.label, markdownEscaped(key.deviceName), markdownEscaped(key.accountText ?? "–"),
            markdownEscaped(key.initiatingProcessFileName), markdownEscaped(key.remoteText),
            String(candidate.distinctTimestampCount),
            summary.map { formatHumanDuration(seconds: Double($0.percentiles[2])) } ?? "–",
            summary.map { formatHumanDuration(seconds: $0.stats.avg) } ?? "–",
            summary.map { formatOneDecimal($0.jitter) } ?? "–",
            String(candidate.outlierCount),
            candidate.deviceCount.map(String.init) ?? "–",
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    static func finding(_ rank: Int, _ row: ExportRow, _ parameters: QueryParameters) -> [String] {
        let candidate = row.candidate, key = candidate.key
        var lines = [
            "### \(rank). \(markdownEscaped(key.deviceName)) — \(markdownEscaped(key.initiatingProcessFileName)) → \(markdownEscaped(key.remoteText))",
            "",
        ]
        var status = "- **Status:** \(row.status.label)"
        if let decision = row.decision {
            status += " (scope: \(decision.scope.kind.shortLabel); by \(markdownEscaped(decision.author)), \(TOMLText.dateTime(decision.updated))"
            if let expires = decision.expires { status += ", expires \(TOMLText.dateTime(expires))" }
            status += ")"
        }
        lines.append(status)
        if let note = row.decision?.note, !note.isEmpty { lines.append("- **Note:** \(markdownEscaped(note))") }
        if let reason = row.decision?.reason, !reason.isEmpty { lines.append("- **Reason:** \(markdownEscaped(reason))") }
        lines += [
            "- **Device:** \(markdownEscaped(key.deviceName)) (DeviceId \(markdownEscaped(key.deviceId)))",
            "- **Account:** \(markdownEscaped(key.accountText ?? "–"))",
            "- **Process:** \(markdownEscaped(key.initiatingProcessFileName))",
            "- **Destination:** \(markdownEscaped(key.remoteText))",
            "- **Domains:** " + (candidate.domains.filter { !$0.isEmpty }.map(markdownEscaped).joined(separator: ", ").nonEmpty ?? "–"),
            "",
        ]
        if let score = candidate.huntScore {
            let label = score.knownBenign.map { ", known benign: \(markdownEscaped($0.name))" } ?? ""
            lines += ["**Beacon score \(formatOneDecimal(score.score))**\(label)", ""]
            lines += score.explanation.map { "- " + markdownEscaped($0) }
            lines.append("")
        }
        lines += statistics(candidate)
        lines += ["", "**Explain trail**", ""]
        for (index, check) in candidate.trail.enumerated() {
            lines.append("\(index + 1). \(markdownEscaped(check.stage.label)): \(check.passed ? "passed" : "**failed**") — \(markdownEscaped(check.detail))")
        }
        if candidate.trail.isEmpty { lines.append("(none)") }
        let high = parameters.outlierMax, low = parameters.lowOutlierThreshold
        let outliers = candidate.outlierScores.map { $0 > high || $0 < low }
        lines += ["", "**Time deltas**", "", "```"]
        lines += DeltaHistogramText.render(deltas: candidate.deltas, outliers: outliers)
        lines.append("```")
        let times = OutlierTimesText.lines(candidate, parameters: parameters)
        if !times.isEmpty { lines += [""] + times }
        return lines
    }

    static func statistics(_ candidate: BeaconCandidate) -> [String] {
        var rows: [(String, String)] = [("Events (distinct timestamps)", String(candidate.distinctTimestampCount)),
                                        ("Events before duplicates collapsed", String(candidate.eventCount))]
        if let summary = candidate.summary {
            let stats = summary.stats
            let p = summary.percentiles
            rows += [
                ("Deltas (count_)", String(summary.count)),
                ("First event (min_Timestamp)", formatKustoDatetime(summary.minTimestamp)),
                ("max_Timestamp", formatKustoDatetime(summary.maxTimestamp)),
                ("Duration", "\(formatHumanDuration(seconds: Double(summary.duration))) (\(summary.duration) s)"),
                ("Sleep min / max", "\(seconds(stats.min)) / \(seconds(stats.max))"),
                ("Sleep average ± stdev", "\(seconds(stats.avg)) ± \(seconds(stats.stdev))"),
                ("Variance", formatOneDecimal(stats.variance) + " s²"),
                ("Percentiles 5 / 25 / 50 / 75 / 95", p.map { seconds(Double($0)) }.joined(separator: " / ")),
                ("Jitter", formatOneDecimal(summary.jitter) + " %"),
                ("BeaconSleepMin / BeaconSleepMax", "\(seconds(summary.beaconSleepMin)) / \(seconds(summary.beaconSleepMax))"),
                ("Outliers", String(candidate.outlierCount)),
            ]
        }
        rows.append(("Devices sharing the destination", candidate.deviceCount.map(String.init) ?? "–"))
        return ["| Measure | Value |", "|---|--:|"] + rows.map { "| \($0.0) | \($0.1) |" }
    }

    /// `301 s (5m 01s)`, or just `4.5 s` under a minute.
    static func seconds(_ value: Double) -> String {
        let human = formatHumanDuration(seconds: value)
        let plain = formatOneDecimal(value) + " s"
        return abs(value) < 60 || !value.isFinite ? plain : "\(plain) (\(human))"
    }

}

extension TriageStatus {
    /// The order statuses are counted in a report: what needs action first.
    static let reportOrder: [TriageStatus] = [.malicious, .investigating, .new, .falsePositive]
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
