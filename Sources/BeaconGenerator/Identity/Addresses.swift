/// IP address text and the ranges the generator keeps apart.
///
/// Random "public" addresses avoid every special-purpose IPv4 block, and in particular the three
/// documentation blocks (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24): those are reserved for the
/// injected C2 servers, so no real organisation's address is ever labelled malicious.
enum Addresses {
    static func ipv4(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
    }

    static func ipv4(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> String { "\(a).\(b).\(c).\(d)" }

    /// Blocks that are not globally routable unicast, or that belong to the C2 documentation ranges.
    private static let excludedBlocks: [(base: UInt32, prefix: UInt32)] = [
        (0x0000_0000, 8),    // 0.0.0.0/8
        (0x0A00_0000, 8),    // 10.0.0.0/8
        (0x6440_0000, 10),   // 100.64.0.0/10
        (0x7F00_0000, 8),    // 127.0.0.0/8
        (0xA9FE_0000, 16),   // 169.254.0.0/16
        (0xAC10_0000, 12),   // 172.16.0.0/12
        (0xC000_0000, 24),   // 192.0.0.0/24
        (0xC000_0200, 24),   // 192.0.2.0/24 (C2 only)
        (0xC058_6300, 24),   // 192.88.99.0/24
        (0xC0A8_0000, 16),   // 192.168.0.0/16
        (0xC612_0000, 15),   // 198.18.0.0/15
        (0xC633_6400, 24),   // 198.51.100.0/24 (C2 only)
        (0xCB00_7100, 24),   // 203.0.113.0/24 (C2 only)
        (0xE000_0000, 3),    // 224.0.0.0/3: multicast and 240/4
    ]

    static func isGeneralPublic(_ value: UInt32) -> Bool {
        for block in excludedBlocks {
            let mask: UInt32 = block.prefix == 0 ? 0 : ~UInt32(0) << (32 - block.prefix)
            if value & mask == block.base { return false }
        }
        return true
    }

    /// A random general-purpose public IPv4 address not in `taken`.
    static func randomPublicIPv4<R: RandomSource>(_ rng: inout R, avoiding taken: Set<String>) -> String {
        while true {
            let value = UInt32(truncatingIfNeeded: rng.next() >> 32)
            guard isGeneralPublic(value) else { continue }
            let text = ipv4(value)
            if !taken.contains(text) { return text }
        }
    }

    /// A global unicast IPv6 address in 2a00::/12 (RIPE space), eight groups, no compression.
    static func randomGlobalIPv6<R: RandomSource>(_ rng: inout R) -> String {
        var groups = [String(0x2A00 | rng.int(below: 0x10) << 4 | rng.int(below: 0x10), radix: 16)]
        for _ in 0..<7 { groups.append(String(rng.int(below: 0x10000), radix: 16)) }
        return groups.joined(separator: ":")
    }

    /// A Teredo address (2001:0::/32) of a peer behind NAT.
    static func randomTeredo<R: RandomSource>(_ rng: inout R) -> String {
        var groups = ["2001", "0"]
        for _ in 0..<6 { groups.append(String(rng.int(below: 0x10000), radix: 16)) }
        return groups.joined(separator: ":")
    }

    /// Whether `text` is an IPv4 address in 10/8, 172.16/12 or 192.168/16 (Kusto's `ipv4_is_private`),
    /// nil when it is not dotted-quad IPv4 text at all, which the query's `where` then drops (Q3).
    static func ipv4IsPrivate(_ text: String) -> Bool? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit), let value = Int(part),
                  value <= 255 else { return nil }
            octets.append(value)
        }
        return octets[0] == 10 || (octets[0] == 172 && (16...31).contains(octets[1]))
            || (octets[0] == 192 && octets[1] == 168)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
