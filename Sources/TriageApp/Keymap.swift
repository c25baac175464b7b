import TriageUI

/// The single source of truth for keys: the update step looks actions up here and the help overlay
/// lists these same bindings.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var label: String
    public var action: Action
    public var section: String
    public var summary: String
}

public enum Keymap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.up, .character("k")], label: "↑ k", action: .moveUp, section: "List", summary: "previous beacon"),
        KeyBinding(keys: [.down, .character("j")], label: "↓ j", action: .moveDown, section: "List", summary: "next beacon"),
        KeyBinding(keys: [.pageUp], label: "PgUp", action: .pageUp, section: "List", summary: "page up"),
        KeyBinding(keys: [.pageDown], label: "PgDn", action: .pageDown, section: "List", summary: "page down"),
        KeyBinding(keys: [.home, .character("g")], label: "Home g", action: .top, section: "List", summary: "first beacon"),
        KeyBinding(keys: [.end, .character("G")], label: "End G", action: .bottom, section: "List", summary: "last beacon"),
        KeyBinding(keys: [.character(" ")], label: "Space", action: .toggleSelection, section: "List", summary: "select or unselect the beacon (for export)"),
        KeyBinding(keys: [.character("a")], label: "a", action: .selectAllShown, section: "List", summary: "select every beacon shown"),
        KeyBinding(keys: [.character("A")], label: "A", action: .clearSelection, section: "List", summary: "clear the selection"),
        KeyBinding(keys: [.character("s")], label: "s", action: .cycleSort, section: "List", summary: "sort by the next column"),
        KeyBinding(keys: [.character("S")], label: "S", action: .reverseSort, section: "List", summary: "reverse the sort"),
        KeyBinding(keys: [.enter, .character("z")], label: "Enter z", action: .toggleZoom, section: "List", summary: "give the detail pane the whole screen, and back"),
        KeyBinding(keys: [.character("x")], label: "x", action: .toggleNearMisses, section: "List", summary: "near misses, then every rejected group, then neither"),
        KeyBinding(keys: [.character("/")], label: "/", action: .startFilter, section: "List", summary: "filter the list (ip:203.0.113.0/24 jitter:<10 -status:fp; README)"),
        KeyBinding(keys: [.character("n")], label: "n", action: .nextMatch, section: "List", summary: "next beacon the filter matches"),
        KeyBinding(keys: [.character("N")], label: "N", action: .previousMatch, section: "List", summary: "previous beacon the filter matches"),
        KeyBinding(keys: [.character("&")], label: "&", action: .toggleFilterHidesRows, section: "List", summary: "filter hides the other rows, or only marks the matches"),
        KeyBinding(keys: [.escape], label: "Esc", action: .clearFilter, section: "List", summary: "clear the filter"),
        KeyBinding(keys: [.character("f")], label: "f", action: .markFalsePositive, section: "Triage", summary: "mark false positive (asks the scope and a reason)"),
        KeyBinding(keys: [.character("m")], label: "m", action: .markMalicious, section: "Triage", summary: "mark malicious"),
        KeyBinding(keys: [.character("i")], label: "i", action: .markInvestigating, section: "Triage", summary: "mark investigating"),
        KeyBinding(keys: [.character("b")], label: "b", action: .markNew, section: "Triage", summary: "back to new"),
        KeyBinding(keys: [.character("c")], label: "c", action: .editNote, section: "Triage", summary: "write a note on the beacon"),
        KeyBinding(keys: [.character("u")], label: "u", action: .undo, section: "Triage", summary: "undo the last mark or note"),
        KeyBinding(keys: [.character("e")], label: "e", action: .export, section: "Triage", summary: "export the selection (or this beacon): CSV, JSON or Markdown"),
        KeyBinding(keys: [.character("K")], label: "K", action: .writeQuery, section: "Triage", summary: "write the hunting query (KQL) with these thresholds, mode and false positives"),
        KeyBinding(keys: [.character("p")], label: "p", action: .writePivot, section: "Triage", summary: "write a KQL pivot on this beacon: its connections, its process's process and file events"),
        KeyBinding(keys: [.character("y")], label: "y", action: .copyValue, section: "Triage", summary: "copy the destination IP (or, after p, the pivot) to the clipboard (OSC 52)"),
        KeyBinding(keys: [.character("d")], label: "d", action: .nextSharingDevice, section: "List", summary: "next \"also on\" device: the same process to the same destination"),
        KeyBinding(keys: [.character("o")], label: "o", action: .openConnections, section: "List", summary: "the beacon's connections, one a row (n/N outliers, / filter, Esc back)"),
        KeyBinding(keys: [.character("F")], label: "F", action: .toggleFalsePositives, section: "Triage", summary: "show or hide beacons marked false positive"),
        KeyBinding(keys: [.tab], label: "Tab", action: .nextSlider, section: "Thresholds", summary: "focus the next slider"),
        KeyBinding(keys: [.backTab], label: "S-Tab", action: .previousSlider, section: "Thresholds", summary: "focus the previous slider"),
        KeyBinding(keys: [.left, .character("["), .character("-")], label: "← [ -", action: .sliderDown, section: "Thresholds", summary: "lower the focused threshold (re-runs the query)"),
        KeyBinding(keys: [.right, .character("]"), .character("+")], label: "→ ] +", action: .sliderUp, section: "Thresholds", summary: "raise the focused threshold (re-runs the query)"),
        KeyBinding(keys: [.character("{"), .shiftLeft], label: "{ S-←", action: .sliderDownCoarse, section: "Thresholds", summary: "lower the focused threshold ten steps"),
        KeyBinding(keys: [.character("}"), .shiftRight], label: "} S-→", action: .sliderUpCoarse, section: "Thresholds", summary: "raise the focused threshold ten steps"),
        KeyBinding(keys: [.character("=")], label: "=", action: .typeSliderValue, section: "Thresholds", summary: "type a value for the focused threshold (12, 30%, 3d)"),
        KeyBinding(keys: [.character("D")], label: "D", action: .listRemoved, section: "Thresholds", summary: "list the beacons the last re-run removed, and why"),
        KeyBinding(keys: [.character("w")], label: "w", action: .widenWindow, section: "Thresholds", summary: "widen the window to the data's whole span (the header says when it leaves events out)"),
        KeyBinding(keys: [.character("r")], label: "r", action: .resetThresholds, section: "Thresholds", summary: "reset every threshold to the query's defaults"),
        KeyBinding(keys: [.character("M")], label: "M", action: .cycleMode, section: "Thresholds", summary: "next mode: faithful → corrected → hunt (beacon score) → faithful"),
        KeyBinding(keys: [.character("C")], label: "C", action: .toggleCatalogue, section: "Thresholds", summary: "hunt mode: known-benign catalogue on or off (lowers known agents' scores)"),
        KeyBinding(keys: [.character("P")], label: "P", action: .togglePrivateDestinations, section: "Thresholds", summary: "keep or drop private destinations (east-west C2, proxies; --keep-private)"),
        KeyBinding(keys: [.character("h")], label: "h", action: .toggleRhythm, section: "Detail", summary: "histogram of the deltas, or heat map of the connections by day and hour (UTC)"),
        KeyBinding(keys: [.character("H")], label: "H", action: .toggleHeatMapCounts, section: "Detail", summary: "heat map: counts per hour, or density glyphs"),
        KeyBinding(keys: [.character("L")], label: "L", action: .toggleHistogramScale, section: "Detail", summary: "histogram: log axis, or linear clipped at P95 with an overflow bar"),
        KeyBinding(keys: [.character("v")], label: "v", action: .viewFields, section: "Detail", summary: "every field of the detail pane in full, wrapped (notes, long domain lists); Esc closes"),
        KeyBinding(keys: [.character("t")], label: "t", action: .cycleTheme, section: "General", summary: "next colour theme"),
        KeyBinding(keys: [.character("?")], label: "?", action: .help, section: "General", summary: "this help"),
        KeyBinding(keys: [.character("!")], label: "!", action: .showWarnings, section: "General", summary: "the warnings of this session (the status bar counts them)"),
        KeyBinding(keys: [.character("q"), .control("c")], label: "q ^C", action: .quit, section: "General", summary: "quit"),
    ]

    public static func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }
}
