import BeaconEngine

/// One designed series on one device: the unit the query groups (its 7 key columns are fixed) and the
/// unit of the truth file.
struct SeriesInstance: Sendable {
    let spec: SeriesSpec
    let device: Device
    let accountName: String
    let accountDomain: String
    let remoteIP: String
    /// The series, unstarted; copies are run for the truth and the original is written.
    let source: PeriodicSeries
    /// The device's offline intervals overlapping the data, for the reasons in the truth file.
    var offlineSeconds: Int64 {
        device.offline.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) / Instant.ticksPerSecond }
    }
}

/// The fleet, the string table and every designed series, placed on devices; noise is added by
/// `NoisePlan` once the periodic volume is known.
struct Scenario: Sendable {
    var table = StringTable()
    let config: GeneratorConfig
    let streams: RandomStreams
    var fleet: Fleet
    var series: [SeriesInstance] = []
    var accounts: Accounts
    let start: Int64
    let end: Int64

    init(_ config: GeneratorConfig) {
        self.config = config
        streams = RandomStreams(seed: config.seed)
        start = config.startTicks
        end = config.end.ticks
        fleet = Fleet(count: config.devices, streams: streams, table: &table)
        accounts = Accounts(table: &table)
        for action in ActionType.allCases { _ = table.intern(action.rawValue) }
        for type in RemoteIPType.allCases { _ = table.intern(type.rawValue) }
        for transport in TransportProtocol.allCases { _ = table.intern(transport.rawValue) }
        let (eligible, offlineHost) = scheduleOffline()
        place(eligible: eligible, offlineHost: offlineHost)
    }

    /// Takes about 5 % of laptops off the network for 6–10 hours (lid closed), and picks the laptop that
    /// carries the offline-host beacon, off for 5 hours in the middle of the data. Returns the devices left
    /// always online, in a seeded random order, for placing the beacons and agents.
    private mutating func scheduleOffline() -> (eligible: [Int], offlineHost: Int) {
        var rng = streams.stream("offline")
        let hour = 3600 * Instant.ticksPerSecond
        var order = Array(0..<fleet.count)
        rng.shuffle(&order)
        let laptops = order.filter { fleet[$0].kind == .laptop }
        let offlineHost = laptops.first ?? order[0]
        let span = end - start
        let gap = min(5 * hour, span / 4)
        let gapStart = start + span * 45 / 100
        fleet.setOffline(offlineHost, [gapStart...(gapStart + gap)])

        var sleepers = Set<Int>()
        for device in laptops.dropFirst().prefix(laptops.count / 20) {
            let length = Int64(rng.uniform(6, 10) * Double(hour))
            let from = start + Int64(rng.uniform() * Double(max(1, span - 2 * hour)))
            fleet.setOffline(device, [from...min(end, from + length)])
            sleepers.insert(device)
        }
        return (order.filter { $0 != offlineHost && !sleepers.contains($0) }, offlineHost)
    }

    /// Puts every catalogue series on its devices. Beacons and agents take devices in turn from the
    /// always-online list, so they spread over the fleet; services take their share of all devices.
    private mutating func place(eligible: [Int], offlineHost: Int) {
        var rotation = 0
        for spec in Catalogue.everything {
            let devices: [Int]
            switch spec.placement {
            case .offlineHost:
                devices = [offlineHost]
            case .few(let count, let prefer):
                let preferred = eligible.filter { prefer.contains(fleet[$0].kind) }
                let pool = preferred.count >= count ? preferred : eligible
                devices = (0..<count).map { pool[(rotation + $0) % pool.count] }
                rotation += count
            case .share(let fraction, let kinds):
                var rng = streams.stream("placement-" + spec.name)
                var pool = (0..<fleet.count).filter { kinds.contains(fleet[$0].kind) }
                rng.shuffle(&pool)
                let wanted = max(min(11, pool.count), Int((fraction * Double(pool.count)).rounded()))
                devices = Array(pool.prefix(wanted)).sorted()
            }
            for device in devices { series.append(instance(spec, on: fleet[device])) }
        }
    }

    private mutating func instance(_ spec: SeriesSpec, on device: Device) -> SeriesInstance {
        let account: (StringTable.ID, StringTable.ID)
        switch spec.account {
        case .user: account = Accounts.user(device)
        case .system: account = accounts.system
        case .localService: account = accounts.localService
        case .networkService: account = accounts.networkService
        case .local(let name): account = (table.intern(name), table.intern(device.shortName))
        }
        let remoteIP: String
        switch spec.destination {
        case .fixed(let ip): remoteIP = ip
        case .subnetBroadcast:
            remoteIP = device.localIPv4.split(separator: ".").prefix(3).joined(separator: ".") + ".255"
        }
        let localIP: StringTable.ID
        switch spec.remoteIPType {
        case .loopback: localIP = table.intern("127.0.0.1")
        case .fourToSixMapping: localIP = device.ids.localIPv4Mapped
        default: localIP = remoteIP.contains(":") ? device.ids.localIPv6 : device.ids.localIPv4
        }
        let template = EventTemplate(
            device: Int32(device.index), action: table.intern(spec.action.rawValue), remoteIP: table.intern(remoteIP),
            remotePort: spec.remotePort, remoteUrl: table.intern(spec.remoteUrl),
            remoteIPType: table.intern(spec.remoteIPType.rawValue), localIP: localIP,
            transport: table.intern(spec.transport.rawValue), process: table.intern(spec.process),
            account: account.0, accountDomain: account.1, processId: processId(spec.process, on: device))
        let source = PeriodicSeries(
            template: template, failedAction: table.intern(ActionType.connectionFailed.rawValue),
            behaviour: spec.behaviour, offline: device.offline, start: start, end: end,
            rng: streams.stream("series-" + spec.name, device.index))
        return SeriesInstance(spec: spec, device: device, accountName: table[account.0],
                              accountDomain: table[account.1], remoteIP: remoteIP, source: source)
    }

    /// Every address a designed series uses, kept out of the browsing pool so no browsing row shares a
    /// series' group.
    var seriesAddresses: Set<String> { Set(series.map(\.remoteIP)) }

    /// The last row of the file, exactly at `end`: a DNS query from a server (servers never go offline) to a
    /// domain controller. It pins the data's latest timestamp, and so the query's window; the query itself
    /// ignores it (private address).
    mutating func anchorEvent() -> GeneratedEvent {
        let device = fleet.devices.first { $0.kind == .server } ?? fleet[0]
        return GeneratedEvent(
            ticks: end, device: Int32(device.index), action: table.intern(ActionType.connectionSuccess.rawValue),
            remoteIP: table.intern("10.10.254.2"), remotePort: 53, remoteUrl: StringTable.empty,
            remoteIPType: table.intern(RemoteIPType.privateAddress.rawValue), localIP: device.ids.localIPv4,
            localPort: 53_117, transport: table.intern(TransportProtocol.udp.rawValue),
            process: table.intern("svchost.exe"), account: accounts.networkService.0,
            accountDomain: accounts.networkService.1, processId: processId("svchost.exe", on: device))
    }
}
