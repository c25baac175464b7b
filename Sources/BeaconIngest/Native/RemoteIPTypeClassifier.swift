import KQL

/// `RemoteIPType` for events that do not come with one (Sysmon, Security 5156, Zeek), in Defender's
/// vocabulary, so that the query's `RemoteIPType !in ("Reserved", "Private", "LinkLocal", "Loopback")`
/// treats them as it treats Defender's own rows.
///
/// Defender documents the values (Public, Private, Reserved, Loopback, Teredo, FourToSixMapping,
/// Broadcast) but not the ranges behind them; these follow the IANA special-purpose address registries,
/// and agree with the shared real-data CSVs (whose converter used Python's `ipaddress`) on every address
/// they contain. Checked in this order, the first match wins:
///
/// | type | IPv4 | IPv6 |
/// | --- | --- | --- |
/// | FourToSixMapping | | `::ffff:0:0/96` |
/// | Teredo | | `2001::/32` |
/// | Loopback | `127.0.0.0/8` | `::1` |
/// | LinkLocal | `169.254.0.0/16` | `fe80::/10` |
/// | Multicast | `224.0.0.0/4` | `ff00::/8` |
/// | Broadcast | `255.255.255.255` | |
/// | Private | `10/8`, `172.16/12`, `192.168/16`, `100.64/10` (carrier-grade NAT) | `fc00::/7` (unique local) |
/// | Reserved | `0/8`, `192.0.0/24`, `192.0.2/24`, `198.18/15`, `198.51.100/24`, `203.0.113/24`, `240/4` | `::`, `100::/64`, `2001::/23` (other than Teredo), `2001:db8::/32`, `fec0::/10`, and everything outside `2000::/3` |
/// | Public | the rest | the rest of `2000::/3` |
///
/// Multicast is what the converter wrote, and is kept so that a native load finds what the converted CSV
/// finds; Defender may call it Reserved, which the query drops, while `Multicast` passes its type filter.
enum RemoteIPTypeClassifier {
    /// The type of `address` (any text form); `""` when it is not an IP address.
    static func type(of address: String) -> String {
        guard let value = IPAddressValue(address) else { return "" }
        return type(of: value)
    }

    static func type(of value: IPAddressValue) -> String {
        value.address.isIPv4 ? ipv4Type(value.address) : ipv6Type(value.address)
    }

    private static func ipv4Type(_ address: IPAddress) -> String {
        func within(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ length: Int) -> Bool {
            IPNetwork(address: IPAddress(bytes: [a, b, c, d])!, prefixLength: length)!.contains(address)
        }
        if within(127, 0, 0, 0, 8) { return "Loopback" }
        if within(169, 254, 0, 0, 16) { return "LinkLocal" }
        if within(224, 0, 0, 0, 4) { return "Multicast" }
        if within(255, 255, 255, 255, 32) { return "Broadcast" }
        if within(10, 0, 0, 0, 8) || within(172, 16, 0, 0, 12) || within(192, 168, 0, 0, 16)
            || within(100, 64, 0, 0, 10) {
            return "Private"
        }
        if within(0, 0, 0, 0, 8) || within(192, 0, 0, 0, 24) || within(192, 0, 2, 0, 24) || within(198, 18, 0, 0, 15)
            || within(198, 51, 100, 0, 24) || within(203, 0, 113, 0, 24) || within(240, 0, 0, 0, 4) {
            return "Reserved"
        }
        return "Public"
    }

    private static func ipv6Type(_ address: IPAddress) -> String {
        func within(_ prefix: [UInt16], _ length: Int) -> Bool {
            var bytes = prefix.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            bytes += [UInt8](repeating: 0, count: 16 - bytes.count)
            return IPNetwork(address: IPAddress(bytes: bytes)!, prefixLength: length)!.contains(address)
        }
        if within([0, 0, 0, 0, 0, 0xFFFF], 96) { return "FourToSixMapping" }
        if within([0x2001, 0], 32) { return "Teredo" }
        if within([0, 0, 0, 0, 0, 0, 0, 1], 128) { return "Loopback" }
        if within([0xFE80], 10) { return "LinkLocal" }
        if within([0xFF00], 8) { return "Multicast" }
        if within([0xFC00], 7) { return "Private" }
        if within([0x2001, 0x0DB8], 32) || within([0x2001], 23) || !within([0x2000], 3) {
            return "Reserved"
        }
        return "Public"
    }
}
