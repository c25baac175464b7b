import Testing
@testable import KQL

/// IPv4 text follows `ipv4_is_private` (spec S7) in the corrected rule too.
@Test func correctedIPv4FollowsKusto() {
    #expect(correctedIsPrivate("10.1.2.3") == true)
    #expect(correctedIsPrivate("192.168.1.1/24") == true)
    #expect(correctedIsPrivate("127.0.0.1") == false)
    #expect(correctedIsPrivate("202.1.2.3") == false)
}

/// Quirk Q3 correction: IPv4-mapped IPv6 is judged on the embedded IPv4, in dotted or hex
/// form (0a00:0001 = 10.0.0.1, c0a8:0101 = 192.168.1.1, 0808:0808 = 8.8.8.8,
/// ac10:0001 = 172.16.0.1, ac20:0001 = 172.32.0.1).
@Test(arguments: [
    ("::ffff:10.0.0.1", true), ("::ffff:8.8.8.8", false), ("::FFFF:192.168.1.1", true),
    ("::ffff:127.0.0.1", false), ("::ffff:0a00:0001", true), ("::ffff:c0a8:0101", true),
    ("::ffff:0808:0808", false), ("0:0:0:0:0:ffff:ac10:1", true), ("::ffff:ac20:1", false),
])
func correctedMappedIPv4(address: String, expected: Bool) {
    #expect(correctedIsPrivate(address) == expected)
}

/// Edges of every non-public IPv6 range of the corrected rule: first and last address
/// inside, and the neighbours just outside.
@Test(arguments: [
    // ::/128 and ::1/128
    ("::", true), ("::1", true), ("::2", false),
    // fe80::/10 = fe80:: … febf:ffff:…
    ("fe80::", true), ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true),
    ("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false), ("fec0::", false),
    // fc00::/7 = fc00:: … fdff:ffff:…
    ("fc00::", true), ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true),
    ("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false), ("fe00::", false),
    // ff00::/8
    ("ff00::", true), ("ff02::1", true), ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true),
    ("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false),
    // 2001:db8::/32
    ("2001:db8::", true), ("2001:DB8:ffff:ffff:ffff:ffff:ffff:ffff", true),
    ("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false), ("2001:db9::", false),
    // public: Google DNS, Teredo (2001::/32), 6to4, NAT64, IPv4-compatible
    ("2001:4860:4860::8888", false), ("2001:0:4136:e378::1", false), ("2002:c0a8:101::1", false),
    ("64:ff9b::10.0.0.1", false), ("::10.0.0.1", false), ("fe80::1%eth0", true),
])
func correctedIPv6Ranges(address: String, expected: Bool) {
    #expect(correctedIsPrivate(address) == expected)
}

/// Unparseable → nil (dropped by the query's `where`).
@Test(arguments: ["", "garbage", "1.2.3", "256.1.1.1", "1.2.3.4.5", ":::", "1::2::3", "::1/128"])
func correctedUnparseableIsNil(text: String) {
    #expect(correctedIsPrivate(text) == nil)
}
