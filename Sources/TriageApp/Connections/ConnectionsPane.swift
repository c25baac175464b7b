import BeaconEngine
import KQL

/// The connections view of one beacon (`o`): what it lists, where the cursor and the scroll are, and its
/// own filter. A modal, so it takes the keys while open; `connections` is nil while they load.
public struct ConnectionsPane: Equatable, Sendable {
    public var key: BeaconKey
    /// The connections by time, once loaded.
    public private(set) var connections: [BeaconConnection]?
    /// Files whose extra columns could not be re-read, and why.
    public private(set) var notes: [String] = []
    /// The applied filter: a case-insensitive substring of a row's text (`rowText`).
    public private(set) var filter = ""
    /// The filter being typed after `/` (applied as typed), nil otherwise.
    public internal(set) var editingFilter: String?
    /// The filter before `/`, restored by Esc.
    var filterBeforeEditing = ""
    /// Indices into `connections` of the rows the filter keeps, in order.
    public private(set) var shown: [Int] = []
    /// The cursor, as an index into `shown`.
    public internal(set) var cursor = 0
    /// The first of `shown` on screen.
    public internal(set) var scroll = 0
    /// What the last key did (`outlier 2 of 5`), for the view's bottom line.
    public internal(set) var message: String?

    public init(key: BeaconKey) {
        self.key = key
    }

    /// Takes the loaded connections, the filter typed meanwhile applied to them.
    mutating func load(_ connections: [BeaconConnection], notes: [String]) {
        self.connections = connections
        self.notes = notes
        applyFilter(filter)
    }

    mutating func applyFilter(_ text: String) {
        filter = text
        let needle = text.lowercased()
        let all = connections ?? []
        shown = needle.isEmpty ? Array(all.indices)
            : all.indices.filter { Self.rowText(all[$0]).lowercased().contains(needle) }
        // Another set of rows: the cursor starts again at the first.
        cursor = 0
        scroll = 0
    }

    /// The connection under the cursor.
    public var current: BeaconConnection? {
        guard let connections, cursor < shown.count else { return nil }
        return connections[shown[cursor]]
    }

    public var outlierCount: Int { connections?.reduce(0) { $0 + ($1.isOutlier ? 1 : 0) } ?? 0 }

    /// The cursor on the next (or previous) outlier among the rows shown, wrapping; nil when none is.
    func nextOutlier(forward: Bool) -> Int? {
        guard let connections, !shown.isEmpty else { return nil }
        let count = shown.count
        for step in 1...count {
            let index = ((cursor + (forward ? step : -step)) % count + count) % count
            if connections[shown[index]].isOutlier { return index }
        }
        return nil
    }

    /// Everything the row says, as the filter matches it: the cells as drawn, and the full values.
    static func rowText(_ connection: BeaconConnection) -> String {
        var parts = [formatKustoDatetime(connection.timestamp), deltaText(connection), scoreText(connection.score),
                     connection.actionType, connection.remoteUrl, connection.source.label]
        if connection.isOutlier { parts.append("outlier") }
        if let detail = connection.detail {
            parts += [localText(detail), detail.protocolName, detail.reportId, "\(detail.file):\(detail.line)"]
        }
        return parts.joined(separator: " ")
    }

    /// `1m 00s`; `dup` for a repeated timestamp, which adds no delta (Q5); `–` for the first.
    static func deltaText(_ connection: BeaconConnection) -> String {
        if connection.repeatsPrevious { return "dup" }
        guard let delta = connection.deltaSeconds else { return "–" }
        return formatHumanDuration(seconds: Double(delta))
    }

    /// One decimal, `+inf`/`-inf` for a zero spread (Q13), `–` where no score was computed.
    static func scoreText(_ score: Double?) -> String {
        guard let score else { return "–" }
        if score.isInfinite { return score > 0 ? "+inf" : "-inf" }
        if score.isNaN { return "nan" }
        return formatOneDecimal(score)
    }

    /// `10.20.0.191:51962`, `[2001:db8::1]:443`; `–` when the file has neither.
    static func localText(_ detail: ConnectionDetail) -> String {
        if detail.localIP.isEmpty && detail.localPort.isEmpty { return "–" }
        let address = detail.localIP.contains(":") ? "[\(detail.localIP)]" : detail.localIP
        return detail.localPort.isEmpty ? address : "\(address):\(detail.localPort)"
    }

    /// `03-19 14:02:07.572`: the month, day and time to the millisecond (the year is in the title).
    static func shortTime(_ instant: Instant) -> String {
        let full = formatKustoDatetime(instant)  // 2026-11-19T00:01:06.5725673Z
        guard full.count >= 23 else { return full }
        let characters = Array(full)
        return String(characters[5..<10]) + " " + String(characters[11..<23])
    }
}
