import BeaconEngine

/// How a C2 framework (or any timer-driven client) spreads its check-ins around its sleep.
public enum JitterStyle: String, Sendable {
    /// An exact timer: every check-in one sleep after the last.
    case none
    /// Cobalt Strike: each sleep is shortened by a random fraction up to the jitter, `sleep × (1 − U(0, j))`.
    case cobaltStrike
    /// Empire, PoshC2, Sliver: each sleep varies either way, `sleep × (1 ± U(0, j))`.
    case symmetric

    /// The delay before the next check-in, in seconds.
    func delay<R: RandomSource>(sleep: Double, jitter: Double, _ rng: inout R) -> Double {
        switch self {
        case .none: sleep
        case .cobaltStrike: sleep * (1 - rng.uniform() * jitter)
        case .symmetric: sleep * (1 + (2 * rng.uniform() - 1) * jitter)
        }
    }

    /// The expected delay, for sizing a series before it is generated.
    func meanDelay(sleep: Double, jitter: Double) -> Double {
        self == .cobaltStrike ? sleep * (1 - jitter / 2) : sleep
    }
}

/// Everything that shapes one periodic series' timestamps, including the awkward real-world variants the
/// query stumbles on.
public struct PeriodicBehaviour: Sendable {
    /// Connections made at one check-in.
    public enum Connections: Sendable, Equatable {
        /// One connection.
        case single
        /// The same connection logged two or three times with the identical timestamp (collapsed by
        /// `make_set`, quirk Q5).
        case duplicated
        /// A second connection 0.2–0.6 s after the first: same-second or next-second pairs, so every other
        /// delta is 0 or 1 s (quirk Q15).
        case burst
        /// A second connection 1–6 s after the first: the implant fetching its task or posting its output
        /// right after the check-in, so deltas alternate between a few seconds and the rest of the sleep.
        case followUp
    }

    /// Check-ins that do not reach the server.
    public enum Misses: Sendable, Equatable {
        case none
        /// Each check-in fails with this probability.
        case random(probability: Double)
        /// Exactly this many check-ins fail, spread over the series away from its ends.
        case exactly(Int)
    }

    public var sleepSeconds: Double
    public var jitterStyle: JitterStyle
    /// 0...1 (the percent in the truth file is this × 100).
    public var jitter: Double
    public var connections: Connections = .single
    public var misses: Misses = .none
    /// Whether a missed check-in is still logged, as `ConnectionFailed` (dropped by the ActionType filter,
    /// quirk Q1), or leaves no row at all.
    public var missesLogged = false
    /// Check-ins the timer fires 0.8–0.9 s late: with an exact sleep and a sub-second phase of about 0.25 s
    /// each one crosses a second boundary, giving one `sleep + 1` and one `sleep − 1` delta.
    public var lateCheckIns = 0
    /// When set, check-ins falling outside these hours are skipped (the host is shut or asleep): the
    /// timer keeps its phase, so the first check-in of a morning lands wherever the schedule puts it.
    public var activeHours: WeeklyHours?

    public init(sleepSeconds: Double, jitterStyle: JitterStyle, jitter: Double) {
        self.sleepSeconds = sleepSeconds
        self.jitterStyle = jitterStyle
        self.jitter = jitter
    }

    var meanDelaySeconds: Double { jitterStyle.meanDelay(sleep: sleepSeconds, jitter: jitter) }
}

/// Office hours of a week: the days and local hours a workstation is on.
///
/// The series only ever asks "is this instant inside?", so a check-in that the schedule excludes simply
/// leaves no row, as a powered-off laptop leaves none.
public struct WeeklyHours: Sendable, Equatable {
    /// Days the host is on, 0 = Monday … 6 = Sunday.
    public var days: Set<Int>
    /// Local hours [first, last): 8..<18 is 08:00 to 17:59:59.
    public var hours: Range<Int>
    /// Local time minus UTC, in seconds (0: local time is UTC).
    public var utcOffsetSeconds: Int64

    public init(days: Set<Int>, hours: Range<Int>, utcOffsetSeconds: Int64 = 0) {
        self.days = days
        self.hours = hours
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Monday to Friday, 08:00–18:00 local time.
    public static func officeHours(utcOffsetSeconds: Int64 = 0) -> WeeklyHours {
        WeeklyHours(days: [0, 1, 2, 3, 4], hours: 8..<18, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// Day of the week (0 = Monday) and hour of `ticks` (100 ns since the Unix epoch) in local time.
    public func localDayAndHour(_ ticks: Int64) -> (day: Int, hour: Int) {
        let seconds = ticks / Instant.ticksPerSecond + utcOffsetSeconds
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        let weekday = Int(((dayNumber + 3) % 7 + 7) % 7)
        let secondOfDay = seconds - dayNumber * 86_400
        return (weekday, Int(secondOfDay / 3600))
    }

    public func contains(_ ticks: Int64) -> Bool {
        let (day, hour) = localDayAndHour(ticks)
        return days.contains(day) && hours.contains(hour)
    }
}
