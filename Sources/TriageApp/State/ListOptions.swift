import Triage

/// How the list is cut and ordered: the analyst's toggles. Setting any of them through `AppState`
/// rebuilds the rows, so the list on screen never lags its options.
public struct ListOptions: Sendable {
    public var sort = SortOrder()
    /// Which rejected candidates follow the reported ones (`x` cycles).
    public var rejectedShown = RejectedRows.none
    /// The list filter typed after `/`; rows that do not match are hidden, or only unmarked (`&`).
    public var filter = BeaconFilter.all
    /// Whether the filter hides the rows it does not match; when not, `n`/`N` jump between its matches.
    public var filterHidesRows = true
    /// Whether beacons marked false positive stay in the list (dimmed).
    public var showFalsePositives = false
}
