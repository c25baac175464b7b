import BeaconEngine
import KQL
import Triage
import TriageUI

/// The ranked list: one table row per beacon, columns shrinking and dropping out with the width.
enum ListView {
    static let columns: [TableColumn] = [
        TableColumn("#", minWidth: 3, preferredWidth: 4, alignment: .right, priority: 9),
        TableColumn("Device", minWidth: 14, preferredWidth: 28, flexible: true, priority: 10),
        TableColumn("Account", minWidth: 10, preferredWidth: 18, flexible: true, priority: 3),
        TableColumn("Process", minWidth: 12, preferredWidth: 20, flexible: true, priority: 8),
        // An IPv4 address with its port is at most 21 columns: never elided.
        TableColumn("Remote", minWidth: 21, priority: 10),
        TableColumn("Domain", minWidth: 8, preferredWidth: 24, flexible: true, priority: 2),
        TableColumn("Events", minWidth: 6, alignment: .right, priority: 6),
        TableColumn("Median", minWidth: 7, alignment: .right, priority: 4),
        TableColumn("Avg", minWidth: 7, alignment: .right, priority: 7),
        TableColumn("Jitter%", minWidth: 7, alignment: .right, priority: 9),
        TableColumn("Outl", minWidth: 4, alignment: .right, priority: 5),
        TableColumn("Devs", minWidth: 4, alignment: .right, priority: 5),
    ]

    /// The table column each sort column is shown in.
    static func tableColumn(for sort: SortColumn, hunt: Bool) -> Int? {
        hunt ? HuntList.tableColumn(for: sort) : queryColumn(for: sort)
    }

    private static func queryColumn(for sort: SortColumn) -> Int? {
        switch sort {
        case .rank: 0
        case .device: 1
        case .account: 2
        case .process: 3
        case .remote: 4
        case .events: 6
        case .median: 7
        case .average: 8
        case .jitter: 9
        case .outliers: 10
        case .devices: 11
        case .score: nil
        }
    }

    static func table(_ state: AppState, glyphs: GlyphSet) -> Table {
        let marksMatches = !state.filter.isEmpty && !state.filterHidesRows
        let hunt = state.showsHunt
        let rows = state.rows.map {
            var shown = row(for: $0, status: state.status(of: $0.candidate.key).0, picked: state.picked.contains($0.candidate.key),
                            marksMatch: marksMatches,
                            added: state.lastChange?.highlights($0.candidate.key, at: state.clock) ?? false, glyphs: glyphs)
            if hunt { shown.cells = HuntList.cells(shown.cells, $0) }
            return shown
        }
        return Table(columns: hunt ? HuntList.columns : columns, rows: rows, selected: state.selectedIndex,
                     scrollOffset: state.scrollOffset, sortColumn: tableColumn(for: state.sort.column, hunt: hunt),
                     sortAscending: !state.sort.descending, glyphs: glyphs)
    }

    static func row(for row: ListRow, status triage: TriageStatus, picked: Bool, marksMatch: Bool = false,
                    added: Bool = false, glyphs: GlyphSet) -> TableRow {
        let candidate = row.candidate
        let summary = candidate.summary
        let rejected = !candidate.isReported
        let key = candidate.key
        let process: String = key.initiatingProcessFileName.isEmpty ? "–" : key.initiatingProcessFileName
        let domains: String = candidate.domains.filter { !$0.isEmpty }.joined(separator: " ")
        let median: String = summary.map { formatHumanDuration(seconds: Double($0.percentiles[2])) } ?? "–"
        let average: String = summary.map { formatHumanDuration(seconds: $0.stats.avg) } ?? "–"
        let jitter: String = summary.map { formatOneDecimal($0.jitter) } ?? "–"
        let outliers: String = candidate.outlierScores.isEmpty ? "–" : String(candidate.outlierCount)
        let devices: String = candidate.deviceCount.map(String.init) ?? "–"
        let cells: [String] = [
            String(row.rank), key.deviceName, key.accountText ?? "–", process, key.remoteText, domains,
            String(candidate.distinctTimestampCount), median, average, jitter, outliers, devices,
        ]
        // Rejected near misses are dimmed and carry a cross, picked rows a star beside their status glyph,
        // rows a slider step just added a plus: the state never rests on colour alone.
        var role: Role = picked ? .rowMarked : (rejected ? .rowRejected : (added ? .passed : statusRole(triage)))
        // A filter that only marks: matches stand out (bold without colour), the rest recede.
        if marksMatch && !picked { role = row.matchesFilter ? .match : .dim }
        let status = rejected ? glyphs.cross : statusGlyph(triage, glyphs)
        let mark: Character? = picked ? glyphs.star : (added ? glyphs.added : nil)
        return TableRow(cells, role: role, status: status, mark: mark)
    }

    static func statusRole(_ status: TriageStatus) -> Role {
        switch status {
        case .new: .normal
        case .investigating: .rowInvestigating
        case .malicious: .rowMalicious
        case .falsePositive: .rowFalsePositive
        }
    }

    static func statusGlyph(_ status: TriageStatus, _ glyphs: GlyphSet) -> Character {
        switch status {
        case .new: glyphs.statusNew
        case .investigating: glyphs.statusInvestigating
        case .malicious: glyphs.statusMalicious
        case .falsePositive: glyphs.statusFalsePositive
        }
    }
}
