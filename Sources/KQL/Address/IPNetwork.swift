/// An address block in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`). Host bits in the written
/// address are kept but never compared (`203.0.113.9/24` holds what `203.0.113.0/24` holds).
public struct IPNetwork: Sendable, Hashable {
    /// As written (host bits included), in the family the block was written in.
    public let address: IPAddress
    /// 0...32 for IPv4, 0...128 for IPv6.
    public let prefixLength: Int

    /// `address/length` with the address in `IPAddress`'s grammar and the length in decimal digits
    /// within the written family's width; nil for anything else (no sign, spaces, brackets or second `/`).
    public init?<Text: StringProtocol>(_ text: Text) {
        let text = Substring(text)
        guard let slash = text.firstIndex(of: "/"), let address = IPAddress(text[..<slash]) else { return nil }
        self.init(address: address, prefixText: text[text.index(after: slash)...])
    }

    /// `prefixText` read as `init(_:)` reads what follows the `/`.
    public init?(address: IPAddress, prefixText: Substring) {
        guard !prefixText.isEmpty, prefixText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let length = Int(prefixText) else { return nil }
        self.init(address: address, prefixLength: length)
    }

    /// Nil unless `prefixLength` fits the address's family.
    public init?(address: IPAddress, prefixLength: Int) {
        guard (0...address.bitWidth).contains(prefixLength) else { return nil }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Whether `other` is in the block. Families never mix: an IPv4 block holds no IPv6 address, not even an
    /// IPv4-mapped one; callers that judge `::ffff:a.b.c.d` as IPv4 pass `other.unmapped`.
    public func contains(_ other: IPAddress) -> Bool {
        switch (address, other) {
        case let (.v4(network), .v4(candidate)):
            return prefixLength == 0 || (network ^ candidate) >> (32 - prefixLength) == 0
        case let (.v6(networkHigh, networkLow), .v6(high, low)):
            return Self.samePrefix(networkHigh, high, bits: min(prefixLength, 64))
                && Self.samePrefix(networkLow, low, bits: max(prefixLength - 64, 0))
        default:
            return false
        }
    }

    /// The IPv4 block an IPv6 block over IPv4-mapped addresses stands for (`::ffff:10.0.0.0/104` →
    /// `10.0.0.0/8`); any other block as itself; nil when the address is IPv4-mapped but the block is
    /// wider than `::ffff:0:0/96`, so it is neither an IPv4 block nor the one its writer likely meant.
    public var unmapped: IPNetwork? {
        let inner = address.unmapped
        guard inner != address else { return self }
        return IPNetwork(address: inner, prefixLength: prefixLength - 96)
    }

    private static func samePrefix(_ a: UInt64, _ b: UInt64, bits: Int) -> Bool {
        bits == 0 || (a ^ b) >> (64 - bits) == 0
    }
}
