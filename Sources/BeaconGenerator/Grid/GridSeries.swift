import BeaconEngine

/// The timestamps of the grid's groups. Only times are made here; the table puts keys on them.
enum GridSeries {
    /// A series' rows carry no strings the grid reads, so one empty template serves every series.
    static let template = EventTemplate(device: 0, action: 0, remoteIP: 0, remotePort: 0, remoteUrl: 0,
                                        remoteIPType: 0, localIP: 0, transport: 0, process: 0, account: 0,
                                        accountDomain: 0, processId: 0)

    /// Drains a periodic series between `start` and `end` (inclusive).
    static func periodic(_ behaviour: PeriodicBehaviour, start: Int64, end: Int64,
                         offline: [ClosedRange<Int64>] = [], rng: Xoshiro256StarStar) -> [Int64] {
        var series = PeriodicSeries(template: template, failedAction: 0, behaviour: behaviour, offline: offline,
                                    start: start, end: end, rng: rng)
        var times: [Int64] = []
        while let event = series.next() { times.append(event.ticks) }
        return times
    }

    /// One replicate of a beacon cell. `streams` and `index` name its random streams, so a replicate draws
    /// the same numbers whatever else the table holds.
    static func beacon(_ cell: GridCell, start: Int64, end: Int64, offline: [ClosedRange<Int64>],
                       streams: RandomStreams, index: Int) -> [Int64] {
        var behaviour = PeriodicBehaviour(sleepSeconds: cell.sleepSeconds, jitterStyle: cell.style,
                                          jitter: cell.jitter)
        // Unlogged: a check-in that never reaches the server leaves no row (a logged failure would be a
        // ConnectionFailed row, which only the corrected ActionType filter keeps).
        if cell.missing > 0 { behaviour.misses = .random(probability: cell.missing) }
        switch cell.variant {
        case .workingHours: behaviour.activeHours = .officeHours()
        case .burst: behaviour.connections = .followUp
        case .duplicateTimestamps: behaviour.connections = .duplicated
        default: break
        }
        var times = periodic(behaviour, start: start, end: end, offline: offline,
                             rng: streams.stream("grid-beacon", index))
        if cell.variant == .twoImplants {
            // The second implant: the same framework at five times the sleep (60 s and 300 s).
            var slow = behaviour
            slow.sleepSeconds = cell.sleepSeconds * 5
            times += periodic(slow, start: start, end: end, offline: offline,
                              rng: streams.stream("grid-beacon-second", index))
            times.sort()
        }
        if cell.variant == .wholeSeconds {
            times = times.map { $0 - $0 % Instant.ticksPerSecond }
        }
        return times
    }

    /// Poisson noise: `count` events with exponential gaps at `rate` per second, starting at a random time
    /// that leaves room for them, cut at the window's end.
    static func poisson(rate: Double, count: Int, start: Int64, end: Int64, rng: inout Xoshiro256StarStar) -> [Int64] {
        let second = Double(Instant.ticksPerSecond)
        let span = Double(end - start) / second
        let needed = Double(count) / rate
        var time = Double(start) + rng.uniform() * max(0, span - needed) * second
        var times: [Int64] = []
        times.reserveCapacity(count)
        while times.count < count {
            time += rng.exponential(mean: 1 / rate) * second
            guard time <= Double(end) else { break }
            times.append(Int64(time))
        }
        return times
    }

    /// Browsing: on weekdays 0–4 sessions at random times in working hours (rarely one at a weekend), each
    /// a run of 3–15 connections a few seconds apart as pages load and the user clicks on.
    static func browsing(start: Int64, end: Int64, rng: inout Xoshiro256StarStar) -> [Int64] {
        let day = Instant.ticksPerDay, second = Instant.ticksPerSecond
        let hours = WeeklyHours.officeHours()
        var times: [Int64] = []
        var midnight = start - start % day
        while midnight < end {
            let weekday = hours.localDayAndHour(midnight).day < 5
            let sessions = weekday ? rng.int(in: 0...4) : (rng.chance(0.2) ? 1 : 0)
            var starts = (0..<sessions).map { _ in midnight + 8 * 3600 * second + Int64(rng.uniform() * 36_000) * second }
            starts.sort()
            for sessionStart in starts {
                var time = sessionStart + Int64(rng.int(below: Int(second)))
                for _ in 0..<rng.int(in: 3...15) {
                    if time >= start && time <= end { times.append(time) }
                    time += Int64(rng.logNormal(median: 4, sigma: 1) * Double(second))
                }
            }
            midnight += day
        }
        return times.sorted()
    }
}
