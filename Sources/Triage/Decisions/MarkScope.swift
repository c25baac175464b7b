import BeaconEngine
import KQL

/// What a decision covers. The console asks for one when the analyst marks a beacon: a false positive is
/// often not one beacon but a process or a destination the whole fleet talks to, and marking it once
/// must also hide it on every other device and in every later data set.
///
/// Process names compare without regard to ASCII case (`ProcessName`): Windows file names are
/// case-insensitive, so a mark on `powershell.exe` also covers `PowerShell.exe`, as the filter and the
/// KQL (`=~`) do. Addresses compare byte for byte and ports exactly. An exact-beacon mark is the one group
/// the query forms, its seven columns byte for byte as `BeaconKey` and Kusto's `summarize` keep them.
public enum MarkScope: Hashable, Sendable {
    /// This exact beacon: device, account, process and destination, the query's seven group-by columns.
    case exactBeacon(BeaconKey)
    /// This process to this destination (IP and port), on every device and under every account.
    case processToDestination(process: String, remoteIP: String, remotePort: Int32?)
    /// This destination (IP and port), whoever talks to it.
    case destination(remoteIP: String, remotePort: Int32?)
    /// This process, whatever it talks to.
    case process(String)

    /// The four scopes without their values: what the mark dialog offers and the file's `scope` names.
    public enum Kind: String, Sendable, CaseIterable, Hashable {
        case exactBeacon = "exact-beacon"
        case processToDestination = "process-to-destination"
        case destination
        case process

        /// How specific the scope is: a narrower decision overrides a broader one, so an analyst can mark
        /// a destination false positive for everyone and still flag the one device that misbehaves.
        /// Exact beacon (4) > process to destination (3) > destination (2) > process (1).
        public var specificity: Int {
            switch self {
            case .exactBeacon: 4
            case .processToDestination: 3
            case .destination: 2
            case .process: 1
            }
        }

        /// A few words for reports and status lines: `exact beacon`, `destination, for everyone`.
        public var shortLabel: String {
            switch self {
            case .exactBeacon: "exact beacon"
            case .processToDestination: "process to destination, every device"
            case .destination: "destination, for everyone"
            case .process: "process, everywhere"
            }
        }

        /// The choice as the mark dialog words it.
        public var label: String {
            switch self {
            case .exactBeacon: "this exact beacon (device + account + process + destination)"
            case .processToDestination: "this process to this destination, on every device"
            case .destination: "this destination, for everyone"
            case .process: "this process, everywhere"
            }
        }
    }

    /// The scope of `kind` that contains `key`.
    public init(_ kind: Kind, of key: BeaconKey) {
        switch kind {
        case .exactBeacon: self = .exactBeacon(key)
        case .processToDestination:
            self = .processToDestination(process: key.initiatingProcessFileName, remoteIP: key.remoteIP,
                                         remotePort: key.remotePort)
        case .destination: self = .destination(remoteIP: key.remoteIP, remotePort: key.remotePort)
        case .process: self = .process(key.initiatingProcessFileName)
        }
    }

    public var kind: Kind {
        switch self {
        case .exactBeacon: .exactBeacon
        case .processToDestination: .processToDestination
        case .destination: .destination
        case .process: .process
        }
    }

    public var specificity: Int { kind.specificity }

    /// Whether the beacon `key` falls under this scope.
    public func matches(_ key: BeaconKey) -> Bool {
        switch self {
        case .exactBeacon(let exact):
            return exact == key
        case .processToDestination(let process, let ip, let port):
            return ProcessName.equal(process, key.initiatingProcessFileName) && sameBytes(ip, key.remoteIP) && port == key.remotePort
        case .destination(let ip, let port):
            return sameBytes(ip, key.remoteIP) && port == key.remotePort
        case .process(let process):
            return ProcessName.equal(process, key.initiatingProcessFileName)
        }
    }

    /// One line naming what is covered, e.g. `rundll32.exe → 203.0.113.7:443 on every device`. Raw data:
    /// pass it through `terminalSafe` (or the Markdown escaping) before showing it.
    public var summary: String {
        switch self {
        case .exactBeacon(let key):
            let account = key.accountText.map { " (\($0))" } ?? ""
            return "\(key.deviceName)\(account): \(key.initiatingProcessFileName) → \(key.remoteText)"
        case .processToDestination(let process, let ip, let port):
            return "\(process) → \(destinationText(ip, port)) on every device"
        case .destination(let ip, let port):
            return "\(destinationText(ip, port)) for everyone"
        case .process(let process):
            return "\(process) everywhere"
        }
    }
}

/// `ip:port` as `BeaconKey.remoteText` writes it, IPv6 in brackets and a null port as `null`.
func destinationText(_ ip: String, _ port: Int32?) -> String {
    let portText = port.map(String.init) ?? "null"
    return ip.contains(":") ? "[\(ip)]:\(portText)" : "\(ip):\(portText)"
}

extension MarkScope {
    /// Scopes are equal when their values are equal as `matches` compares them, so marking
    /// the same scope again finds the decision that covers exactly the same beacons.
    public static func == (lhs: MarkScope, rhs: MarkScope) -> Bool {
        switch (lhs, rhs) {
        case (.exactBeacon(let a), .exactBeacon(let b)):
            return a == b
        case (.processToDestination(let p1, let ip1, let port1), .processToDestination(let p2, let ip2, let port2)):
            return ProcessName.equal(p1, p2) && sameBytes(ip1, ip2) && port1 == port2
        case (.destination(let ip1, let port1), .destination(let ip2, let port2)):
            return sameBytes(ip1, ip2) && port1 == port2
        case (.process(let a), .process(let b)):
            return ProcessName.equal(a, b)
        default:
            return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        switch self {
        case .exactBeacon(let key): hasher.combine(key)
        case .processToDestination(let process, let ip, let port):
            hasher.combine(ProcessName.folded(process))
            hasher.combine(Array(ip.utf8))
            hasher.combine(port)
        case .destination(let ip, let port):
            hasher.combine(Array(ip.utf8))
            hasher.combine(port)
        case .process(let process):
            hasher.combine(ProcessName.folded(process))
        }
    }
}

/// Byte-for-byte equality, as Kusto compares and `BeaconKey` groups (`String ==` would equate canonically
/// equivalent spellings that the data keeps apart).
func sameBytes(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8)
}
