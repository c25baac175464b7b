extension Role {
    /// What the role paints, for theme authors: written above each table of a rendered theme file and
    /// listed in `themes/README.md`.
    public var themeDescription: String {
        switch self {
        case .normal: return "ordinary text"
        case .dim: return "secondary text: hints, units, empty values"
        case .border: return "pane borders"
        case .borderFocus: return "the focused pane's border (also drawn with heavier lines)"
        case .title: return "pane and dialog titles"
        case .header: return "table column headers, help section headings"
        case .rowSelected: return "the current row (the cursor)"
        case .rowMarked: return "rows selected (space) for a bulk action"
        case .rowFalsePositive: return "rows marked false positive (they also carry a status glyph)"
        case .rowMalicious: return "rows marked malicious"
        case .rowInvestigating: return "rows under investigation"
        case .rowRejected: return "near misses: candidates a stage of the query dropped"
        case .histogramBar: return "histogram bars and timeline marks"
        case .histogramOutlier: return "histogram bins and timeline marks holding an outlier (also a ▒ texture)"
        case .histogramFence: return "the P10/P90 fence markers under the histogram"
        case .histogramBand: return "the avg ± stdev band under the histogram"
        case .axis: return "axis lines and labels"
        case .slider: return "threshold sliders"
        case .sliderFocus: return "the focused slider"
        case .passed: return "explain trail: a stage passed"
        case .failed: return "explain trail: a stage failed"
        case .status: return "the status bar"
        case .statusMessage: return "transient messages in the status bar"
        case .keyHint: return "key names in hints, help and dialog footers"
        case .dialog: return "dialogs and overlays"
        case .dialogFocus: return "the focused button, option or text cursor in a dialog"
        case .error: return "error messages"
        case .match: return "search matches"
        }
    }
}
