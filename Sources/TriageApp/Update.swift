import BeaconEngine
import Foundation
import Triage
import TriageUI

/// The one place state changes: an input event in, the new state out.
public func update(_ state: inout AppState, _ event: InputEvent) {
    switch event {
    case .resize(let width, let height):
        state.size = (width, height)
    case .tick:
        state.clock = Date()
    case .mouse(let mouse):
        handleMouse(&state, mouse)
    case .key(let key):
        if let prompt = state.prompt {
            TriageActions.answer(&state, prompt, key)
            return
        }
        if state.showingHelp {
            // Arrows and paging scroll the help; any other key closes it.
            switch key {
            case .down, .character("j"): state.helpScroll += 1
            case .up, .character("k"): state.helpScroll = max(0, state.helpScroll - 1)
            case .pageDown: state.helpScroll += 10
            case .pageUp: state.helpScroll = max(0, state.helpScroll - 10)
            default: state.showingHelp = false
            }
            return
        }
        if let action = Keymap.action(for: key) { perform(&state, action) }
    }
}

func perform(_ state: inout AppState, _ action: Action) {
    switch action {
    case .moveUp: moveSelection(&state, by: -1)
    case .moveDown: moveSelection(&state, by: 1)
    case .pageUp: moveSelection(&state, by: -max(1, Layout.listRows(state.size) - 1))
    case .pageDown: moveSelection(&state, by: max(1, Layout.listRows(state.size) - 1))
    case .top: moveSelection(&state, to: 0)
    case .bottom: moveSelection(&state, to: state.rows.count - 1)
    case .toggleSelection:
        guard let key = state.selectedKey else { break }
        if state.picked.remove(key) == nil { state.picked.insert(key) }
        state.message = "\(state.picked.count) selected"
        moveSelection(&state, by: 1)
    case .selectAllShown:
        state.picked.formUnion(state.rows.map(\.candidate.key))
        state.message = "\(state.picked.count) selected"
    case .clearSelection:
        state.picked.removeAll()
        state.message = "selection cleared"
    case .cycleSort:
        let columns = SortColumn.cycle(in: state.parameters.mode)
        let next = columns.firstIndex(of: state.sort.column).map { ($0 + 1) % columns.count } ?? 0
        state.sort = SortOrder(column: columns[next])
        state.rebuildRows()
        state.message = "sorted by \(state.sort.column.title)"
    case .reverseSort:
        state.sort.descending.toggle()
        state.rebuildRows()
        state.message = "sorted by \(state.sort.column.title) \(state.sort.descending ? "descending" : "ascending")"
    case .toggleZoom:
        state.detailZoomed.toggle()
    case .toggleNearMisses:
        state.rejectedShown = state.rejectedShown.next
        state.rebuildRows()
        state.message = state.rejectedShown.message
    case .nextSlider: cycleSlider(&state, by: 1)
    case .previousSlider: cycleSlider(&state, by: -1)
    case .sliderDown: moveSlider(&state, by: -1)
    case .sliderUp: moveSlider(&state, by: 1)
    case .resetThresholds:
        var defaults = QueryParameters(mode: state.parameters.mode)
        defaults.now = state.parameters.now
        defaults.keepPrivate = state.parameters.keepPrivate
        // Only the score cut is a threshold to reset: the catalogue switch is a choice like keeping
        // private destinations, and the entries are data.
        defaults.hunt = state.parameters.hunt
        defaults.hunt.minScore = HuntSettings.defaultMinScore
        state.parameters = defaults
        state.rerun()
    case .cycleMode: HuntActions.cycleMode(&state)
    case .toggleCatalogue: HuntActions.toggleCatalogue(&state)
    case .togglePrivateDestinations:
        state.parameters.keepPrivate.toggle()
        state.rerun()
        guard state.queryResults == nil else { break }
        let what = state.parameters.keepPrivate ? "keeping" : "dropping"
        state.message = "\(what) private destinations: " + (state.message ?? "")
    case .markFalsePositive:
        if !TriageActions.targets(state).isEmpty { state.prompt = .markScope(selected: 0) }
    case .markMalicious: TriageActions.mark(&state, status: .malicious, scope: .exactBeacon)
    case .markInvestigating: TriageActions.mark(&state, status: .investigating, scope: .exactBeacon)
    case .markNew: TriageActions.mark(&state, status: .new, scope: .exactBeacon)
    case .editNote:
        if let key = state.selectedKey {
            state.prompt = .note(text: state.book.decision(for: .exactBeacon(key))?.note ?? "")
        }
    case .undo: TriageActions.undo(&state)
    case .startFilter: state.prompt = .filter(text: state.filter.text)
    case .export:
        if !TriageActions.targets(state).isEmpty { state.prompt = .exportFormat(selected: 0) }
    case .nextMatch: Matching.jump(&state, forward: true)
    case .previousMatch: Matching.jump(&state, forward: false)
    case .toggleFilterHidesRows: Matching.toggleHiding(&state)
    case .writeQuery: QueryWriting.start(&state)
    case .clearFilter:
        guard !state.filter.isEmpty else { break }
        state.filter = .all
        state.rebuildRows()
        state.message = "filter cleared"
    case .toggleFalsePositives:
        state.showFalsePositives.toggle()
        state.rebuildRows()
        state.message = state.showFalsePositives ? "showing false positives" : "hiding false positives"
    case .cycleTheme:
        state.themeIndex = (state.themeIndex + 1) % state.themes.count
        state.message = "theme \(state.theme.name)"
    case .help:
        state.showingHelp = true
        state.helpScroll = 0
    case .quit: state.isQuitting = true
    }
    keepSelectionVisible(&state)
}

