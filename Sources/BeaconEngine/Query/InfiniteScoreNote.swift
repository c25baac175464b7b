import KQL

/// What a `±∞` outlier score means, said where one is shown (the explain trail, the console's outliers,
/// the Markdown report). Without it a near-perfect beacon rejected for "outliers 14 > 3" reads as
/// irregular, when it is too regular: most deltas are equal, so P10 = P90 and series_outliers divides
/// by a zero spread (quirk Q13). Only the words are here; the scores stay as the query computes them.
public enum InfiniteScoreNote {
    /// Why the score is infinite. Short enough, with `±∞: `, for the console's side pane at 120 columns.
    public static let cause = "P10 = P90: division by zero (Q13)"

    /// What corrected mode does about it, with its floor read from the basis so the two cannot disagree.
    public static let remedy =
        "corrected mode needs a spread ≥ \(formatOneDecimal(QueryBasis(mode: .corrected).minimumOutlierSpread)) s"

    /// Both, as one phrase.
    public static let phrase = "\(cause); \(remedy)"

    /// How many of `scores` are infinite and count as outliers (`> high` or `< low`).
    public static func count<Scores: Sequence<Double>>(_ scores: Scores, high: Double, low: Double) -> Int {
        var count = 0
        for score in scores where score.isInfinite && (score > high || score < low) { count += 1 }
        return count
    }
}
