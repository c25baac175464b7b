import BeaconEngine

/// The parameters of browsing noise: bursty, heavy-tailed sessions to many public destinations.
///
/// A session is a run of page loads (Pareto-many, so most sessions are short and a few are very long);
/// a page load opens connections to several sites at once, two or more to each (browsers open
/// connections in parallel), then the user reads for a log-normal while. The parallel connections make
/// same-second timestamps to every site visited, so no site's deltas ever look periodic to the query
/// (their jitter is far above 50 %).
struct BrowsingParameters: Sendable {
    /// Pareto shape of pages per session (below 2: heavy tail) and the cap on one session.
    var pagesAlpha = 1.6
    var maxPages = 200
    /// Sites contacted per page load: uniform 1...maxSitesPerPage.
    var maxSitesPerPage = 6
    /// Connections per site per page: 2, plus one with 40 %, plus one more with 10 %.
    var extraConnectionChances = [0.4, 0.1]
    /// Reading time between page loads (median seconds, log-scale spread).
    var thinkMedian = 12.0
    var thinkSigma = 1.0

    /// Mean pages per session: E[min(maxPages, ceil(Pareto(1, alpha)))] = 1 + Σ_{j=1}^{max−1} j^−alpha.
    var meanPages: Double {
        var sum = 1.0
        for j in 1..<maxPages { sum += DeterministicMath.exp(-pagesAlpha * DeterministicMath.ln(Double(j))) }
        return sum
    }

    var meanConnectionsPerPage: Double {
        Double(maxSitesPerPage + 1) / 2 * (2 + extraConnectionChances.reduce(0, +))
    }

    var meanEventsPerSession: Double { meanPages * meanConnectionsPerPage }

    /// Mean session length in seconds (reading between pages plus the page loads themselves).
    var meanSessionSeconds: Double {
        let meanThink = thinkMedian * DeterministicMath.exp(thinkSigma * thinkSigma / 2)
        return (meanPages - 1) * meanThink + meanPages * 1.5
    }

    /// Scales the page size up when a device must make more connections than sessions can hold at a
    /// realistic pace, so `--events` is met even on small fleets.
    mutating func fit(eventsPerActiveSecond rate: Double) {
        while rate * meanSessionSeconds / meanEventsPerSession > 0.5, maxSitesPerPage < 400 {
            maxSitesPerPage *= 2
        }
    }
}

/// One device's browsing: sessions arriving as a Poisson process thinned by working hours, each a burst
/// of page loads. The processes are the device's browser, plus Outlook and Teams.
struct BrowsingSource: EventSource {
    let device: Device
    let web: WebDestinations
    let parameters: BrowsingParameters
    let hours: WorkingHours
    /// Session arrivals per second at peak intensity.
    let sessionRate: Double
    let start: Int64
    let end: Int64
    let browser: (process: StringTable.ID, pid: UInt32)
    let others: [(process: StringTable.ID, pid: UInt32)]
    let strings: BrowsingStrings
    private var rng: Xoshiro256StarStar
    private var clock: Int64
    private var pagesLeft = 0
    private var pending: [GeneratedEvent] = []
    private var pendingIndex = 0

    init(device: Device, web: WebDestinations, parameters: BrowsingParameters, sessionRate: Double,
         start: Int64, end: Int64, browser: (StringTable.ID, UInt32), others: [(StringTable.ID, UInt32)],
         strings: BrowsingStrings, rng: Xoshiro256StarStar) {
        self.device = device
        self.web = web
        self.parameters = parameters
        self.hours = WorkingHours(kind: device.kind)
        self.sessionRate = sessionRate
        self.start = start
        self.end = end
        self.browser = browser
        self.others = others
        self.strings = strings
        self.rng = rng
        clock = start
    }

    mutating func next() -> GeneratedEvent? {
        while pendingIndex == pending.count {
            guard refill() else { return nil }
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    private mutating func refill() -> Bool {
        pending.removeAll(keepingCapacity: true)
        pendingIndex = 0
        guard sessionRate > 0 else { return false }
        let second = Double(Instant.ticksPerSecond)
        while pending.isEmpty {
            if pagesLeft == 0 {
                // Next session: thinning of a Poisson process at the peak rate.
                repeat {
                    clock += Int64(rng.exponential(mean: 1 / sessionRate) * second)
                    if clock > end { return false }
                } while !rng.chance(hours.intensity(at: clock) / WorkingHours.peak) || device.isOffline(clock)
                pagesLeft = min(parameters.maxPages, Int(rng.pareto(minimum: 1, alpha: parameters.pagesAlpha).rounded(.up)))
            } else {
                clock += Int64(rng.logNormal(median: parameters.thinkMedian, sigma: parameters.thinkSigma) * second)
            }
            if clock > end { return false }
            pagesLeft -= 1
            loadPage(at: clock)
        }
        pending.sort { $0.ticks < $1.ticks }
        clock = pending[pending.count - 1].ticks
        return true
    }

    /// One page load: connections to 1...maxSitesPerPage sites within about 1.5 s.
    private mutating func loadPage(at time: Int64) {
        guard !device.isOffline(time) else { return }
        let (process, pid) = rng.chance(0.85) ? browser : rng.pick(others)
        for _ in 0..<rng.int(in: 1...parameters.maxSitesPerPage) {
            let site = web.pick(&rng)
            let ip = rng.pick(site.ips)
            let url: StringTable.ID
            switch rng.int(below: 20) {
            case 0..<14: url = site.hostURL
            case 14: url = site.fullURL
            default: url = StringTable.empty
            }
            var connections = 2
            for chance in parameters.extraConnectionChances where rng.chance(chance) { connections += 1 }
            var offset = Int64(rng.exponential(mean: 0.4) * Double(Instant.ticksPerSecond))
            for _ in 0..<connections {
                let ticks = time + offset
                offset += Int64(rng.uniform(0.01, 0.5) * Double(Instant.ticksPerSecond))
                guard ticks <= end else { continue }
                let udp = site.quic && rng.chance(0.3)
                pending.append(GeneratedEvent(
                    ticks: ticks, device: Int32(device.index), action: strings.success, remoteIP: ip,
                    remotePort: site.port, remoteUrl: url, remoteIPType: strings.publicType,
                    localIP: device.ids.localIPv4, localPort: Int32(49_152 + rng.int(below: 16_384)),
                    transport: udp ? strings.udp : strings.tcp, process: process, account: device.ids.userName,
                    accountDomain: device.ids.userDomain, processId: pid))
            }
        }
    }
}

/// The fixed strings browsing rows use, interned once.
struct BrowsingStrings: Sendable {
    var success: StringTable.ID
    var publicType: StringTable.ID
    var tcp: StringTable.ID
    var udp: StringTable.ID
}
