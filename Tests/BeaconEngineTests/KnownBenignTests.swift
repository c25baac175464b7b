import BeaconEngine
import Testing

/// `AddressRange`: CIDR parsing and membership, edges worked out by hand from the prefix bits.
@Suite struct KnownBenignAddressRangeTests {
    private func contains(_ range: String, _ address: String) -> Bool {
        guard let parsed = AddressRange(range) else {
            Issue.record("\(range) should parse")
            return false
        }
        guard let probe = AddressRange.Address(address) else {
            Issue.record("\(address) should parse")
            return false
        }
        return parsed.contains(probe)
    }

    @Test func ipv4SlashZeroHoldsEveryIPv4AddressAndNoIPv6One() {
        #expect(contains("0.0.0.0/0", "0.0.0.0"))
        #expect(contains("0.0.0.0/0", "255.255.255.255"))
        #expect(contains("0.0.0.0/0", "203.0.113.7"))
        // An IPv4 range is the IPv4-mapped block ::ffff:0:0/96 and nothing else of IPv6.
        #expect(!contains("0.0.0.0/0", "2001:db8::1"))
        #expect(!contains("0.0.0.0/0", "::"))
    }

    @Test func ipv4SlashTwentyFourEdges() {
        #expect(contains("203.0.113.0/24", "203.0.113.0"))
        #expect(contains("203.0.113.0/24", "203.0.113.255"))
        #expect(!contains("203.0.113.0/24", "203.0.112.255"))
        #expect(!contains("203.0.113.0/24", "203.0.114.0"))
        // Host bits in the written network are masked away: 203.0.113.77/24 is 203.0.113.0/24.
        #expect(contains("203.0.113.77/24", "203.0.113.1"))
        #expect(!contains("203.0.113.77/24", "203.0.114.77"))
    }

    @Test func ipv4SlashThirtyOneAndThirtyTwo() {
        // /31: the last bit free, so .152 and .153; .154 differs in bit 30.
        #expect(contains("13.107.6.152/31", "13.107.6.152"))
        #expect(contains("13.107.6.152/31", "13.107.6.153"))
        #expect(!contains("13.107.6.152/31", "13.107.6.151"))
        #expect(!contains("13.107.6.152/31", "13.107.6.154"))
        #expect(contains("168.63.129.16/32", "168.63.129.16"))
        #expect(!contains("168.63.129.16/32", "168.63.129.17"))
        #expect(!contains("168.63.129.16/32", "168.63.129.15"))
    }

    @Test func ipv6SlashTwentyFour() {
        // /24 fixes the bytes 26 03 10.
        #expect(contains("2603:1000::/24", "2603:1000::"))
        #expect(contains("2603:1000::/24", "2603:10ff:ffff:ffff:ffff:ffff:ffff:ffff"))
        #expect(!contains("2603:1000::/24", "2603:1100::"))
        #expect(!contains("2603:1000::/24", "2603:fff:ffff:ffff:ffff:ffff:ffff:ffff"))
    }

    @Test func ipv6SlashThirtyEightCutsInsideAGroup() {
        // 38 bits = 2603, 1063 and the top 6 bits of the third group: 0x0000...0x03ff.
        #expect(contains("2603:1063::/38", "2603:1063:3ff:ffff::1"))
        #expect(!contains("2603:1063::/38", "2603:1063:400::"))
    }

    @Test func ipv6SlashOneTwentyEightIsOneAddressInAnySpelling() {
        #expect(contains("2620:1ec:4::152/128", "2620:1ec:4::152"))
        #expect(contains("2620:1ec:4::152/128", "2620:01EC:0004:0000:0000:0000:0000:0152"))
        #expect(!contains("2620:1ec:4::152/128", "2620:1ec:4::153"))
        #expect(!contains("2620:1ec:4::152/128", "2620:1ec:4::151"))
    }

