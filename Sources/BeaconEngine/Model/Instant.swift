/// A point in time as Kusto stores a `datetime`: a count of 100-nanosecond ticks, here counted from
/// the Unix epoch (1970-01-01T00:00:00Z).
///
/// Keeping ticks, not milliseconds, matters: `datetime_diff('second', …)` floors each operand to its
/// second, so rounding an input to milliseconds can move an event into the next second and change two
/// deltas (spec S4).
public struct Instant: Hashable, Comparable, Sendable {
    public var ticks: Int64

    public init(ticks: Int64) { self.ticks = ticks }

    public static let ticksPerSecond: Int64 = 10_000_000
    public static let ticksPerMillisecond: Int64 = 10_000
    public static let ticksPerDay: Int64 = 86_400 * ticksPerSecond

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.ticks < rhs.ticks }

    public static func + (lhs: Instant, span: Int64) -> Instant { Instant(ticks: lhs.ticks &+ span) }
    public static func - (lhs: Instant, span: Int64) -> Instant { Instant(ticks: lhs.ticks &- span) }
}
