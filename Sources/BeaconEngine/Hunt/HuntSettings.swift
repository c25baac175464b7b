/// Hunt mode's thresholds: the score a group needs to be reported, and what counts as known benign. Like
/// the query's thresholds they are applied when deciding, so a slider or a toggle re-ranks without
/// measuring again.
public struct HuntSettings: Sendable, Equatable {
    /// The default cut: a periodic group with no context against it passes from an evidence of about 2.8
    /// (false-alarm bound 1 in 600; about 0.5 % of Poisson series of the same rate measured past it, see
    /// docs/hunt-score.md); see `HuntScore`.
    public static let defaultMinScore = 50.0

    /// `--min-score`: groups scoring at least this are reported.
    public var minScore = HuntSettings.defaultMinScore
    /// Whether the shipped catalogue of well-known periodic services lowers matching groups' scores
    /// (`--no-catalogue` turns it off).
    public var usesCatalogue = true
    /// The catalogue's entries (`catalogue/known-benign.toml`).
    public var catalogue: [KnownBenignEntry] = []
    /// The triage file's false-positive decisions, which count as catalogue entries whether or not the
    /// catalogue is used.
    public var falsePositives: [KnownBenignEntry] = []

    public init() {}

    /// The entries in force, the analyst's first: their own word outranks the vendors' lists.
    public var knownBenign: [KnownBenignEntry] { falsePositives + (usesCatalogue ? catalogue : []) }
}