    @Test func anIPv4MappedIPv6AddressIsJudgedAsItsIPv4Address() {
        #expect(contains("13.107.4.0/24", "::ffff:13.107.4.50"))
        // The same address in hex groups: 0d6b = 13.107, 0432 = 4.50.
        #expect(contains("13.107.4.0/24", "::ffff:d6b:432"))
        #expect(!contains("13.107.4.0/24", "::ffff:13.107.5.1"))
        // Not mapped (no ffff), so not the IPv4 address 13.107.4.50.
        #expect(!contains("13.107.4.0/24", "::13.107.4.50"))
        #expect(!contains("13.107.4.0/24", "64:ff9b::13.107.4.50"))
    }

    @Test func badRangesAreRejected() {
        for text in [
            "1.2.3.4/33", "1.2.3.4", "::/129", "x/8", "1.2.3.4/+8", "1.2.3.4/-0", "1.2.3.4/", "/8", "1.2.3.4/8/8",
            "1.2.3.4/ 8", " 1.2.3.4/8", "256.0.0.0/8", "1.2.3/24", "01.2.3.4/8", "2001:db8::/", "2001:db8:::/32",
            "[2001:db8::]/32", "",
        ] {
            #expect(AddressRange(text) == nil, "\(text) should be rejected")
        }
    }

    @Test func goodRangesKeepTheirText() {
        for text in ["0.0.0.0/0", "1.2.3.4/32", "::/0", "::/128", "2603:1000::/24", "13.107.4.0/24"] {
            #expect(AddressRange(text)?.description == text)
        }
    }
}

/// `KnownBenignEntry.matches`: every given condition must hold, and each compares the way its comment says.
@Suite struct KnownBenignEntryTests {
    private static func key(device: String = "ws-014", process: String = "TeamViewer_Service.exe",
                            ip: String = "203.0.113.7", port: Int32? = 443) -> BeaconKey {
        BeaconKey(deviceId: "id-" + device, deviceName: device, initiatingProcessAccountName: "alice",
                  initiatingProcessAccountDomain: "CORP", initiatingProcessFileName: process, remoteIP: ip, remotePort: port)
    }

    private static func entry(_ conditions: KnownBenignEntry.Conditions) -> KnownBenignEntry {
        KnownBenignEntry(name: "TeamViewer", category: "remote-support", source: "https://example.com/", match: conditions)
    }

    @Test func anEntryWithoutConditionsMatchesNothing() {
        #expect(!Self.entry(.init()).matches(Self.key(), domains: ["teamviewer.com"]))
    }

    @Test func processNamesIgnoreASCIICaseOnly() {
        let teamViewer = Self.entry(.init(processNames: ["TeamViewer_Service.exe", "TeamViewer.exe"]))
        #expect(teamViewer.matches(Self.key(), domains: []))
        #expect(teamViewer.matches(Self.key(process: "teamviewer_service.EXE"), domains: []))
        #expect(teamViewer.matches(Self.key(process: "TEAMVIEWER.EXE"), domains: []))
        #expect(!teamViewer.matches(Self.key(process: "TeamViewer_Service.exe.exe"), domains: []))
        #expect(!teamViewer.matches(Self.key(process: "TeamViewer_Service.ex"), domains: []))
        #expect(!teamViewer.matches(Self.key(process: "TeamViewer_Service.exe "), domains: []))
        // Beyond ASCII, case is not folded: É and é are different bytes.
        let accented = Self.entry(.init(processNames: ["Éditeur.exe"]))
        #expect(accented.matches(Self.key(process: "Éditeur.exe"), domains: []))
        #expect(!accented.matches(Self.key(process: "éditeur.exe"), domains: []))
    }

