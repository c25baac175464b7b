import KQL
import Testing

/// `IPAddress`: the one address type, values worked out by hand from the dotted and hex digits.
@Suite struct IPAddressTests {
    @Test func parsesBothFamiliesIntoTheirBits() {
        #expect(IPAddress("1.2.3.4") == .v4(0x0102_0304))
        #expect(IPAddress("255.255.255.255") == .v4(0xFFFF_FFFF))
        #expect(IPAddress("2001:db8::1") == .v6(high: 0x2001_0DB8_0000_0000, low: 1))
        #expect(IPAddress("2001:0DB8:0:0:0:0:0:1") == IPAddress("2001:db8::1"))
        #expect(IPAddress("::") == .v6(high: 0, low: 0))
        #expect(IPAddress("1::") == .v6(high: 0x0001_0000_0000_0000, low: 0))
        #expect(IPAddress("1:2:3:4:5:6:7:8") == .v6(high: 0x0001_0002_0003_0004, low: 0x0005_0006_0007_0008))
        #expect(IPAddress("fe80::1%eth0") == .v6(high: 0xFE80_0000_0000_0000, low: 1))
        #expect(IPAddress(Substring("10.0.0.1")) == .v4(0x0A00_0001))
    }

    @Test func anIPv4MappedAddressUnmapsToItsIPv4Address() {
        let mapped = IPAddress("::ffff:10.1.2.3")
        #expect(mapped == .v6(high: 0, low: 0x0000_FFFF_0A01_0203))
        #expect(mapped == IPAddress("::FFFF:a01:203"))
        #expect(mapped?.unmapped == .v4(0x0A01_0203))
        #expect(mapped?.isIPv4 == false)
        // Only ::ffff:0:0/96: the IPv4-compatible and NAT64 forms stay IPv6.
        #expect(IPAddress("::10.1.2.3")?.unmapped == .v6(high: 0, low: 0x0A01_0203))
        #expect(IPAddress("64:ff9b::10.1.2.3")?.unmapped == .v6(high: 0x0064_FF9B_0000_0000, low: 0x0A01_0203))
        #expect(IPAddress("10.1.2.3")?.unmapped == .v4(0x0A01_0203))
    }

    @Test func zeroPaddedOctetsOnlyWhenAsked() {
        #expect(IPAddress("010.001.0.9") == nil)
        #expect(IPAddress("010.001.0.9", zeroPaddedOctets: true) == .v4(0x0A01_0009))
        #expect(IPAddress("::ffff:010.1.1.1", zeroPaddedOctets: true) == .v6(high: 0, low: 0x0000_FFFF_0A01_0101))
        #expect(IPAddress("0010.1.1.1", zeroPaddedOctets: true) == nil)  // still at most three digits
    }

    @Test(arguments: [
        "", " 1.2.3.4", "1.2.3.4 ", "1.2.3", "1.2.3.256", "01.2.3.4", "1.2.3.4%eth0", "[::1]", "::1/128",
        "1::2::3", ":::", "12345::", "1:2:3:4:5:6:7:8:9", "fe80::1%", "fe80::1%eth 0", "fe80::1%\t", "example.com",
    ])
    func rejects(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func bytesRoundTrip() {
        #expect(IPAddress(bytes: [192, 0, 2, 1]) == .v4(0xC000_0201))
        #expect(IPAddress(bytes: [192, 0, 2, 1])?.bytes == [192, 0, 2, 1])
        let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
        #expect(IPAddress(bytes: loopback) == IPAddress("::1"))
        #expect(IPAddress("2001:db8::ff00:42:8329")?.bytes
                == [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0xFF, 0x00, 0x00, 0x42, 0x83, 0x29])
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }

    /// RFC 5952 section 4.
    @Test func describesItselfInTheRecommendedForm() {
        let cases = [
            "2001:0db8::0001": "2001:db8::1",
            "2001:db8:0:0:0:0:2:1": "2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1": "2001:db8:0:1:1:1:1:1",  // a single zero group is not `::`
            "2001:0:0:1:0:0:0:1": "2001:0:0:1::1",  // the longest run
            "2001:db8:0:0:1:0:0:1": "2001:db8::1:0:0:1",  // the first of equal runs
            "2001:DB8::AbCd": "2001:db8::abcd",
            "0:0:0:0:0:0:0:0": "::",
            "0:0:0:0:0:0:0:1": "::1",
            "1:0:0:0:0:0:0:0": "1::",
            "0:0:0:0:0:ffff:a01:203": "::ffff:10.1.2.3",
            "10.10.10.5": "10.10.10.5",
        ]
        for (written, expected) in cases {
            #expect(IPAddress(written)?.description == expected, "\(written)")
        }
    }
}
