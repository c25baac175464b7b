import BeaconEngine
import TriageUI

/// The whole screen as a pure function of the state: header, ranked list, sliders, detail, status bar,
/// and the help overlay on top when open.
public func view(_ state: AppState, glyphs: GlyphSet = .unicode) -> ScreenBuffer {
    let size = state.size
    var buffer = ScreenBuffer(width: size.width, height: size.height)
    if Layout.isTooSmall(size) {
        var tooSmall = TooSmall(neededWidth: Layout.minimumWidth, neededHeight: Layout.minimumHeight, glyphs: glyphs)
        tooSmall.note = "keys are ignored until it is larger; q quits"
        tooSmall.render(into: &buffer, area: buffer.bounds)
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

/// The open modal (a dialog, the help or the warnings) on top of a drawn screen.
func overlaid(_ screen: ScreenBuffer, _ state: AppState, glyphs: GlyphSet) -> ScreenBuffer {
    var buffer = screen
    switch state.modal {
    case nil:
        break
    case .prompt(let prompt)?:
        var dialog = TriageActions.dialog(prompt, state: state)
        dialog.glyphs = glyphs
        dialog.render(into: &buffer, area: FilterEditing.area(prompt, state: state, screen: buffer.bounds))
    case .help(let scroll)?:
        let entries = Keymap.bindings.map { HelpEntry(keys: $0.label, action: $0.summary, section: $0.section) }
        var help = HelpOverlay(entries: entries, title: "Keys", footer: "↑↓ scroll, any other key closes", glyphs: glyphs)
        help.scrollOffset = min(scroll, help.maxScrollOffset(in: buffer.bounds))
        help.render(into: &buffer, area: buffer.bounds)
    case .warnings(let scroll)?:
        var list = HelpOverlay(entries: warningEntries(state.warnings, width: max(20, buffer.width - 16)),
                               title: "Warnings", footer: "↑↓ scroll, any other key closes", glyphs: glyphs)
        list.scrollOffset = min(scroll, list.maxScrollOffset(in: buffer.bounds))
        list.render(into: &buffer, area: buffer.bounds)
    case .reader(let page, let scroll)?:
        Reader.render(page, scroll: scroll, state: state, glyphs: glyphs, into: &buffer)
    case .connections(let pane)?:
        ConnectionsView.render(pane, state: state, glyphs: glyphs, into: &buffer)
    }
    return buffer
}

/// The warnings as numbered entries, long ones wrapped onto lines of their own.
func warningEntries(_ warnings: [String], width: Int) -> [HelpEntry] {
    warnings.enumerated().flatMap { index, warning in
        wrapped(warning, width: width).enumerated().map { line, text in
            HelpEntry(keys: line == 0 ? "\(index + 1)" : "", action: text, section: "This session")
        }
    }
}

/// `text` in lines of at most `width` characters, broken at spaces where it can be.
func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = [], current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        var word = Substring(word)
        while word.count > width {
            if !current.isEmpty { lines.append(current); current = "" }
            lines.append(String(word.prefix(width)))
            word = word.dropFirst(width)
        }
        if current.isEmpty {
            current = String(word)
        } else if current.count + 1 + word.count <= width {
            current += " " + word
        } else {
            lines.append(current)
            current = String(word)
        }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
}

func headerText(_ state: AppState) -> String {
    if let results = state.queryResults {
        return "beacon-triage │ \(state.dataSetName) │ Kusto query result: \(results.count) rows, thresholds only │ \(state.parameters.mode.rawValue)"
    }
    let window = state.analysis.window
    let outside = state.windowNotes.first.map { "\($0) (w widens) │ " } ?? ""
    return "beacon-triage │ \(state.dataSetName) │ \(setAsideText(state))\(outside)\(formatKustoDatetime(window.start).prefix(19)) → \(formatKustoDatetime(window.end).prefix(19)) │ \(plural(state.analysis.eventCount, "event")) │ \(plural(state.analysis.candidates.count, "candidate")) │ \(state.parameters.mode.rawValue)\(catalogueMark(state.parameters))\(state.parameters.keepPrivate ? " +private" : "")\(state.pendingPreparation == nil ? "" : " │ re-running …")"
}

/// The rows the window's anchor set aside, for the header: how many and where the first is (`!` lists
/// them all); empty when none were.
func setAsideText(_ state: AppState) -> String {
    guard let setAside = state.analysis.window.setAside else { return "" }
    let rows = state.environment.setAsideRows
    let more = setAside.count - min(1, rows.count)
    let place = rows.first.map { " (\($0)\(more > 0 ? ", +\(more)" : ""))" } ?? ""
    return "\(plural(setAside.count, "row")) set aside\(place) │ "
}

/// Hunt mode without its catalogue says so in the header, as `+private` does for private destinations.
func catalogueMark(_ parameters: QueryParameters) -> String {
    parameters.mode == .hunt && !parameters.hunt.usesCatalogue ? " −catalogue" : ""
}

/// The sliders as drawn (those of the mode), shared by the view and the mouse hit-test.
func sliderRow(_ state: AppState, glyphs: GlyphSet = .unicode) -> SliderRow {
    let shown = QuerySlider.shown(in: state.parameters.mode)
    let sliders = shown.map { Slider($0.label, value: $0.display(state.parameters)) }
    return SliderRow(sliders: sliders, focused: shown.firstIndex(of: state.focusedSlider), glyphs: glyphs)
}

func falsePositives(_ state: AppState) -> Int {
    state.analysis.beacons.filter { state.status(of: $0.key).0 == .falsePositive }.count
}

func statusBar(_ state: AppState, glyphs: GlyphSet) -> StatusBar {
    let position = state.selectedIndex.map { "\($0 + 1)/\(state.rows.count)" } ?? "0/\(state.rows.count)"
    return StatusBar(
        segments: [position]
            + (state.warnings.isEmpty ? [] : ["! \(state.warnings.count) warning\(state.warnings.count == 1 ? "" : "s")"])
            + ["\(state.analysis.beacons.count) reported", "\(falsePositives(state)) false positive"]
            + (state.picked.isEmpty ? [] : ["\(state.picked.count) selected"])
            + (state.environment.readOnlyReason == nil ? [] : ["read-only"]),
        // First, so that a long message cannot push it out of sight.
        message: state.savePending ? "saving" + (state.message.map { "; " + $0 } ?? "") : state.message,
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
