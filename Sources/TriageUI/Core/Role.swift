/// What a cell means, not how it looks: views paint roles, and a theme maps each role to colours and
/// attributes when the buffer reaches the terminal. Snapshot tests and the mono theme never depend on
/// colour, and state is never shown by colour alone (rows also carry a glyph).
public enum Role: String, Sendable, CaseIterable, Hashable {
    case normal
    case dim
    case border
    case borderFocus = "border.focus"
    case title
    case header
    case rowSelected = "row.selected"
    case rowMarked = "row.marked"
    case rowFalsePositive = "row.fp"
    case rowMalicious = "row.malicious"
    case rowInvestigating = "row.investigating"
    case rowRejected = "row.rejected"
    case histogramBar = "hist.bar"
    case histogramOutlier = "hist.outlier"
    case histogramFence = "hist.fence"
    case histogramBand = "hist.band"
    case axis
    case slider
    case sliderFocus = "slider.focus"
    case passed
    case failed
    case status
    case statusMessage = "status.message"
    case keyHint = "key.hint"
    case dialog
    case dialogFocus = "dialog.focus"
    case error
    case match
}
