import BeaconEngine

/// One timer-driven series: a process on one device checking in to one destination. Beacons, benign
/// services, benign agents and the periodic traffic the query must ignore are all this, with their own
/// behaviour.
///
/// Check-in k is scheduled one jittered delay after check-in k−1. Exact timers are logged with up to
/// ±20 ms of scheduling noise, which never moves them across a second boundary (their sub-second phase is
/// kept in 0.3–0.7 s), so an exact sleep gives exactly equal deltas; only the deliberate late check-ins of
/// the near-perfect variant cross one.
public struct PeriodicSeries: EventSource, Sendable {
    let template: EventTemplate
    /// `ConnectionFailed`, for logged missed check-ins.
    let failedAction: StringTable.ID
    let behaviour: PeriodicBehaviour
    let offline: [ClosedRange<Int64>]
    let start: Int64
    let end: Int64
    private var rng: Xoshiro256StarStar
    private var scheduled: Int64
    private var checkIn = 0
    /// Check-in indices chosen to miss or run late (sorted, never adjacent).
    private let missIndices: Set<Int>
    private let lateIndices: Set<Int>
    private var pending: [GeneratedEvent] = []
    private var pendingIndex = 0
    /// Check-ins inside the data that failed (logged or not) and that ran late, so far: the truth file
    /// states what actually happened, not what was asked for.
    public private(set) var missedCheckIns = 0
    public private(set) var lateCheckInsMade = 0

    static let noiseTicks: Int64 = 200_000  // 20 ms

    init(template: EventTemplate, failedAction: StringTable.ID, behaviour: PeriodicBehaviour,
         offline: [ClosedRange<Int64>], start: Int64, end: Int64, rng: Xoshiro256StarStar) {
        self.template = template
        self.failedAction = failedAction
        self.behaviour = behaviour
        self.offline = offline
        self.start = start
        self.end = end
        self.rng = rng
        let second = Instant.ticksPerSecond
        let sleepTicks = Int64(behaviour.sleepSeconds * Double(second))
        // First check-in somewhere in the first sleep, then its sub-second phase set for exact timers.
        var first = start + Int64(self.rng.uniform() * Double(sleepTicks))
        if behaviour.lateCheckIns > 0 {
            first = first - first % second + 2_500_000 + Int64(self.rng.int(below: 200_000))
        } else if behaviour.jitterStyle == .none {
            first = first - first % second + 3_000_000 + Int64(self.rng.int(below: 4_000_000))
        }
        scheduled = first
        let expectedCheckIns = Int(Double(end - first) / (behaviour.meanDelaySeconds * Double(second)))
        var missCount = 0
        if case .exactly(let count) = behaviour.misses { missCount = count }
        let chosen = Self.spreadIndices(count: missCount + behaviour.lateCheckIns, of: expectedCheckIns,
                                        rng: &self.rng)
        missIndices = Set(chosen.prefix(missCount))
        lateIndices = Set(chosen.dropFirst(missCount))
    }

    public mutating func next() -> GeneratedEvent? {
        while pendingIndex == pending.count {
            guard refill() else { return nil }
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    /// Generates the next check-in that leaves rows; false once the schedule passes the end.
    private mutating func refill() -> Bool {
        pending.removeAll(keepingCapacity: true)
        pendingIndex = 0
        let second = Double(Instant.ticksPerSecond)
        while pending.isEmpty {
            guard scheduled <= end else { return false }
            let index = checkIn
            // Scheduling noise only on exact timers: on a jittered one it could push a delay past the
            // sleep (a 5 s Cobalt Strike delay to a 6 s delta) and add outliers the design does not intend.
            var time = scheduled
            if behaviour.jitterStyle == .none { time += Int64(rng.uniform(-1, 1) * Double(Self.noiseTicks)) }
            let delay = behaviour.jitterStyle.delay(sleep: behaviour.sleepSeconds, jitter: behaviour.jitter, &rng)
            scheduled += Int64((delay * second).rounded())
            checkIn += 1
            if offline.contains(where: { $0.contains(time) }) { continue }
            if let hours = behaviour.activeHours, !hours.contains(time) { continue }
            let late = lateIndices.contains(index)
            if late { time += 8_000_000 + Int64(rng.int(below: 1_000_000)) }
            guard time >= start && time <= end else { continue }
            if late { lateCheckInsMade += 1 }

            let missed: Bool
            switch behaviour.misses {
            case .none: missed = false
            case .random(let probability): missed = rng.chance(probability)
            case .exactly: missed = missIndices.contains(index)
            }
            if missed {
                missedCheckIns += 1
                if behaviour.missesLogged {
                    var failed = template.event(at: time, localPort: ephemeralPort())
                    failed.action = failedAction
                    pending.append(failed)
                }
                continue
            }
            pending.append(template.event(at: time, localPort: ephemeralPort()))
            switch behaviour.connections {
            case .single: break
            case .duplicated:
                for _ in 0..<(rng.chance(0.3) ? 2 : 1) {
                    pending.append(template.event(at: time, localPort: ephemeralPort()))
                }
            case .burst:
                let second = time + 2_000_000 + Int64(rng.int(below: 4_000_000))
                if second <= end { pending.append(template.event(at: second, localPort: ephemeralPort())) }
            case .followUp:
                let second = time + 10_000_000 + Int64(rng.int(below: 50_000_000))
                if second <= end { pending.append(template.event(at: second, localPort: ephemeralPort())) }
            }
        }
        return true
    }

    private mutating func ephemeralPort() -> Int32 { Int32(49_152 + rng.int(below: 16_384)) }

    /// `count` distinct check-in indices, at least three apart and clear of both ends, so each miss or late
    /// check-in shows as its own outlying delta. None when the series is too short to spread them (a few
    /// hours of a slow beacon); the truth file counts what actually happened.
    static func spreadIndices<R: RandomSource>(count: Int, of total: Int, rng: inout R) -> [Int] {
        guard count > 0 else { return [] }
        let low = 2, high = total - 3
        guard high - low >= count * 3 else { return [] }
        var chosen: [Int] = []
        while chosen.count < count {
            let candidate = rng.int(in: low...high)
            if chosen.allSatisfy({ abs($0 - candidate) >= 3 }) { chosen.append(candidate) }
        }
        return chosen
    }
}
