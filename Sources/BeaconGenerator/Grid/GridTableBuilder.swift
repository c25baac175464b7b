import BeaconEngine

/// Places the grid's groups on the fleet for one window and gives each its key and rows.
struct GridTableBuilder {
    let window: GridWindow
    let devices: [Device]
    let start: Int64
    let end: Int64
    let streams: RandomStreams
    private var groups: [GridGroup] = []
    private var keys: Set<BeaconKey> = []
    /// Devices that go off the network, and when: applied to every group on them at the end.
    private var offline: [Int: [ClosedRange<Int64>]] = [:]
    private var placement: Xoshiro256StarStar
    private var series = 0

    init(window: GridWindow, devices: [Device], start: Int64, end: Int64, streams: RandomStreams) {
        self.window = window
        self.devices = devices
        self.start = start
        self.end = end
        self.streams = streams
        placement = streams.stream("grid-placement")
    }

    /// Each replicate of each cell on its own device, to its own C2 address, so the query's device count
    /// (per process and destination) sees one device, as a targeted implant would.
    mutating func addBeacons(replicates: Int) {
        var c2 = 0
        let hour = 3600 * Instant.ticksPerSecond
        for cell in window.cells {
            for (replicate, device) in distinctDevices(replicates).enumerated() {
                var rng = streams.stream("grid-beacon-identity", series)
                precondition(c2 < GridNames.c2Addresses, "more beacons in one table than C2 addresses")
                let ip = cell.variant == .ipv6 ? GridNames.c2IPv6(&rng) : GridNames.c2Address(c2)
                c2 += 1
                let url = rng.chance(0.5) ? GridNames.c2Domain(&rng) : ""
                let host = devices[device]
                let key = BeaconKey(deviceId: host.deviceId, deviceName: host.name,
                                    initiatingProcessAccountName: host.userName,
                                    initiatingProcessAccountDomain: host.userDomain,
                                    initiatingProcessFileName: rng.pick(GridNames.implantProcesses),
                                    remoteIP: ip, remotePort: rng.pick(GridNames.ports))
                var away: [ClosedRange<Int64>] = []
                if cell.variant == .offlineHost {
                    // Off for 6–14 h once, somewhere in the middle of the window.
                    let from = start + Int64(rng.uniform(0.25, 0.6) * Double(end - start))
                    away = [from...(from + Int64(rng.uniform(6, 14) * Double(hour)))]
                    offline[device, default: []] += away
                }
                let times = GridSeries.beacon(cell, start: start, end: end, offline: away, streams: streams,
                                              index: series)
                series += 1
                let label = GridLabel(family: .malicious, knownName: false, cell: cell, replicate: replicate,
                                      summary: "beacon " + cell.name)
                add(GridGroup(key: key, remoteUrl: url, timestamps: times, label: label))
            }
        }
    }

    /// Benign timer-driven software: agents on 1–3 devices each, services on their share of the fleet.
    mutating func addPeriodic(_ programs: [GridAgent], family: GridFamily) {
        for (index, program) in programs.enumerated() {
            let count = family == .benignService
                ? Int((program.share * Double(devices.count)).rounded()) : placement.int(in: 1...3)
            let ip = GridNames.agentAddress(index, service: family == .benignService)
            let behaviour = PeriodicBehaviour(sleepSeconds: program.sleep, jitterStyle: program.style,
                                              jitter: program.jitter)
            for device in distinctDevices(count) {
                let host = devices[device]
                let account = program.account.map { ($0.name, $0.domain.isEmpty ? host.shortName : $0.domain) }
                    ?? (host.userName, host.userDomain)
                let key = BeaconKey(deviceId: host.deviceId, deviceName: host.name,
                                    initiatingProcessAccountName: account.0, initiatingProcessAccountDomain: account.1,
                                    initiatingProcessFileName: program.process, remoteIP: ip, remotePort: program.port)
                let times = GridSeries.periodic(behaviour, start: start, end: end,
                                                rng: streams.stream("grid-periodic", series))
                series += 1
                let kind = family == .benignService ? "service" : "agent"
                let label = GridLabel(family: family, knownName: program.known, cell: nil, replicate: 0,
                                      summary: "\(kind) \(program.process) every \(GridCell.sleepText(program.sleep))")
                add(GridGroup(key: key, remoteUrl: program.url, timestamps: times, label: label))
            }
        }
    }

