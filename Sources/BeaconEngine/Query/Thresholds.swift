/// What deciding compares the prepared measures with: every value a slider, an option or a triage mark
/// moves without measuring again. Defaults are the query's `let`s.
///
/// Adding a threshold means a field here, its use in the `passes` predicate of the stage that reads it, a
/// `QuerySlider` case for the console and an option for the command line (and, for a `let` of the query,
/// its line in the rendered KQL); nothing else lists the thresholds.
public struct Thresholds: Sendable, Equatable {
    /// `TotalEventsThresholdMin`: a group needs more distinct timestamps than this.
    public var minEvents = 15
    /// Overrides `TotalEventsThresholdMax`, which the query derives from the window (quirk Q11).
    public var maxEventsOverride: Int?
    /// `JitterThreshold`, in percent.
    public var jitter: Double = 50
    /// `OutlierThresholdMax`.
    public var outlierMax: Double = 2
    /// `OutlierCountMax`.
    public var outlierCountMax = 3
    /// `CompromisedDeviceCountMax`.
    public var deviceCountMax = 10
    /// Hunt mode's cut and known-benign entries, applied when deciding like the query's thresholds.
    public var hunt = HuntSettings()

    public init() {}
}
