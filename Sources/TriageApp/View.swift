import BeaconEngine
import TriageUI

/// The whole screen as a pure function of the state: header, ranked list, sliders, detail, status bar,
/// and the help overlay on top when open.
public func view(_ state: AppState, glyphs: GlyphSet = .unicode) -> ScreenBuffer {
    let size = state.size
    var buffer = ScreenBuffer(width: size.width, height: size.height)
    if Layout.isTooSmall(size) {
        TooSmall(neededWidth: Layout.minimumWidth, neededHeight: Layout.minimumHeight, glyphs: glyphs)
            .render(into: &buffer, area: buffer.bounds)
        return buffer
    }
    buffer.write(headerText(state), x: 0, y: 0, maxWidth: size.width, role: .title)

    let listArea = Layout.listArea(size)
    if state.detailZoomed {
        let detail = Layout.detailArea(size)
        let whole = Rect(x: 0, y: listArea.y, width: size.width, height: detail.maxY - listArea.y)
        DetailView.render(state, glyphs: glyphs, into: &buffer, area: whole)
        statusBar(state, glyphs: glyphs).render(into: &buffer, area: Layout.statusArea(size))
        return overlaid(buffer, state, glyphs: glyphs)
    }
    let shown: String
    switch state.rejectedShown {
    case .none: shown = ""
    case .nearMisses: shown = " + \(state.analysis.nearMisses.count) near misses"
    case .all: shown = " + \(state.analysis.candidates.count - state.analysis.beacons.count) rejected"
    }
    let sortText = "sort: \(state.sort.column.title) \(state.sort.descending ? glyphs.sortDescending : glyphs.sortAscending)"
    let matchCount = state.rows.filter(\.matchesFilter).count
    let filtered = state.filter.isEmpty ? ""
        : " │ filter: \(state.filter.text) (\(matchCount) \(state.filterHidesRows ? "shown" : "match, n/N"))"
    Box(title: "Beacons \(state.analysis.beacons.count)\(shown)\(filtered)", rightTitle: sortText, focused: true, glyphs: glyphs)
        .render(into: &buffer, area: listArea)
    ListView.table(state, glyphs: glyphs).render(into: &buffer, area: Box.inner(listArea))

    sliderRow(state, glyphs: glyphs).render(into: &buffer, area: Layout.sliderArea(size))
    DetailView.render(state, glyphs: glyphs, into: &buffer, area: Layout.detailArea(size))
    statusBar(state, glyphs: glyphs).render(into: &buffer, area: Layout.statusArea(size))

    return overlaid(buffer, state, glyphs: glyphs)
}

/// The help overlay on top of a drawn screen, when it is open.
func overlaid(_ screen: ScreenBuffer, _ state: AppState, glyphs: GlyphSet) -> ScreenBuffer {
    var buffer = screen
    if let prompt = state.prompt {
        var dialog = TriageActions.dialog(prompt, state: state)
        dialog.glyphs = glyphs
        dialog.render(into: &buffer, area: buffer.bounds)
    }
    guard state.showingHelp else { return buffer }
    let entries = Keymap.bindings.map { HelpEntry(keys: $0.label, action: $0.summary, section: $0.section) }
    var help = HelpOverlay(entries: entries, title: "Keys", footer: "↑↓ scroll, any other key closes", glyphs: glyphs)
    help.scrollOffset = min(state.helpScroll, help.maxScrollOffset(in: buffer.bounds))
    help.render(into: &buffer, area: buffer.bounds)
    return buffer
}

func headerText(_ state: AppState) -> String {
    if let results = state.queryResults {
        return "beacon-triage │ \(state.dataSetName) │ Kusto query result: \(results.count) rows, thresholds only │ \(state.parameters.mode.rawValue)"
    }
    let window = state.analysis.window
    return "beacon-triage │ \(state.dataSetName) │ \(formatKustoDatetime(window.start).prefix(19)) → \(formatKustoDatetime(window.end).prefix(19)) │ \(plural(state.analysis.eventCount, "event")) │ \(plural(state.analysis.candidates.count, "candidate")) │ \(state.parameters.mode.rawValue)\(catalogueMark(state.parameters))\(state.parameters.keepPrivate ? " +private" : "")\(state.pendingPreparation == nil ? "" : " │ re-running …")"
}

/// Hunt mode without its catalogue says so in the header, as `+private` does for private destinations.
func catalogueMark(_ parameters: QueryParameters) -> String {
    parameters.mode == .hunt && !parameters.hunt.usesCatalogue ? " −catalogue" : ""
}

/// The sliders as drawn (those of the mode), shared by the view and the mouse hit-test.
func sliderRow(_ state: AppState, glyphs: GlyphSet = .unicode) -> SliderRow {
    let shown = Threshold.shown(in: state.parameters.mode)
    let sliders = shown.map { Slider($0.label, value: $0.display(state.parameters)) }
    return SliderRow(sliders: sliders, focused: shown.firstIndex(of: state.focusedSlider), glyphs: glyphs)
}

func falsePositives(_ state: AppState) -> Int {
    state.analysis.beacons.filter { state.status(of: $0.key).0 == .falsePositive }.count
}

func statusBar(_ state: AppState, glyphs: GlyphSet) -> StatusBar {
    let position = state.selectedIndex.map { "\($0 + 1)/\(state.rows.count)" } ?? "0/\(state.rows.count)"
    return StatusBar(
        segments: [position, "\(state.analysis.beacons.count) reported", "\(falsePositives(state)) false positive"]
            + (state.picked.isEmpty ? [] : ["\(state.picked.count) selected"])
            + (state.readOnlyReason == nil ? [] : ["read-only"]),
        message: state.message,
        hints: state.parameters.mode == .hunt
            ? [KeyHint("?", "help"), KeyHint("←→", "threshold"), KeyHint("M", "mode"), KeyHint("C", "catalogue"),
               KeyHint("x", "below the cut"), KeyHint("q", "quit")]
            : [KeyHint("?", "help"), KeyHint("←→", "threshold"), KeyHint("Tab", "next slider"),
               KeyHint("x", "near misses"), KeyHint("q", "quit")],
        glyphs: glyphs)
}

/// `1 candidate`, `2 candidates`.
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
