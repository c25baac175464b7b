import BeaconEngine
import Foundation
import Triage
import TriageUI

/// The one place state changes: a message in, the new state and the effects it asks for out. It reads
/// no clock (every message carries its time) and does no I/O (the effects do, in the runtime).
@discardableResult
public func update(_ state: inout AppState, _ message: Message) -> [Effect] {
    switch message {
    case .input(let event, let time):
        advanceClock(&state, to: time)
        handle(&state, event)
    case .tick(let time):
        advanceClock(&state, to: time)
    case .saved(let result):
        Saving.saved(&state, result: result)
    case .exported(let request, let result):
        Exporting.exported(&state, request: request, result: result)
    case .wroteQuery(let request, let result):
        QueryWriting.wroteQuery(&state, request: request, result: result)
    case .prepared(let preparation):
        state.adopt(preparation)
    case .connectionsLoaded(let key, let connections, let notes):
        ConnectionsActions.loaded(&state, key: key, connections: connections, notes: notes)
    case .triageFileChanged(let result, let time):
        advanceClock(&state, to: time)
        Saving.arrived(&state, result: result)
    }
    return state.takeEffects()
}

/// An input at the state's own clock, for tests and replays that do not care when it came.
@discardableResult
public func update(_ state: inout AppState, _ event: InputEvent) -> [Effect] {
    update(&state, .input(event, at: state.clock))
}

/// Moves the clock (never back: a system clock stepped backwards must not reorder marks) and lets the
/// marks whose expiry it passed lapse: their rows come back and hunt mode re-scores without them.
func advanceClock(_ state: inout AppState, to time: Date) {
    let before = state.clock
    guard time > before else { return }
    state.clock = time
    let lapsed = state.book.decisions.filter { decision in
        decision.expires.map { $0 > before && $0 <= time } ?? false
    }
    guard !lapsed.isEmpty else { return }
    state.message = "\(lapsed.count == 1 ? "a mark" : "\(lapsed.count) marks") expired"
    TriageActions.bookChanged(&state)
}

func handle(_ state: inout AppState, _ event: InputEvent) {
    switch event {
    case .resize(let width, let height):
        state.size = (width, height)
        keepSelectionVisible(&state)
    case .mouse(let mouse):
        guard !Layout.isTooSmall(state.size) else { return }
        handleMouse(&state, mouse)
    case .key(let key):
        // Behind the "terminal too small" screen nothing the analyst cannot see may act; quitting may.
        if Layout.isTooSmall(state.size) {
            if Keymap.action(for: key) == .quit && state.modal == nil { state.isQuitting = true }
            return
        }
        switch state.modal {
        case .prompt(let prompt)?:
            TriageActions.answer(&state, prompt, key)
        case .help(let scroll)?:
            state.modal = scrolled(key, scroll).map(Modal.help)
        case .warnings(let scroll)?:
            state.modal = scrolled(key, scroll).map(Modal.warnings)
        case .reader(let page, let scroll)?:
            Reader.handle(&state, page, scroll: scroll, key)
        case .connections(let pane)?:
            ConnectionsActions.handle(&state, pane, key)
        case nil:
            if let action = Keymap.action(for: key) { perform(&state, action) }
        }
    }
}

/// Arrows and paging scroll an overlay; any other key closes it (nil).
func scrolled(_ key: Key, _ scroll: Int) -> Int? {
    switch key {
    case .down, .character("j"): scroll + 1
    case .up, .character("k"): max(0, scroll - 1)
    case .pageDown: scroll + 10
    case .pageUp: max(0, scroll - 10)
    default: nil
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
        state.message = "sorted by \(state.sort.column.title)"
    case .reverseSort:
        state.sort.descending.toggle()
        state.message = "sorted by \(state.sort.column.title) \(state.sort.descending ? "descending" : "ascending")"
    case .toggleZoom:
        state.detailZoomed.toggle()
    case .toggleNearMisses:
        state.rejectedShown = state.rejectedShown.next
        state.message = state.rejectedShown.message
    case .nextSlider: cycleSlider(&state, by: 1)
    case .previousSlider: cycleSlider(&state, by: -1)
    case .sliderDown: moveSlider(&state, by: -1)
    case .sliderUp: moveSlider(&state, by: 1)
    case .sliderDownCoarse: moveSlider(&state, by: -QuerySlider.coarseSteps)
    case .sliderUpCoarse: moveSlider(&state, by: QuerySlider.coarseSteps)
    case .typeSliderValue: SliderEntry.start(&state)
    case .viewFields: Reader.open(&state, .fields)
    case .listRemoved: Reader.open(&state, .removed)
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
    case .widenWindow: WindowActions.widen(&state)
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
    case .startFilter: FilterEditing.start(&state)
    case .export:
        if !TriageActions.targets(state).isEmpty { state.prompt = .file(FileDialog(.export, .choose(selected: 0))) }
    case .nextMatch: Matching.jump(&state, forward: true)
    case .previousMatch: Matching.jump(&state, forward: false)
    case .toggleFilterHidesRows: Matching.toggleHiding(&state)
    case .writeQuery: QueryWriting.start(&state)
    case .openConnections: ConnectionsActions.open(&state)
    case .toggleRhythm: ChartActions.toggleRhythm(&state)
    case .toggleHeatMapCounts: ChartActions.toggleHeatMapCounts(&state)
    case .toggleHistogramScale: ChartActions.toggleHistogramScale(&state)
    case .writePivot: Pivoting.start(&state)
    case .copyValue: Copying.copy(&state)
    case .nextSharingDevice: AlsoOn.next(&state)
    case .clearFilter:
        guard !state.filter.isEmpty else { break }
        state.filter = .all
        state.message = "filter cleared"
    case .toggleFalsePositives:
        state.showFalsePositives.toggle()
        state.message = state.showFalsePositives ? "showing false positives" : "hiding false positives"
    case .cycleTheme:
        state.themeIndex = (state.themeIndex + 1) % state.environment.themes.count
        state.message = "theme \(state.theme.name)"
    case .help:
        state.modal = .help(scroll: 0)
    case .showWarnings:
        if state.warnings.isEmpty {
            state.message = "no warnings"
        } else {
            state.modal = .warnings(scroll: 0)
        }
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
    let shown = QuerySlider.shown(in: state.parameters.mode)
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
            state.focusedSlider = QuerySlider.shown(in: state.parameters.mode)[index]
        }
    case .release:
        break
    }
    keepSelectionVisible(&state)
}
