@testable import BeaconIngest
import Testing

/// `RemoteIPType` for logs without one, in Defender's vocabulary: one address from each range of the IANA
/// special-purpose registries (RFC 6890 and its updates), and the values the shared converted CSVs hold.
@Suite struct RemoteIPTypeTests {
    @Test(arguments: [
        ("8.8.8.8", "Public"), ("64.225.56.201", "Public"), ("168.63.129.16", "Public"), ("192.88.99.1", "Public"),
        ("10.10.10.5", "Private"), ("172.16.0.1", "Private"), ("172.31.255.255", "Private"), ("172.32.0.1", "Public"),
        ("192.168.0.4", "Private"), ("100.64.0.1", "Private"), ("100.128.0.1", "Public"),
        ("127.0.0.1", "Loopback"), ("127.255.255.254", "Loopback"),
        ("169.254.169.254", "LinkLocal"),
        ("224.0.0.251", "Multicast"), ("239.255.255.250", "Multicast"),
        ("255.255.255.255", "Broadcast"),
        ("0.0.0.0", "Reserved"), ("192.0.0.8", "Reserved"), ("192.0.2.1", "Reserved"), ("198.18.0.1", "Reserved"),
        ("198.51.100.7", "Reserved"), ("203.0.113.77", "Reserved"), ("240.0.0.1", "Reserved"), ("254.115.189.247", "Reserved"),
    ])
    func ipv4(address: String, type: String) {
        #expect(RemoteIPTypeClassifier.type(of: address) == type)
    }

    @Test(arguments: [
        ("2606:4700::1111", "Public"), ("2a00:1450:4001:80b::200e", "Public"), ("2002:c000:204::1", "Public"),
        ("fd00::1", "Private"), ("fc12::1", "Private"),
        ("::1", "Loopback"), ("0:0:0:0:0:0:0:1", "Loopback"),
        ("fe80::3816:b2ee:1b9b:324b", "LinkLocal"), ("febf::1", "LinkLocal"),
        ("ff02::2", "Multicast"),
        ("::ffff:10.1.2.3", "FourToSixMapping"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
        ("::", "Reserved"), ("100::1", "Reserved"), ("2001:db8::1", "Reserved"), ("2001:10::1", "Reserved"),
        ("fec0::1", "Reserved"), ("4000::1", "Reserved"), ("::1.2.3.4", "Reserved"),
    ])
    func ipv6(address: String, type: String) {
        #expect(RemoteIPTypeClassifier.type(of: address) == type)
    }

    @Test func notAnAddressHasNoType() {
        #expect(RemoteIPTypeClassifier.type(of: "") == "")
        #expect(RemoteIPTypeClassifier.type(of: "example.com") == "")
    }
}