    @Test func aDomainSuffixMatchesTheDomainAndItsSubdomainsOnly() {
        let teamViewer = Self.entry(.init(domainSuffixes: ["teamviewer.com"]))
        #expect(teamViewer.matches(Self.key(), domains: ["router7.teamviewer.com"]))
        #expect(teamViewer.matches(Self.key(), domains: ["teamviewer.com"]))
        #expect(teamViewer.matches(Self.key(), domains: ["Master1.TeamViewer.COM"]))
        #expect(!teamViewer.matches(Self.key(), domains: ["evilteamviewer.com"]))
        #expect(!teamViewer.matches(Self.key(), domains: ["teamviewer.com.evil.example"]))
        #expect(!teamViewer.matches(Self.key(), domains: ["eamviewer.com"]))
        #expect(!teamViewer.matches(Self.key(), domains: []))
        // Any one of the group's domains will do.
        #expect(teamViewer.matches(Self.key(), domains: ["cdn.example.net", "router7.teamviewer.com"]))
    }

    @Test func aFullyQualifiedDomainWithItsRootDotMatches() {
        let datadog = Self.entry(.init(domainSuffixes: ["datadoghq.com"]))
        #expect(datadog.matches(Self.key(), domains: ["trace.agent.datadoghq.com."]))
        #expect(datadog.matches(Self.key(), domains: ["datadoghq.com."]))
        #expect(!datadog.matches(Self.key(), domains: ["evildatadoghq.com."]))
        #expect(!datadog.matches(Self.key(), domains: ["."]))
    }

    @Test func anAddressRangeMatchesTheKeysAddress() {
        let wireServer = Self.entry(.init(addressRanges: [AddressRange("168.63.129.16/32")!]))
        #expect(wireServer.matches(Self.key(ip: "168.63.129.16"), domains: []))
        #expect(wireServer.matches(Self.key(ip: "::ffff:168.63.129.16"), domains: []))
        #expect(!wireServer.matches(Self.key(ip: "168.63.129.17"), domains: []))
        // An address the telemetry could not give (empty, or not an address) is in no range.
        #expect(!wireServer.matches(Self.key(ip: ""), domains: []))
        #expect(!wireServer.matches(Self.key(ip: "168.63.129.16:80"), domains: []))
    }

    @Test func exactIPPortAndDeviceCompareAsWritten() {
        let destination = Self.entry(.init(remoteIP: "2001:db8::1", remotePort: 443))
        #expect(destination.matches(Self.key(ip: "2001:db8::1"), domains: []))
        // The triage file keeps the address as text: another spelling is another destination.
        #expect(!destination.matches(Self.key(ip: "2001:DB8::1"), domains: []))
        #expect(!destination.matches(Self.key(ip: "2001:db8::1", port: 8443), domains: []))
        #expect(!destination.matches(Self.key(ip: "2001:db8::1", port: nil), domains: []))

        let anyPort = Self.entry(.init(remoteIP: "203.0.113.7"))
        #expect(anyPort.matches(Self.key(port: 443), domains: []))
        #expect(anyPort.matches(Self.key(port: 53), domains: []))
        #expect(anyPort.matches(Self.key(port: nil), domains: []))

        let device = Self.entry(.init(deviceId: "id-ws-014"))
        #expect(device.matches(Self.key(), domains: []))
        #expect(!device.matches(Self.key(device: "ws-015"), domains: []))
        #expect(!device.matches(Self.key(device: "WS-014"), domains: []))
    }

    @Test func everyGivenConditionMustHold() {
        let both = Self.entry(.init(processNames: ["TeamViewer.exe"], domainSuffixes: ["teamviewer.com"], remotePort: 443))
        #expect(both.matches(Self.key(process: "TeamViewer.exe"), domains: ["router7.teamviewer.com"]))
        #expect(!both.matches(Self.key(process: "TeamViewer.exe"), domains: ["example.com"]))
        #expect(!both.matches(Self.key(process: "beacon.exe"), domains: ["router7.teamviewer.com"]))
        #expect(!both.matches(Self.key(process: "TeamViewer.exe", port: 5938), domains: ["router7.teamviewer.com"]))
    }
}
