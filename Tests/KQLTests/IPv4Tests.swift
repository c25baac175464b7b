import Testing
@testable import KQL

/// Spec S7 documented examples of `ipv4_is_private`.
@Test func documentedExamples() {
    #expect(ipv4IsPrivate("10.1.2.3") == true)
    #expect(ipv4IsPrivate("192.168.1.1/24") == true)
    #expect(ipv4IsPrivate("127.0.0.1") == false)
    #expect(ipv4IsPrivate("202.1.2.3") == false)
}

/// Borders of the three RFC 1918 blocks (spec S7), and the non-RFC-1918 specials that
/// Kusto calls not private (quirk Q4).
@Test(arguments: [
    ("9.255.255.255", false), ("10.0.0.0", true), ("10.255.255.255", true), ("11.0.0.0", false),
    ("172.15.255.255", false), ("172.16.0.0", true), ("172.31.255.255", true), ("172.32.0.0", false),
    ("192.167.255.255", false), ("192.168.0.0", true), ("192.168.255.255", true), ("192.169.0.0", false),
    ("169.254.1.1", false), ("100.64.0.1", false), ("224.0.0.1", false), ("255.255.255.255", false),
    ("0.0.0.0", false), ("8.8.8.8", false),
])
func rfc1918Borders(address: String, expected: Bool) {
    #expect(ipv4IsPrivate(address) == expected)
}

/// `/prefix` masks first. By hand: 10.1.2.3/4 keeps the top 4 bits of 00001010 → 0.0.0.0
/// (not private); 172.31.0.1/11 keeps 10101100.000 → 172.0.0.0 (not private);
/// 172.31.0.1/12 → 172.16.0.0 (private); /0 → 0.0.0.0; /32 keeps everything.
@Test func prefixMasksFirst() {
    #expect(ipv4IsPrivate("10.1.2.3/8") == true)
    #expect(ipv4IsPrivate("10.1.2.3/4") == false)
    #expect(ipv4IsPrivate("172.31.0.1/12") == true)
    #expect(ipv4IsPrivate("172.31.0.1/11") == false)
    #expect(ipv4IsPrivate("192.168.1.1/0") == false)
    #expect(ipv4IsPrivate("192.168.1.1/32") == true)
}

/// Spec S7: null (nil) for anything that is not IPv4 — IPv6, IPv4-mapped IPv6 (quirk Q3),
/// garbage, empty — and for malformed prefixes.
@Test(arguments: [
    "", "::1", "2001:db8::1", "::ffff:10.0.0.1", "::ffff:8.8.8.8", "fe80::1", "localhost",
    "1.2.3", "256.1.1.1", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", " 1.2.3.4", "1.2.3.4 ",
    "+1.2.3.4", "1.2.3.-4", "0x0a.0.0.1", "1234.1.1.1", "010.1.1.1",
    "10.1.2.3/", "10.1.2.3/33", "10.1.2.3/-1", "10.1.2.3/100", "10.1.2.3/8/8", "/8",
])
func notIPv4IsNil(text: String) {
    #expect(ipv4IsPrivate(text) == nil)
}

/// Big-endian value: 1.2.3.4 → 0x01020304; 255.255.255.255 → max; 0.0.0.0 → 0.
@Test func parseIPv4Values() {
    #expect(parseIPv4("1.2.3.4") == 0x0102_0304)
    #expect(parseIPv4("255.255.255.255") == UInt32.max)
    #expect(parseIPv4("0.0.0.0") == 0)
    #expect(parseIPv4("192.168.0.10") == 0xC0A8_000A)
    #expect(parseIPv4("1.2.3") == nil)
    #expect(parseIPv4("256.1.1.1") == nil)
    #expect(parseIPv4("1.2.3.4.5") == nil)
}
