import KQL
import Testing

/// `IPNetwork`: CIDR edges worked out by hand from the prefix bits.
@Suite struct IPNetworkTests {
    private func contains(_ network: String, _ address: String) throws -> Bool {
        let network = try #require(IPNetwork(network), "\(network)")
        return network.contains(try #require(IPAddress(address), "\(address)"))
    }

    @Test func slashZeroHoldsItsWholeFamilyAndNothingElse() throws {
        #expect(try contains("0.0.0.0/0", "0.0.0.0"))
        #expect(try contains("0.0.0.0/0", "255.255.255.255"))
        #expect(try !contains("0.0.0.0/0", "::"))
        #expect(try !contains("0.0.0.0/0", "::ffff:1.2.3.4"))  // families never mix
        #expect(try contains("::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))
        #expect(try contains("::/0", "::ffff:1.2.3.4"))
        #expect(try !contains("::/0", "1.2.3.4"))
    }

    @Test func ipv4HostBlocks() throws {
        #expect(try contains("192.0.2.1/32", "192.0.2.1"))
        #expect(try !contains("192.0.2.1/32", "192.0.2.0"))
        #expect(try !contains("192.0.2.1/32", "192.0.2.2"))
        // /31: .6 is …110 and .7 …111 share 31 bits; .5 is …101 and .8 …1000.
        #expect(try contains("192.0.2.6/31", "192.0.2.6"))
        #expect(try contains("192.0.2.6/31", "192.0.2.7"))
        #expect(try !contains("192.0.2.6/31", "192.0.2.5"))
        #expect(try !contains("192.0.2.6/31", "192.0.2.8"))
        // Host bits in the written address are not compared.
        #expect(try contains("203.0.113.9/24", "203.0.113.200"))
        #expect(try !contains("203.0.113.9/24", "203.0.114.9"))
    }

    @Test func ipv6PrefixesAcrossTheHalves() throws {
        #expect(try contains("2001:db8::1/128", "2001:DB8:0::1"))
        #expect(try !contains("2001:db8::1/128", "2001:db8::2"))
        // /64 is exactly the high half.
        #expect(try contains("2001:db8:0:1::/64", "2001:db8:0:1:ffff:ffff:ffff:ffff"))
        #expect(try !contains("2001:db8:0:1::/64", "2001:db8:0:2::"))
        // /63 frees the last bit of the fourth group: 0 and 1 in, 2 out.
        #expect(try contains("2001:db8::/63", "2001:db8:0:1::"))
        #expect(try !contains("2001:db8::/63", "2001:db8:0:2::"))
        // /65 fixes the top bit of the low half.
        #expect(try contains("2001:db8::/65", "2001:db8::7fff:ffff:ffff:ffff"))
        #expect(try !contains("2001:db8::/65", "2001:db8::8000:0:0:0"))
        // 2001:db8::/32 against 2001:db9::.
        #expect(try !contains("2001:db8::/32", "2001:db9::"))
    }

    @Test func aBlockOfMappedAddressesUnmapsToItsIPv4Block() {
        #expect(IPNetwork("::ffff:10.0.0.0/104")?.unmapped == IPNetwork("10.0.0.0/8"))
        #expect(IPNetwork("::ffff:0:0/96")?.unmapped == IPNetwork("0.0.0.0/0"))
        #expect(IPNetwork("::ffff:10.1.2.3/128")?.unmapped == IPNetwork("10.1.2.3/32"))
        // Wider than the mapped block: no IPv4 form.
        #expect(IPNetwork("::ffff:10.0.0.0/95") != nil)
        #expect(IPNetwork("::ffff:10.0.0.0/95")?.unmapped == nil)
        #expect(IPNetwork("10.0.0.0/8")?.unmapped == IPNetwork("10.0.0.0/8"))
        #expect(IPNetwork("2001:db8::/32")?.unmapped == IPNetwork("2001:db8::/32"))
    }

    @Test func prefixLengths() {
        #expect(IPNetwork("10.0.0.0/008")?.prefixLength == 8)
        #expect(IPNetwork("10.0.0.0/32")?.prefixLength == 32)
        #expect(IPNetwork("::/128")?.prefixLength == 128)
        #expect(IPNetwork(address: .v4(0), prefixLength: 33) == nil)
        #expect(IPNetwork(address: .v6(high: 0, low: 0), prefixLength: -1) == nil)
    }

    @Test(arguments: [
        "10.0.0.0", "10.0.0.0/33", "::/129", "10.0.0.0/", "/8", "10.0.0.0/+8", "10.0.0.0/-0", "10.0.0.0/8/8",
        "10.0.0.0/ 8", " 10.0.0.0/8", "[::1]/128", "010.0.0.0/8", "x/8", "2001:db8:::/32", "",
    ])
    func rejects(text: String) {
        #expect(IPNetwork(text) == nil)
    }
}
