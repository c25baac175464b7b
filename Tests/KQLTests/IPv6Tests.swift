import Testing
@testable import KQL

/// RFC 4291 §2.2 text forms, bytes worked out by hand.
@Test func parseIPv6Forms() {
    let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
    #expect(parseIPv6("::1") == loopback)
    #expect(parseIPv6("0:0:0:0:0:0:0:1") == loopback)
    #expect(parseIPv6("0000:0000:0000:0000:0000:0000:0000:0001") == loopback)
    #expect(parseIPv6("::") == Array(repeating: 0, count: 16))
    #expect(parseIPv6("2001:DB8::1") == [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 11) + [1])
    #expect(parseIPv6("2001:db8::1") == parseIPv6("2001:DB8:0:0:0:0:0:1"))
    #expect(parseIPv6("1::") == [0, 1] + Array(repeating: 0, count: 14))
    #expect(parseIPv6("1:2:3:4:5:6:7::") == [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0])
    #expect(parseIPv6("::2:3:4:5:6:7:8") == [0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8])
    #expect(parseIPv6("1:2:3::6:7:8") == [0, 1, 0, 2, 0, 3, 0, 0, 0, 0, 0, 6, 0, 7, 0, 8])
    #expect(parseIPv6("fe80::1%eth0") == [0xFE, 0x80] + Array(repeating: 0, count: 13) + [1])
    #expect(parseIPv6("FE80::ABCD") == [0xFE, 0x80] + Array(repeating: 0, count: 12) + [0xAB, 0xCD])
}

/// Embedded IPv4 as the last 32 bits.
@Test func parseIPv6EmbeddedIPv4() {
    let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF, 1, 2, 3, 4]
    #expect(parseIPv6("::ffff:1.2.3.4") == mapped)
    #expect(parseIPv6("::FFFF:0102:0304") == mapped)
    #expect(parseIPv6("0:0:0:0:0:ffff:1.2.3.4") == mapped)
    #expect(parseIPv6("1:2:3:4:5:6:1.2.3.4") == [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4])
    #expect(parseIPv6("::1.2.3.4") == Array(repeating: 0, count: 12) + [1, 2, 3, 4])
}

@Test(arguments: [
    "", ":", ":::", "1::2::3", "::1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8", "12345::", "::g", "1.2.3.4", "1.2.3.4::", "::1.2.3", "::1.2.3.4:5",
    "::256.1.1.1", ":1::", "1::2:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:", "fe80::1%", "[::1]",
    "::1/128", " ::1", "1:2:3:4:5:6:7:1.2.3.4", "2001:db8:::1",
])
func malformedIPv6(text: String) {
    #expect(parseIPv6(text[...]) == nil)
}

@Test func isValidIPAddressAcceptsBothFamilies() {
    #expect(isValidIPAddress("8.8.8.8"))
    #expect(isValidIPAddress("::ffff:8.8.8.8"))
    #expect(isValidIPAddress("2606:4700:4700::1111"))
    #expect(!isValidIPAddress(""))
    #expect(!isValidIPAddress("not-an-ip"))
    #expect(!isValidIPAddress("10.0.0.0/8"))
    #expect(!isValidIPAddress("1::2::3"))
    #expect(!isValidIPAddress("example.com"))
}
