/// The families the generator's series belong to, as the truth file names them.
public enum SeriesFamily: String, Sendable, CaseIterable {
    /// Injected command-and-control beacons.
    case maliciousBeacon
    /// Periodic software on 11 or more devices with the same process, address and port.
    case benignService
    /// Periodic software on a few devices: what the query reports and the analyst marks false positive.
    case benignAgent
    /// Periodic traffic that an event filter removes before any grouping.
    case ignoredTraffic

    public var label: String { self == .maliciousBeacon ? "malicious" : "benign" }
}

/// The awkward real-world variants of a beacon.
public enum SeriesVariant: String, Sendable {
    case injected, missedCheckIns, duplicateTimestamps, burstCheckIns, nearPerfect, longSleep, ipv6
    case hostOffline, c2Unreachable
}

/// Which account a series' process runs as.
enum AccountSpec: Sendable {
    case user, system, localService, networkService
    /// A local account, whose domain Defender reports as the host's short name.
    case local(String)
}

/// Where a series' destination is.
enum DestinationSpec: Sendable {
    case fixed(String)
    /// The device's own /24 broadcast address (NetBIOS announcements).
    case subnetBroadcast
}

/// On which devices a series runs.
enum Placement: Sendable {
    /// This many distinct devices, preferring the given kinds.
    case few(Int, prefer: [DeviceKind])
    /// This share of the devices of the given kinds, and never fewer than 11 when the fleet has them,
    /// so the destination is over CompromisedDeviceCountMax.
    case share(Double, kinds: [DeviceKind])
    /// The one device that goes off the network for hours.
    case offlineHost
}

/// One series as designed: the same behaviour and destination on each device it is placed on.
struct SeriesSpec: Sendable {
    var name: String
    var family: SeriesFamily
    var summary: String
    var variant: SeriesVariant?
    var behaviour: PeriodicBehaviour
    var process: String
    var account: AccountSpec
    var destination: DestinationSpec
    var remotePort: Int32
    var remoteUrl: String
    var remoteIPType: RemoteIPType
    var transport: TransportProtocol = .tcp
    var action: ActionType = .connectionSuccess
    var placement: Placement

    init(_ name: String, _ family: SeriesFamily, _ summary: String, variant: SeriesVariant? = nil,
         sleep: Double, style: JitterStyle, jitter: Double, process: String, account: AccountSpec,
         ip: String, port: Int32, url: String = "", type: RemoteIPType = .publicAddress,
         transport: TransportProtocol = .tcp, action: ActionType = .connectionSuccess, placement: Placement,
         shape: (inout PeriodicBehaviour) -> Void = { _ in }) {
        self.name = name
        self.family = family
        self.summary = summary
        self.variant = variant
        var behaviour = PeriodicBehaviour(sleepSeconds: sleep, jitterStyle: style, jitter: jitter)
        shape(&behaviour)
        self.behaviour = behaviour
        self.process = process
        self.account = account
        self.destination = ip == "subnet-broadcast" ? .subnetBroadcast : .fixed(ip)
        self.remotePort = port
        self.remoteUrl = url
        self.remoteIPType = type
        self.transport = transport
        self.action = action
        self.placement = placement
    }
}