func moveSelection(_ state: inout AppState, by delta: Int) {
    guard !state.rows.isEmpty else { return }
    moveSelection(&state, to: (state.selectedIndex ?? 0) + delta)
}

func moveSelection(_ state: inout AppState, to index: Int) {
    guard !state.rows.isEmpty else { return }
    state.selectedKey = state.rows[min(max(0, index), state.rows.count - 1)].candidate.key
}

func cycleSlider(_ state: inout AppState, by delta: Int) {
    let shown = Threshold.shown(in: state.parameters.mode)
    guard let index = shown.firstIndex(of: state.focusedSlider) else {
        state.focusedSlider = shown[0]
        return
    }
    state.focusedSlider = shown[(index + delta + shown.count) % shown.count]
}

func moveSlider(_ state: inout AppState, by steps: Int) {
    let moved = state.focusedSlider.step(state.parameters, by: steps)
    guard moved != state.parameters else { return }
    state.parameters = moved
    state.rerun()
}

func keepSelectionVisible(_ state: inout AppState) {
    let visible = max(1, Layout.listRows(state.size))
    guard let index = state.selectedIndex else {
        state.scrollOffset = 0
        return
    }
    if index < state.scrollOffset { state.scrollOffset = index }
    if index >= state.scrollOffset + visible { state.scrollOffset = index - visible + 1 }
}

func handleMouse(_ state: inout AppState, _ mouse: MouseEvent) {
    switch mouse.kind {
    case .wheelUp: moveSelection(&state, by: -3)
    case .wheelDown: moveSelection(&state, by: 3)
    case .press:
        let list = Layout.listArea(state.size)
        if !state.detailZoomed && list.contains(x: mouse.x, y: mouse.y) {
            // The box's top border and the column header come before the first beacon.
            let row = state.scrollOffset + mouse.y - (list.y + 2)
            if row >= 0 && row < state.rows.count { state.selectedKey = state.rows[row].candidate.key }
        } else if let index = sliderRow(state).hitTest(x: mouse.x, y: mouse.y, area: Layout.sliderArea(state.size)) {
            state.focusedSlider = Threshold.shown(in: state.parameters.mode)[index]
        }
    case .release:
        break
    }
    keepSelectionVisible(&state)
}
