import BeaconEngine
import KQL
import TriageUI

/// The connections view: the whole screen, a title line with the beacon, the table of its connections
/// (the columns that do not fit drop out, least needed first), the cursor's row in full below it (so a
/// narrow terminal still reads every value), and a line for the filter, messages and keys.
enum ConnectionsView {
    static let columns: [TableColumn] = [
        TableColumn("Time (UTC)", minWidth: 18, priority: 10),
        TableColumn("Delta", minWidth: 7, alignment: .right, priority: 10),
        TableColumn("Score", minWidth: 5, alignment: .right, priority: 10),
        // An IPv4 address with a port is at most 21 columns.
        TableColumn("Local", minWidth: 21, priority: 8),
        TableColumn("Proto", minWidth: 5, priority: 6),
        TableColumn("ActionType", minWidth: 17, priority: 4),
        TableColumn("RemoteUrl", minWidth: 12, preferredWidth: 30, flexible: true, priority: 7),
        TableColumn("ReportId", minWidth: 8, preferredWidth: 12, flexible: true, priority: 3),
        TableColumn("File", minWidth: 12, preferredWidth: 28, flexible: true, priority: 2),
    ]

    /// Lines under the table: the cursor's row in full (two), then the filter or message and keys.
    private static let footerHeight = 3

    static func tableArea(_ size: (width: Int, height: Int)) -> Rect {
        Rect(x: 0, y: 1, width: size.width, height: max(3, size.height - 1 - footerHeight))
    }

    /// Connections on screen at once (inside the box, under the column header).
    static func rowsShown(_ size: (width: Int, height: Int)) -> Int {
        max(1, tableArea(size).height - 3)
    }

    static func render(_ pane: ConnectionsPane, state: AppState, glyphs: GlyphSet, into buffer: inout ScreenBuffer) {
        let size = (width: buffer.width, height: buffer.height)
        buffer.fill(buffer.bounds)
        buffer.write(title(pane), x: 0, y: 0, maxWidth: size.width, role: .title)
        let area = tableArea(size)
        let count = pane.connections?.count ?? 0
        let filtered = pane.filter.isEmpty ? "" : " │ filter: \(pane.filter) (\(pane.shown.count) of \(count))"
        let position = pane.shown.isEmpty ? "" : "\(pane.cursor + 1)/\(pane.shown.count)"
        Box(title: "Connections \(count)\(filtered)", rightTitle: position, focused: true, glyphs: glyphs)
            .render(into: &buffer, area: area)
        let inner = Box.inner(area)
        guard let connections = pane.connections else {
            buffer.write("loading connections… (re-reading the beacon's rows from its files)", x: inner.x + 1,
                         y: inner.y + 1, maxWidth: inner.width - 1, role: .dim)
            footer(pane, glyphs: glyphs, into: &buffer)
            return
        }
        if pane.shown.isEmpty {
            let why = connections.isEmpty ? "no connections in the window" : "no connection matches the filter (/ changes it, Esc in it restores)"
            buffer.write(why, x: inner.x + 1, y: inner.y + 1, maxWidth: inner.width - 1, role: .dim)
        } else {
            // A resize since the last key may have left the cursor below the rows shown.
            var shownPane = pane
            ConnectionsActions.keepCursorVisible(&shownPane, rows: rowsShown(size))
            let scroll = shownPane.scroll
            let visible = pane.shown[min(scroll, pane.shown.count)..<min(pane.shown.count, scroll + rowsShown(size))]
            let rows = visible.map { row(connections[$0], glyphs: glyphs) }
            Table(columns: columns, rows: rows, selected: pane.cursor - scroll, scrollOffset: 0, glyphs: glyphs)
                .render(into: &buffer, area: inner)
        }
        footer(pane, glyphs: glyphs, into: &buffer)
    }

