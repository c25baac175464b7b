import BeaconEngine

/// The kinds of background traffic the query must ignore, each removed by one of its event filters:
/// non-public address types (RemoteIPType filter), no remote address (listening sockets), RFC 1918 and
/// non-IPv4 addresses (`ipv4_is_private`), and action types other than `ConnectionSuccess`.
enum IgnoredKind: CaseIterable {
    case internalService, loopback, multicast, linkLocal, publicIPv6, mappedIPv4, teredo, subnetBroadcast
    case inbound, listening, failed, request

    /// Relative frequency on workstations and laptops, and on servers (which accept far more inbound).
    var weights: (client: Double, server: Double) {
        switch self {
        case .internalService: (30, 25)
        case .loopback: (10, 8)
        case .multicast: (8, 2)
        case .linkLocal: (4, 2)
        case .publicIPv6: (10, 3)
        case .mappedIPv4: (3, 2)
        case .teredo: (1, 0)
        case .subnetBroadcast: (4, 2)
        case .inbound: (6, 40)
        case .listening: (6, 6)
        case .failed: (12, 6)
        case .request: (6, 4)
        }
    }
}

/// Address pools and fixed strings the background noise draws from, built once for the fleet.
struct IgnoredNoiseContext: Sendable {
    var internalServers: [StringTable.ID]
    var dnsServers: [StringTable.ID]
    var multicast: [(ip: StringTable.ID, port: Int32)]
    var linkLocalPeers: [StringTable.ID]
    var publicIPv6: [StringTable.ID]
    var mappedIPv4: [StringTable.ID]
    var teredoPeers: [StringTable.ID]
    var publicClients: [StringTable.ID]
    var webAddresses: [StringTable.ID]
    var unspecified: StringTable.ID
    var loopback: StringTable.ID
    var types: [RemoteIPType: StringTable.ID]
    var actions: [ActionType: StringTable.ID]
    var tcp: StringTable.ID
    var udp: StringTable.ID
}

/// One device's background noise: a Poisson stream (busier in working hours) of events of the kinds
/// above, each with a plausible process, port and protocol. Never periodic, never grouped by the query.
struct IgnoredNoiseSource: EventSource {
    let device: Device
    let context: IgnoredNoiseContext
    let initiators: [Initiator]
    /// Events per second at peak.
    let rate: Double
    let start: Int64
    let end: Int64
    let hours: WorkingHours
    let broadcast: StringTable.ID
    private let cumulative: [(IgnoredKind, Double)]
    private var rng: Xoshiro256StarStar
    private var clock: Int64

    init(device: Device, context: IgnoredNoiseContext, initiators: [Initiator], broadcast: StringTable.ID,
         rate: Double, start: Int64, end: Int64, rng: Xoshiro256StarStar) {
        self.device = device
        self.context = context
        self.initiators = initiators
        self.broadcast = broadcast
        self.rate = rate
        self.start = start
        self.end = end
        self.hours = WorkingHours(kind: device.kind)
        self.rng = rng
        clock = start
        var total = 0.0
        cumulative = IgnoredKind.allCases.map { kind in
            total += device.kind == .server ? kind.weights.server : kind.weights.client
            return (kind, total)
        }
    }

    static let internalPorts: [Int32] = [53, 389, 88, 445, 135, 443]
    static let loopbackPorts: [Int32] = [5939, 9229, 8080, 50_051, 4767, 6463]
    static let linkLocalPorts: [Int32] = [445, 5357, 139]
    static let serverListeningPorts: [Int32] = [443, 3389, 80, 445]
    static let clientListeningPorts: [Int32] = [445, 3389, 5985]
    static let listeningPorts: [Int32] = [135, 445, 5040, 7680, 49_664, 49_665, 49_666, 49_667]

    /// Background activity never stops entirely at night: services keep talking.
    static func intensity(_ hours: WorkingHours, _ ticks: Int64) -> Double { 0.3 + 0.7 * hours.intensity(at: ticks) }

