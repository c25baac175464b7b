import BeaconEngine

/// `M` and `C`: the mode cycle (faithful → corrected → hunt) and hunt mode's catalogue switch.
enum HuntActions {
    /// Moves to the next mode. The sliders and the sort follow it: hunt mode has its own sliders (the score
    /// cut and the window) and opens on its highest scores, and leaving it drops a score sort that no
    /// longer has scores to sort by.
    static func cycleMode(_ state: inout AppState) {
        let from = state.parameters.mode
        state.parameters.mode = from.next
        state.rerun()
        // A Kusto result keeps its mode (rerun puts it back and says why): nothing else moves then.
        let to = state.parameters.mode
        guard to != from else { return }
        let shown = QuerySlider.shown(in: to)
        if !shown.contains(state.focusedSlider) { state.focusedSlider = shown[0] }
        if to == .hunt || state.sort.column == .score {
            state.sort = SortColumn.defaultOrder(in: to)
        }
        state.message = "\(to.rawValue) mode: " + (state.message ?? "")
    }

    /// Turns the catalogue of well-known periodic services on or off; a threshold like the score cut, so
    /// the list only re-decides.
    static func toggleCatalogue(_ state: inout AppState) {
        state.parameters.hunt.usesCatalogue.toggle()
        state.rerun()
        let hunt = state.parameters.hunt
        var text = "catalogue \(hunt.usesCatalogue ? "on" : "off")"
        if hunt.usesCatalogue && hunt.catalogue.isEmpty { text += " (no entries loaded)" }
        if state.parameters.mode != .hunt {
            text += " (it counts in hunt mode: M)"
        } else if let change = state.message {
            text += ": " + change
        }
        state.message = text
    }
}