    /// `1440 connections, 0 outliers · ws-5379.corp.contoso.com · contoso\awalker · rundll32.exe →
    /// 203.0.113.45:443 · 2026-11-19 → 2026-11-20`: the counts first, so a narrow terminal keeps them.
    static func title(_ pane: ConnectionsPane) -> String {
        let key = pane.key
        var parts: [String] = []
        if let connections = pane.connections {
            parts.append("\(plural(connections.count, "connection")), \(plural(pane.outlierCount, "outlier"))")
        }
        parts += [key.deviceName, key.accountText ?? "–",
                  "\(key.initiatingProcessFileName.isEmpty ? "–" : key.initiatingProcessFileName) → \(key.remoteText)"]
        if let first = pane.connections?.first, let last = pane.connections?.last {
            parts.append("\(formatKustoDatetime(first.timestamp).prefix(10)) → \(formatKustoDatetime(last.timestamp).prefix(10))")
        }
        return "Connections │ " + parts.joined(separator: " · ")
    }

    static func row(_ connection: BeaconConnection, glyphs: GlyphSet) -> TableRow {
        let detail = connection.detail
        let cells = [
            ConnectionsPane.shortTime(connection.timestamp), ConnectionsPane.deltaText(connection),
            ConnectionsPane.scoreText(connection.score), detail.map(ConnectionsPane.localText) ?? "–",
            dash(detail?.protocolName), dash(connection.actionType), dash(connection.remoteUrl), dash(detail?.reportId),
            detail.map { "\(fileName($0.file)):\($0.line)" } ?? connection.source.label,
        ]
        // An outlier carries the histogram's outlier glyph, so it stands out without colour.
        return TableRow(cells, role: connection.isOutlier ? .histogramOutlier : .normal,
                        status: connection.isOutlier ? glyphs.outlierFill : " ")
    }

    /// The cursor's row in full, the filter being typed or the last message, and the keys.
    private static func footer(_ pane: ConnectionsPane, glyphs: GlyphSet, into buffer: inout ScreenBuffer) {
        let width = buffer.width, top = buffer.height - footerHeight
        if let connection = pane.current {
            let score = connection.score.map { " · score \(ConnectionsPane.scoreText($0))\(connection.isOutlier ? " (outlier)" : "")" } ?? ""
            let first = "\(formatKustoDatetime(connection.timestamp)) · delta \(ConnectionsPane.deltaText(connection))\(score) · \(dash(connection.actionType)) · \(dash(connection.remoteUrl))"
            buffer.write(first, x: 0, y: top, maxWidth: width)
            let second: String
            if let detail = connection.detail {
                let folder = detail.file.lastIndex(of: "/").map { " · in \(detail.file[..<$0])" } ?? ""
                second = "local \(ConnectionsPane.localText(detail)) \(dash(detail.protocolName)) · \(fileName(detail.file)):\(detail.line) · ReportId \(dash(detail.reportId))\(folder) · \(connection.source.label)"
            } else {
                second = "\(connection.source.label) · table row \(connection.row + 1) · LocalIP, LocalPort, Protocol, ReportId not re-read"
            }
            buffer.write(second, x: 0, y: top + 1, maxWidth: width, role: .dim)
        }
        let y = top + 2
        if let text = pane.editingFilter {
            let used = buffer.write("/\(text)", x: 0, y: y, maxWidth: width - 1, role: .statusMessage)
            buffer.write("▏", x: used, y: y, maxWidth: 1, role: .statusMessage)
            let hint = "  filters as you type: Enter keeps, Esc restores, ^U clears"
            buffer.write(hint, x: used + 1, y: y, maxWidth: max(0, width - used - 1), role: .dim)
            return
        }
        let hints = "↑↓ PgUp PgDn g G move · n N outlier · / filter · Esc q back"
        if let message = pane.message {
            let used = buffer.write(message, x: 0, y: y, maxWidth: width, role: .statusMessage)
            let room = width - used - 3
            if room >= hints.count { buffer.write(hints, x: width - hints.count, y: y, maxWidth: hints.count, role: .keyHint) }
        } else {
            buffer.write(hints, x: 0, y: y, maxWidth: width, role: .keyHint)
        }
    }

    private static func dash(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "–" }
        return text
    }

    /// The file's last path component: the full path is in the line under the table.
    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
