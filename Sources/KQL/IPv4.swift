/// Parses a strict IPv4 dotted quad: exactly four decimal octets 0...255 separated by
/// `.`, nothing else (no sign, spaces, prefix, hex/octal or shortened forms).
///
/// Spec S7: `ipv4_is_private` is null for anything that does not parse as IPv4.
/// Decision (UNVERIFIED, Kusto's parser is undocumented): an octet is 1–3 digits and a
/// leading zero is rejected (`010.1.1.1` → nil) because such text is ambiguous (octal in
/// `inet_aton`) and MDE never logs it.
///
/// `zeroPaddedOctets` lifts the leading-zero rule (still at most three digits, read as decimal:
/// `010.001.0.9` is 10.1.0.9) for the input readers, which take what loggers write; the query's
/// functions keep Kusto's rule.
///
/// - Returns: the address as a big-endian 32-bit value (`1.2.3.4` → 0x01020304).
public func parseIPv4(_ text: Substring, zeroPaddedOctets: Bool = false) -> UInt32? {
    // Over the contiguous bytes when there are some: half the time of the generic view.
    text.utf8.withContiguousStorageIfAvailable { parseIPv4(utf8: $0, zeroPaddedOctets: zeroPaddedOctets) }
        ?? parseIPv4(utf8: text.utf8, zeroPaddedOctets: zeroPaddedOctets)
}

/// `parseIPv4` over UTF-8 bytes, for the IPv6 parser's dotted tail.
func parseIPv4<Bytes: Collection<UInt8>>(utf8 text: Bytes, zeroPaddedOctets: Bool) -> UInt32? {
    var value: UInt32 = 0
    var octets = 0
    var digits = 0
    var octet: UInt32 = 0
    var leadingZero = false
    for byte in text {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if leadingZero || digits == 3 { return nil }
            if digits == 0 && byte == UInt8(ascii: "0") && !zeroPaddedOctets { leadingZero = true }
            octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
            digits += 1
            if octet > 255 { return nil }
        case UInt8(ascii: "."):
            if digits == 0 || octets == 3 { return nil }
            value = value << 8 | octet
            octets += 1
            digits = 0
            octet = 0
            leadingZero = false
        default:
            return nil
        }
    }
    guard octets == 3, digits > 0 else { return nil }
    return value << 8 | octet
}

/// KQL `ipv4_is_private(ip)`.
///
/// Spec S7: true for 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 **only** (127/8,
/// 169.254/16, 100.64/10, multicast, broadcast are false — quirk Q4); an optional
/// `/prefix` (0...32) masks the address before the test (`192.168.1.1/24` → true);
/// nil (Kusto's null) when the text is not IPv4, including IPv6 and IPv4-mapped IPv6
/// `::ffff:a.b.c.d` — which is why the faithful query drops every IPv6 destination
/// (quirk Q3).
public func ipv4IsPrivate(_ text: String) -> Bool? {
    let address: Substring
    var mask: UInt32 = .max
    if let slash = text.firstIndex(of: "/") {
        address = text[..<slash]
        guard let prefix = parsePrefixLength(text[text.index(after: slash)...], maximum: 32) else {
            return nil
        }
        mask = prefix == 0 ? 0 : UInt32.max << (32 - prefix)
    } else {
        address = text[...]
    }
    guard let value = parseIPv4(address) else { return nil }
    return isRFC1918(value & mask)
}

/// 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (spec S7).
func isRFC1918(_ address: UInt32) -> Bool {
    address >> 24 == 10 || address >> 20 == 0xAC1 || address >> 16 == 0xC0A8
}

/// A CIDR prefix length: 1–2 decimal digits, value 0...maximum.
func parsePrefixLength(_ text: Substring, maximum: Int) -> Int? {
    guard (1...2).contains(text.utf8.count) else { return nil }
    var value = 0
    for byte in text.utf8 {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value <= maximum ? value : nil
}
