import BeaconEngine
import TriageUI

/// The connections view's keys: `o` opens it on the selected beacon and asks for its rows; inside,
/// the arrows, PgUp/PgDn and g/G move the cursor, n/N jump between outliers, `/` filters, Esc or q go
/// back to the list.
enum ConnectionsActions {
    static func open(_ state: inout AppState) {
        guard let candidate = state.selected else {
            state.message = "no beacon selected"
            return
        }
        guard state.queryResults == nil else {
            state.message = "a Kusto result has no connections behind it: load the raw events to see them"
            return
        }
        state.modal = .connections(ConnectionsPane(key: candidate.key))
        state.request(.loadConnections(ConnectionsRequest(
            key: candidate.key, candidate: candidate, events: state.events, window: state.analysis.window,
            parameters: state.analysis.parameters)))
    }

    /// The rows arrived; dropped when the view was closed or moved to another beacon meanwhile.
    static func loaded(_ state: inout AppState, key: BeaconKey, connections: [BeaconConnection], notes: [String]) {
        guard case .connections(var pane)? = state.modal, pane.key == key else { return }
        pane.load(connections, notes: notes)
        pane.message = notes.first
        state.modal = .connections(pane)
    }

    static func handle(_ state: inout AppState, _ pane: ConnectionsPane, _ key: Key) {
        var pane = pane
        pane.message = nil
        if let text = pane.editingFilter {
            editFilter(&pane, text, key)
        } else {
            switch key {
            case .escape, .character("q"):
                state.modal = nil
                return
            case .up: pane.cursor -= 1
            case .down: pane.cursor += 1
            case .pageUp: pane.cursor -= max(1, ConnectionsView.rowsShown(state.size) - 1)
            case .pageDown: pane.cursor += max(1, ConnectionsView.rowsShown(state.size) - 1)
            case .home, .character("g"): pane.cursor = 0
            case .end, .character("G"): pane.cursor = pane.shown.count - 1
            case .character("n"), .character("N"): jump(&pane, forward: key == .character("n"), parameters: state.analysis.parameters)
            case .character("/"):
                pane.filterBeforeEditing = pane.filter
                pane.editingFilter = pane.filter
            default: break
            }
        }
        pane.cursor = min(max(0, pane.cursor), max(0, pane.shown.count - 1))
        keepCursorVisible(&pane, rows: ConnectionsView.rowsShown(state.size))
        state.modal = .connections(pane)
    }

    /// The filter applies as it is typed; Enter keeps it, Esc puts back the one before `/`.
    private static func editFilter(_ pane: inout ConnectionsPane, _ text: String, _ key: Key) {
        switch key {
        case .enter:
            pane.editingFilter = nil
            pane.message = pane.filter.isEmpty ? nil : "\(pane.shown.count) of \(pane.connections?.count ?? 0) connections match"
        case .escape:
            pane.editingFilter = nil
            pane.applyFilter(pane.filterBeforeEditing)
        case .control("u"):
            pane.editingFilter = ""
            pane.applyFilter("")
        default:
            let edited = TriageActions.edited(text, key)
            guard edited != text else { return }
            pane.editingFilter = edited
            pane.applyFilter(edited)
        }
    }

    private static func jump(_ pane: inout ConnectionsPane, forward: Bool, parameters: QueryParameters) {
        guard pane.connections != nil else {
            pane.message = "loading connections…"
            return
        }
        guard let index = pane.nextOutlier(forward: forward), let connections = pane.connections else {
            let cut = "scores above \(formatThreshold(parameters.outlierMax)) or below \(formatThreshold(parameters.lowOutlierThreshold))"
            pane.message = pane.filter.isEmpty ? "no outliers: no delta \(cut)" : "no outliers among the connections shown (\(cut))"
            return
        }
        pane.cursor = index
        let outliers = pane.shown.filter { connections[$0].isOutlier }
        let rank = (outliers.firstIndex(of: pane.shown[index]) ?? 0) + 1
        let connection = connections[pane.shown[index]]
        pane.message = "outlier \(rank) of \(outliers.count): delta \(ConnectionsPane.deltaText(connection)), score \(ConnectionsPane.scoreText(connection.score))"
    }

    private static func formatThreshold(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func keepCursorVisible(_ pane: inout ConnectionsPane, rows: Int) {
        let rows = max(1, rows)
        if pane.cursor < pane.scroll { pane.scroll = pane.cursor }
        if pane.cursor >= pane.scroll + rows { pane.scroll = pane.cursor - rows + 1 }
        pane.scroll = max(0, min(pane.scroll, max(0, pane.shown.count - rows)))
    }
}