    /// Poisson noise: rates log-uniform from one per 6 h to one per 10 s, 10–2,000 events (log-uniform).
    mutating func addNoise(count: Int) {
        for _ in 0..<count {
            var rng = streams.stream("grid-noise", series)
            series += 1
            let rate = DeterministicMath.exp(rng.uniform(DeterministicMath.ln(1.0 / 21_600), DeterministicMath.ln(0.1)))
            let events = Int(DeterministicMath.exp(rng.uniform(DeterministicMath.ln(10), DeterministicMath.ln(2000))))
            let times = GridSeries.poisson(rate: rate, count: events, start: start, end: end, rng: &rng)
            let label = GridLabel(family: .noise, knownName: false, cell: nil, replicate: 0,
                                  summary: "poisson 1/\(Int(1 / rate))s")
            addUserGroup(times, processes: GridNames.userProcesses, label: label, rng: &rng)
        }
    }

    /// Browsing sessions of a user's browser to one site, on workstations and laptops.
    mutating func addBrowsing(count: Int) {
        for _ in 0..<count {
            var rng = streams.stream("grid-browsing", series)
            series += 1
            let times = GridSeries.browsing(start: start, end: end, rng: &rng)
            let label = GridLabel(family: .noise, knownName: false, cell: nil, replicate: 0, summary: "browsing")
            addUserGroup(times, processes: ["chrome.exe", "msedge.exe", "firefox.exe"], label: label, rng: &rng)
        }
    }

    /// A user process on a random client to a random web site; another draw when that key is taken.
    private mutating func addUserGroup(_ times: [Int64], processes: [String], label: GridLabel,
                                       rng: inout Xoshiro256StarStar) {
        guard !times.isEmpty else { return }
        let clients = devices.indices.filter { devices[$0].kind != .server }
        while true {
            let host = devices[rng.pick(clients)]
            let site = GridNames.webSite(rng.int(below: 400))
            let key = BeaconKey(deviceId: host.deviceId, deviceName: host.name,
                                initiatingProcessAccountName: host.userName, initiatingProcessAccountDomain: host.userDomain,
                                initiatingProcessFileName: rng.pick(processes), remoteIP: site.ip, remotePort: 443)
            if !keys.contains(key) {
                add(GridGroup(key: key, remoteUrl: site.host, timestamps: times, label: label))
                return
            }
        }
    }

    private mutating func add(_ group: GridGroup) {
        precondition(keys.insert(group.key).inserted, "two grid groups share the key of \(group.label.summary)")
        groups.append(group)
    }

    /// `count` distinct device indices (all of them when the fleet is smaller).
    private mutating func distinctDevices(_ count: Int) -> [Int] {
        var indices = Array(devices.indices)
        let wanted = min(count, indices.count)
        for i in 0..<wanted { indices.swapAt(i, i + placement.int(below: indices.count - i)) }
        return Array(indices.prefix(wanted))
    }

    /// The groups, with rows of offline devices removed and empty groups dropped.
    func finished() -> [GridGroup] {
        let byId = Dictionary(uniqueKeysWithValues: offline.map { (devices[$0.key].deviceId, $0.value) })
        return groups.compactMap { group in
            var group = group
            if let away = byId[group.key.deviceId] {
                group.timestamps.removeAll { time in away.contains { $0.contains(time) } }
            }
            return group.timestamps.isEmpty ? nil : group
        }
    }
}