    mutating func next() -> GeneratedEvent? {
        guard rate > 0 else { return nil }
        repeat {
            clock += max(1, Int64(rng.exponential(mean: 1 / rate) * Double(Instant.ticksPerSecond)))
            if clock > end { return nil }
        } while !rng.chance(Self.intensity(hours, clock)) || device.isOffline(clock)
        let target = rng.uniform() * cumulative[cumulative.count - 1].1
        let kind = cumulative.first { $0.1 > target }?.0 ?? .internalService
        return event(kind, at: clock)
    }

    private mutating func event(_ kind: IgnoredKind, at ticks: Int64) -> GeneratedEvent {
        let c = context
        let who = rng.pick(initiators)
        var e = GeneratedEvent(
            ticks: ticks, device: Int32(device.index), action: c.actions[.connectionSuccess]!,
            remoteIP: StringTable.empty, remotePort: 443, remoteUrl: StringTable.empty,
            remoteIPType: c.types[.publicAddress]!, localIP: device.ids.localIPv4,
            localPort: Int32(49_152 + rng.int(below: 16_384)), transport: c.tcp, process: who.process,
            account: who.account, accountDomain: who.domain, processId: who.processId)
        switch kind {
        case .internalService:
            let port = rng.pick(Self.internalPorts)
            e.remoteIP = port == 53 ? rng.pick(c.dnsServers) : rng.pick(c.internalServers)
            e.remotePort = port
            e.transport = port == 53 ? c.udp : c.tcp
            e.remoteIPType = c.types[.privateAddress]!
        case .loopback:
            e.remoteIP = c.loopback
            e.remotePort = rng.pick(Self.loopbackPorts)
            e.remoteIPType = c.types[.loopback]!
            e.localIP = c.loopback
        case .multicast:
            let group = rng.pick(c.multicast)
            e.remoteIP = group.ip
            e.remotePort = group.port
            e.transport = c.udp
            e.remoteIPType = c.types[.reserved]!
        case .linkLocal:
            e.remoteIP = rng.pick(c.linkLocalPeers)
            e.remotePort = rng.pick(Self.linkLocalPorts)
            e.remoteIPType = c.types[.linkLocal]!
        case .publicIPv6:
            e.remoteIP = rng.pick(c.publicIPv6)
            e.localIP = device.ids.localIPv6
        case .mappedIPv4:
            e.remoteIP = rng.pick(c.mappedIPv4)
            e.remoteIPType = c.types[.fourToSixMapping]!
            e.localIP = device.ids.localIPv4Mapped
        case .teredo:
            e.remoteIP = rng.pick(c.teredoPeers)
            e.remotePort = Int32(1024 + rng.int(below: 60_000))
            e.transport = c.udp
            e.remoteIPType = c.types[.teredo]!
        case .subnetBroadcast:
            e.remoteIP = broadcast
            e.remotePort = rng.chance(0.5) ? 137 : 138
            e.transport = c.udp
            e.remoteIPType = c.types[.broadcast]!
        case .inbound:
            e.action = c.actions[.inboundConnectionAccepted]!
            e.localPort = rng.pick(device.kind == .server ? Self.serverListeningPorts : Self.clientListeningPorts)
            e.remotePort = Int32(49_152 + rng.int(below: 16_384))
            if device.kind == .server && rng.chance(0.7) {
                e.remoteIP = rng.pick(c.publicClients)
            } else {
                e.remoteIP = rng.pick(c.internalServers)
                e.remoteIPType = c.types[.privateAddress]!
            }
        case .listening:
            e.action = c.actions[.listeningConnectionCreated]!
            e.remoteIP = rng.chance(0.7) ? StringTable.empty : c.unspecified
            e.remotePort = GeneratedEvent.nullPort
            e.remoteIPType = c.types[RemoteIPType.none]!
            e.localIP = c.unspecified
            e.localPort = rng.pick(Self.listeningPorts)
        case .failed:
            e.action = c.actions[.connectionFailed]!
            e.remoteIP = rng.pick(c.webAddresses)
        case .request:
            e.action = c.actions[.connectionRequest]!
            e.remoteIP = rng.pick(c.webAddresses)
        }
        return e
    }
}
