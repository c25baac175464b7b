/// The product's corrected private-address rule for quirk Q3 (spec S16, `--no-faithful`).
///
/// The query's `not(ipv4_is_private(RemoteIP))` is null for every non-IPv4 string, so the
/// faithful run drops all IPv6 destinations. The corrected rule judges them instead:
/// * IPv4 text → `ipv4IsPrivate` (RFC 1918 only, `/prefix` allowed, as in Kusto);
/// * IPv4-mapped IPv6 `::ffff:0:0/96`, in dotted (`::ffff:10.0.0.1`) or hex
///   (`::ffff:0a00:0001`) form → `ipv4IsPrivate` of the embedded IPv4 address;
/// * any other IPv6 → true inside unspecified `::/128`, loopback `::1/128`, link-local
///   `fe80::/10`, unique-local `fc00::/7`, multicast `ff00::/8` or documentation
///   `2001:db8::/32`; false otherwise (public, including Teredo, 6to4, NAT64);
/// * unparseable text (and IPv6 with a `/prefix`) → nil, which the query's `where` drops.
public func correctedIsPrivate(_ text: String) -> Bool? {
    if let verdict = ipv4IsPrivate(text) { return verdict }
    guard let bytes = parseIPv6(text[...]) else { return nil }
    if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
        let v4 = bytes[12...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return isRFC1918(v4)
    }
    return isSpecialIPv6(bytes)
}

/// Whether a string is an IPv4 or IPv6 address (no `/prefix`, no brackets); the input
/// readers use it to tell addresses from garbage.
public func isValidIPAddress(_ text: String) -> Bool {
    IPAddress(text) != nil
}

/// The non-public IPv6 ranges of the corrected rule (see `correctedIsPrivate`).
func isSpecialIPv6(_ bytes: [UInt8]) -> Bool {
    let firstFifteenZero = bytes[0..<15].allSatisfy { $0 == 0 }
    if firstFifteenZero && bytes[15] <= 1 { return true }  // ::/128, ::1/128
    if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return true }  // fe80::/10
    if bytes[0] & 0xFE == 0xFC { return true }  // fc00::/7
    if bytes[0] == 0xFF { return true }  // ff00::/8
    return bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8  // 2001:db8::/32
}
