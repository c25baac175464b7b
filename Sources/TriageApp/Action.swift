/// What the analyst can ask for; keys map to these through the keymap, so help and handling agree.
public enum Action: Hashable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case toggleSelection, selectAllShown, clearSelection
    case cycleSort, reverseSort, toggleZoom
    case nextSlider, previousSlider, sliderDown, sliderUp
    case nextMatch, previousMatch, toggleFilterHidesRows
    case resetThresholds, cycleMode, toggleCatalogue, togglePrivateDestinations, toggleNearMisses
    case markFalsePositive, markMalicious, markInvestigating, markNew, editNote, undo, toggleFalsePositives
    case startFilter, clearFilter, export, writeQuery, widenWindow
    case writePivot, copyValue, nextSharingDevice
    case toggleRhythm, toggleHeatMapCounts, toggleHistogramScale
    case openConnections
    case viewFields, listRemoved, sliderDownCoarse, sliderUpCoarse, typeSliderValue
    case cycleTheme, help, showWarnings, quit
}
