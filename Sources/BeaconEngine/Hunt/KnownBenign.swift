import KQL

/// Well-known periodic software (update, telemetry, monitoring, remote-support and cloud agents) and the
/// analyst's own false positives, as hunt mode matches them against a group. A match lowers the group's
/// score and labels it; it never hides it, because attackers hide behind the same names.
public struct KnownBenignEntry: Sendable, Hashable {
    /// What the entry is, as the analyst reads it: `Datadog Agent`, `false positive (analyst)`.
    public var name: String
    /// `update`, `telemetry`, `monitoring`, `remote-support`, `cloud-agent`, `analyst`...
    public var category: String
    /// Where the entry's facts come from: the vendor's documentation, or the triage file.
    public var source: String
    /// Every given condition must hold; an entry without any never matches.
    public var match: Conditions

    public init(name: String, category: String, source: String, match: Conditions) {
        self.name = name
        self.category = category
        self.source = source
        self.match = match
    }

    public struct Conditions: Sendable, Hashable {
        /// `InitiatingProcessFileName`, compared without regard to ASCII case (Windows file names are
        /// case-insensitive).
        public var processNames: [String] = []
        /// A domain the destination was seen with, equal to one of these or ending in `.` + one of them;
        /// ASCII case ignored.
        public var domainSuffixes: [String] = []
        /// The destination address inside one of these ranges.
        public var addressRanges: [AddressRange] = []
        /// The destination address exactly (as text, as the triage file keeps it).
        public var remoteIP: String?
        /// The destination port; nil for any.
        public var remotePort: Int32?
        /// The device, for an exact-beacon false positive.
        public var deviceId: String?

        public init(processNames: [String] = [], domainSuffixes: [String] = [], addressRanges: [AddressRange] = [],
                    remoteIP: String? = nil, remotePort: Int32? = nil, deviceId: String? = nil) {
            self.processNames = processNames
            self.domainSuffixes = domainSuffixes
            self.addressRanges = addressRanges
            self.remoteIP = remoteIP
            self.remotePort = remotePort
            self.deviceId = deviceId
        }

        var isEmpty: Bool {
            processNames.isEmpty && domainSuffixes.isEmpty && addressRanges.isEmpty && remoteIP == nil
                && remotePort == nil && deviceId == nil
        }
    }

    /// Whether the entry covers a group with this key, seen with these domains.
    public func matches(_ key: BeaconKey, domains: [String]) -> Bool {
        let conditions = match
        guard !conditions.isEmpty else { return false }
        if !conditions.processNames.isEmpty
            && !conditions.processNames.contains(where: { asciiCaseInsensitiveEqual($0, key.initiatingProcessFileName) }) {
            return false
        }
        if !conditions.domainSuffixes.isEmpty
            && !domains.contains(where: { domain in conditions.domainSuffixes.contains { domainHasSuffix(domain, $0) } }) {
            return false
        }
        if !conditions.addressRanges.isEmpty {
            guard let address = AddressRange.Address(key.remoteIP),
                  conditions.addressRanges.contains(where: { $0.contains(address) }) else { return false }
        }
        // Byte for byte, as `BeaconKey` groups: `String` equality would join canonically equivalent spellings.
        if let ip = conditions.remoteIP, !ip.utf8.elementsEqual(key.remoteIP.utf8) { return false }
        if let port = conditions.remotePort, port != key.remotePort { return false }
        if let device = conditions.deviceId, !device.utf8.elementsEqual(key.deviceId.utf8) { return false }
        return true
    }
}

/// An IPv4 or IPv6 network in CIDR notation (`13.107.4.0/24`, `2603:1000::/24`), kept with its text as the
/// catalogue writes it. An IPv4-mapped IPv6 address (`::ffff:13.107.4.50`) is judged as its IPv4 address, in
/// a range too: `::ffff:13.107.4.0/24` is `13.107.4.0/24` (its prefix counts IPv4 bits, unlike
/// `IPNetwork.unmapped`'s), so the catalogue's checks can tell the writer to use IPv4 notation.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    public typealias Address = IPAddress

    let network: IPNetwork
    public let description: String

    /// Nil unless `text` is an address, a slash and a prefix length valid for its family (`IPNetwork`).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(parts[0]),
              let network = IPNetwork(address: address.unmapped, prefixText: parts[1]) else { return nil }
        self.network = network
        description = text
    }

    public func contains(_ address: Address) -> Bool {
        network.contains(address.unmapped)
    }
}

func asciiCaseInsensitiveEqual(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { asciiLower($0) == asciiLower($1) }
}

/// `domain` is `suffix` or ends in `.suffix`, ASCII case ignored.
func domainHasSuffix(_ domain: String, _ suffix: String) -> Bool {
    // A fully qualified name may end in the root's dot (`trace.agent.datadoghq.com.`); it is the same name.
    var d = Array(domain.utf8)
    let s = Array(suffix.utf8)
    if d.last == UInt8(ascii: "."), d.count > 1 { d.removeLast() }
    guard !s.isEmpty, d.count >= s.count else { return false }
    let tail = d[(d.count - s.count)...]
    guard zip(tail, s).allSatisfy({ asciiLower($0) == asciiLower($1) }) else { return false }
    return d.count == s.count || d[d.count - s.count - 1] == UInt8(ascii: ".")
}

@inline(__always)
private func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= 65 && byte <= 90 ? byte + 32 : byte
}
