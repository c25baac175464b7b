import BeaconEngine
import KQL

/// The report's table of a finding's outliers: when each outlying connection happened and the one before
/// it, not only the delta between them, so the analyst can look those two moments up in the telemetry
/// (a missed check-in, a sleep change, an operator at the keyboard).
enum OutlierTimesText {
    /// Rows listed at most; a hunt-mode finding can have hundreds of outliers, which the histogram counts.
    static let listedAtMost = 50

    /// The table's lines, or none when the finding has no outlier. A delta `i` runs from connection `i` to
    /// connection `i + 1` of the distinct timestamps, in time order.
    static func lines(_ candidate: BeaconCandidate, parameters: QueryParameters) -> [String] {
        let high = parameters.outlierMax, low = parameters.lowOutlierThreshold
        let scores = candidate.outlierScores
        let outliers = scores.indices.filter { scores[$0] > high || scores[$0] < low }
        guard !outliers.isEmpty else { return [] }
        let timestamps = candidate.timestamps, deltas = candidate.deltas
        var lines = ["**Outliers**", "", "| # | Connection (UTC) | Previous connection | Delta | Score |", "|--:|---|---|--:|--:|"]
        for (rank, index) in outliers.prefix(listedAtMost).enumerated() {
            let cells = [
                String(rank + 1), formatKustoDatetime(Instant(ticks: timestamps[index + 1])),
                formatKustoDatetime(Instant(ticks: timestamps[index])), MarkdownReport.seconds(Double(deltas[index])),
                score(scores[index]),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if outliers.count > listedAtMost {
            lines += ["", "… and \(outliers.count - listedAtMost) more outliers."]
        }
        if InfiniteScoreNote.count(scores, high: high, low: low) > 0 {
            lines += ["", markdownEscaped("±∞: \(InfiniteScoreNote.phrase).")]
        }
        return lines
    }

    /// A score as the trail writes it, signed when infinite so the side of the fence shows.
    static func score(_ value: Double) -> String {
        value.isInfinite ? (value > 0 ? "+∞" : "−∞") : formatOneDecimal(value)
    }
}
