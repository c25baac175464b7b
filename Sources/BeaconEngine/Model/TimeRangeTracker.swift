/// The earliest and latest of a run of timestamps, kept as they go by.
///
/// Readers fold each event's time in as they append it, so that a file's time range costs two
/// comparisons an event instead of a second pass over millions of rows; `WindowFit` folds the table's
/// timestamp column the same way, so both mean the same thing by a range of event times.
public struct TimeRangeTracker: Sendable, Equatable {
    private var earliest = Int64.max
    private var latest = Int64.min

    public init() {}

    @inline(__always)
    public mutating func include(_ ticks: Int64) {
        earliest = Swift.min(earliest, ticks)
        latest = Swift.max(latest, ticks)
    }

    public mutating func include(_ other: TimeRangeTracker) {
        earliest = Swift.min(earliest, other.earliest)
        latest = Swift.max(latest, other.latest)
    }

    /// The earliest through the latest time included; nil when nothing was.
    public var range: ClosedRange<Instant>? {
        earliest <= latest ? Instant(ticks: earliest)...Instant(ticks: latest) : nil
    }
}
