import BeaconEngine
import KQL
import TriageUI

/// The list's columns in hunt mode. The query's jitter, outlier and device cuts do not decide there, so
/// the average, outlier and device columns give way to the score, the period and the catalogue label;
/// the faithful and corrected lists keep `ListView.columns`.
enum HuntList {
    static let columns: [TableColumn] = [
        TableColumn("#", minWidth: 3, preferredWidth: 4, alignment: .right, priority: 9),
        TableColumn("Device", minWidth: 14, preferredWidth: 28, flexible: true, priority: 10),
        TableColumn("Account", minWidth: 10, preferredWidth: 18, flexible: true, priority: 3),
        TableColumn("Process", minWidth: 12, preferredWidth: 20, flexible: true, priority: 8),
        TableColumn("Remote", minWidth: 21, priority: 10),
        TableColumn("Domain", minWidth: 8, preferredWidth: 24, flexible: true, priority: 2),
        // "100" or "84.6", room for the sort arrow: the list is ranked by it, so it stays longest.
        TableColumn("Score", minWidth: 7, alignment: .right, priority: 10),
        // `formatHumanDuration` is at most 7 columns ("59m 59s", "23h 59m", "1d 00h").
        TableColumn("Period", minWidth: 7, alignment: .right, priority: 9),
        TableColumn("Known", minWidth: 14, preferredWidth: 24, flexible: true, priority: 5),
        TableColumn("Events", minWidth: 6, alignment: .right, priority: 4),
        // The median gap is the period's rough twin and jitter decides nothing here: they go first.
        TableColumn("Median", minWidth: 7, alignment: .right, priority: 1),
        TableColumn("Jitter%", minWidth: 7, alignment: .right, priority: 1),
    ]

    /// The table column each sort column is shown in; average, outliers and devices are not shown.
    static func tableColumn(for sort: SortColumn) -> Int? {
        switch sort {
        case .rank: 0
        case .device: 1
        case .account: 2
        case .process: 3
        case .remote: 4
        case .score: 6
        case .events: 9
        case .median: 10
        case .jitter: 11
        case .average, .outliers, .devices: nil
        }
    }

    /// A hunt row's cells from the query's (`ListView.row`): the identity columns as they are, then the
    /// score, the period, the catalogue entry or false positive that lowered it, events, median and jitter.
    static func cells(_ query: [String], _ row: ListRow) -> [String] {
        let score = row.hunt
        return Array(query[0...5]) + [
            score.map { formatOneDecimal($0.score) } ?? "–",
            score?.period.map { formatHumanDuration(seconds: $0) } ?? "–",
            score?.knownBenign?.name ?? "–",
            query[6], query[7], query[9],
        ]
    }
}
