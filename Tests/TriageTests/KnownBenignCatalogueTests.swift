import BeaconEngine
import Foundation
import Testing
@testable import Triage

/// The shipped catalogue, `catalogue/known-benign.toml`, as the loader reads it.
@Suite struct KnownBenignCatalogueTests {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("catalogue/known-benign.toml").path

    static func shipped() throws -> [KnownBenignEntry] {
        try KnownBenignCatalogue.load(path: path)
    }

    /// Names of the services that match a group to `ip` by `process`, seen with `domains`.
    static func services(_ entries: [KnownBenignEntry], process: String = "unrelated-tool.exe", ip: String = "192.0.2.1",
                         domains: [String] = []) -> Set<String> {
        let key = Fixture.key(process: process, ip: ip)
        return Set(entries.filter { $0.matches(key, domains: domains) }.map(\.name))
    }

    @Test func loadsWithAtLeastFortyServices() throws {
        let entries = try Self.shipped()
        #expect(Set(entries.map(\.name)).count >= 40)
        // A service is up to three entries (processes, domains, ranges), all with its name.
        let perService = Dictionary(grouping: entries, by: \.name)
        for (name, group) in perService {
            #expect((1...3).contains(group.count), "\(name)")
            #expect(Set(group.map(\.category)).count == 1 && Set(group.map(\.source)).count == 1, "\(name)")
        }
    }

    @Test func everySourceIsAnHTTPSPageAndEveryCategoryIsKnown() throws {
        let known: Set = ["update", "telemetry", "monitoring", "logging", "remote-support", "cloud-agent", "security-agent", "sync", "time"]
        for entry in try Self.shipped() {
            #expect(entry.source.hasPrefix("https://"), "\(entry.name): \(entry.source)")
            #expect(known.contains(entry.category), "\(entry.name): \(entry.category)")
        }
    }

    @Test func noGenericOrCommonlyAbusedBinaryIsListed() throws {
        // Written out again here rather than taken from the loader, so that a loader change cannot hide one.
        let banned: Set = [
            "svchost.exe", "rundll32.exe", "regsvr32.exe", "dllhost.exe", "powershell.exe", "pwsh.exe", "cmd.exe",
            "mshta.exe", "wscript.exe", "cscript.exe", "msedge.exe", "chrome.exe", "firefox.exe", "explorer.exe",
            "notepad.exe", "taskhostw.exe", "runtimebroker.exe", "conhost.exe", "python.exe", "java.exe", "node.exe",
            "msiexec.exe", "mpcmdrun.exe", "certutil.exe", "bitsadmin.exe", "zsatunnel.exe",
        ]
        for entry in try Self.shipped() {
            for process in entry.match.processNames {
                #expect(!banned.contains(process.lowercased()), "\(entry.name) lists \(process)")
            }
        }
    }

    @Test func everyEntryMatchesAKeyOfItsOwnAndNotAStranger() throws {
        let stranger = Fixture.key(process: "unrelated-tool.exe", ip: "192.0.2.1")
        for entry in try Self.shipped() {
            let conditions = entry.match
            #expect(conditions.remoteIP == nil && conditions.remotePort == nil && conditions.deviceId == nil, "\(entry.name)")
            #expect(!entry.matches(stranger, domains: ["example.invalid"]), "\(entry.name)")
            // One kind of fact per entry, so each kind alone identifies the service.
            let kinds = [!conditions.processNames.isEmpty, !conditions.domainSuffixes.isEmpty, !conditions.addressRanges.isEmpty]
            #expect(kinds.filter { $0 }.count == 1, "\(entry.name)")
            for process in conditions.processNames {
                #expect(entry.matches(Fixture.key(process: process), domains: []), "\(entry.name): \(process)")
                #expect(entry.matches(Fixture.key(process: process.uppercased()), domains: []), "\(entry.name): \(process)")
            }
            for domain in conditions.domainSuffixes {
                #expect(entry.matches(stranger, domains: [domain]), "\(entry.name): \(domain)")
                #expect(entry.matches(stranger, domains: ["probe." + domain]), "\(entry.name): \(domain)")
                #expect(!entry.matches(stranger, domains: ["probe" + domain]), "\(entry.name): \(domain)")
            }
            for range in conditions.addressRanges {
                // The written network address is inside its own range.
                let network = String(range.description.prefix { $0 != "/" })
                #expect(entry.matches(Fixture.key(ip: network), domains: []), "\(entry.name): \(range)")
            }
        }
    }

    @Test func oneFactNamesOneService() throws {
        let entries = try Self.shipped()
        var processOwner: [String: String] = [:]
        var domains: [(domain: String, service: String)] = []
        for entry in entries {
            for process in entry.match.processNames {
                let owner = processOwner[process.lowercased(), default: entry.name]
                #expect(owner == entry.name, "\(process) is in \(owner) and \(entry.name)")
                processOwner[process.lowercased()] = entry.name
            }
            domains += entry.match.domainSuffixes.map { ($0.lowercased(), entry.name) }
        }
        for a in domains {
            for b in domains where a.service != b.service {
                #expect(a.domain != b.domain && !a.domain.hasSuffix("." + b.domain), "\(a.domain) (\(a.service)) is under \(b.domain) (\(b.service))")
            }
        }
    }

    @Test func handMadeKeysFindTheirService() throws {
        let entries = try Self.shipped()
        #expect(Self.services(entries, domains: ["router7.teamviewer.com"]) == ["TeamViewer"])
        #expect(Self.services(entries, domains: ["teamviewer.com"]) == ["TeamViewer"])
        #expect(Self.services(entries, domains: ["evilteamviewer.com"]).isEmpty)
        #expect(Self.services(entries, domains: ["teamviewer.com.evil.example"]).isEmpty)
        // Process names ignore case, as Windows file names do.
        #expect(Self.services(entries, process: "dropbox.EXE") == ["Dropbox"])
        #expect(Self.services(entries, process: "IR_AGENT.EXE") == ["Rapid7 Insight Agent"])
        #expect(Self.services(entries, process: "MsSense.exe", ip: "203.0.113.7") == ["Microsoft Defender for Endpoint"])
        #expect(Self.services(entries, process: "dropbox.exe.exe").isEmpty)
        // Ranges: Azure's one platform address, and nothing beside it.
        #expect(Self.services(entries, ip: "168.63.129.16") == ["Azure platform (WireServer)"])
        #expect(Self.services(entries, ip: "168.63.129.17").isEmpty)
        // 13.107.6.152/31 is .152 and .153 only.
        #expect(Self.services(entries, ip: "13.107.6.153") == ["Exchange Online (Outlook)"])
        #expect(Self.services(entries, ip: "13.107.6.154").isEmpty)
        // 2603:1063::/38 ends at 2603:1063:3ff:ffff:...; an IPv4-mapped address is judged as IPv4.
        #expect(Self.services(entries, ip: "2603:1063:3ff:ffff::1") == ["Microsoft Teams"])
        #expect(Self.services(entries, ip: "2603:1063:400::1").isEmpty)
        #expect(Self.services(entries, ip: "::ffff:52.112.0.1") == ["Microsoft Teams"])
        // A process, a domain and an address of three services: each names its own.
        #expect(Self.services(entries, process: "splunkd.exe", ip: "20.190.128.1", domains: ["intake.datadoghq.eu"])
            == ["Splunk Universal Forwarder", "Microsoft Entra ID sign-in", "Datadog Agent"])
    }

    @Test func loadingAndParsingAgree() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(try KnownBenignCatalogue.parse(text, path: Self.path) == Self.shipped())
        // Every `[[service]]` header is a service: none was skipped.
        let headers = text.split(separator: "\n").filter { $0.hasPrefix("[[service]]") }.count
        #expect(Set(try Self.shipped().map(\.name)).count == headers)
    }
}

/// Malformed catalogues: each error names the file, the line and the field.
@Suite struct KnownBenignCatalogueErrorTests {
    static let file = "catalogue/known-benign.toml"

    /// A valid service (lines 1–5) followed by `extra` from line 6 on.
    static func document(_ extra: String = "", name: String = "Example Agent") -> String {
        """
        [[service]]
        name = "\(name)"
        category = "monitoring"
        source = "https://docs.example.com/agent"
        processes = ["example-agent.exe"]

        """ + extra
    }

    static func error(_ text: String) -> KnownBenignCatalogueError? {
        do {
            _ = try KnownBenignCatalogue.parse(text, path: file)
            return nil
        } catch let error as KnownBenignCatalogueError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    /// Checks the error's line and field, and that its message says `words`.
    static func expectError(_ text: String, line: Int?, field: String?, saying words: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = error(text) else {
            Issue.record("no error for:\n\(text)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.file == file, sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(words), "\(error)", sourceLocation: sourceLocation)
    }

    @Test func theValidDocumentParses() throws {
        let entries = try KnownBenignCatalogue.parse(Self.document(), path: Self.file)
        #expect(entries == [KnownBenignEntry(name: "Example Agent", category: "monitoring", source: "https://docs.example.com/agent",
                                             match: .init(processNames: ["example-agent.exe"]))])
        #expect(try KnownBenignCatalogue.parse("", path: Self.file).isEmpty)
        #expect(try KnownBenignCatalogue.parse("# only a comment\n", path: Self.file).isEmpty)
    }

    @Test func aServiceBecomesOneEntryPerKindOfFact() throws {
        let text = """
            [[service]]
            name = "Example Agent"
            category = "monitoring"
            source = "https://docs.example.com/agent"
            processes = ["example-agent.exe", "example-updater.exe"]
            domains = ["example.com"]
            ranges = ["198.51.100.0/24", "2001:db8:1::/48"]
            """
        let entries = try KnownBenignCatalogue.parse(text, path: Self.file)
        #expect(entries.map(\.match) == [
            .init(processNames: ["example-agent.exe", "example-updater.exe"]),
            .init(domainSuffixes: ["example.com"]),
            .init(addressRanges: [AddressRange("198.51.100.0/24")!, AddressRange("2001:db8:1::/48")!]),
        ])
    }

    @Test func aBadRangeNamesFileLineAndField() {
        let error = Self.error(Self.document(#"ranges = ["13.107.4.0/33"]"#))
        #expect(error?.description == "catalogue/known-benign.toml:6: ranges: '13.107.4.0/33' is not a CIDR range")
        // An array over several lines: the line of its key.
        Self.expectError(Self.document("ranges = [\n    \"198.51.100.0/24\",\n    \"13.107.4.0/33\",\n]"),
                         line: 6, field: "ranges", saying: "'13.107.4.0/33' is not a CIDR range")
    }

    @Test func unwantedRangesAreRefused() {
        Self.expectError(Self.document(#"ranges = ["10.1.0.0/16"]"#), line: 6, field: "ranges", saying: "10.0.0.0/8")
        Self.expectError(Self.document(#"ranges = ["192.168.1.0/24"]"#), line: 6, field: "ranges", saying: "private")
        // 0.0.0.0/0 holds every private range too; /11 is wider than the /12 allowed.
        Self.expectError(Self.document(#"ranges = ["0.0.0.0/0"]"#), line: 6, field: "ranges", saying: "wider")
        Self.expectError(Self.document(#"ranges = ["13.96.0.0/11"]"#), line: 6, field: "ranges", saying: "wider than /12")
        Self.expectError(Self.document(#"ranges = ["2603::/16"]"#), line: 6, field: "ranges", saying: "wider than /24")
        Self.expectError(Self.document(#"ranges = ["fd00:1::/48"]"#), line: 6, field: "ranges", saying: "fc00::/7")
        Self.expectError(Self.document(#"ranges = ["::ffff:13.107.4.0/24"]"#), line: 6, field: "ranges", saying: "IPv6 notation")
        Self.expectError(Self.document(#"ranges = ["2001:db8::%eth0/48"]"#), line: 6, field: "ranges", saying: "not a CIDR range")
        Self.expectError(Self.document(#"ranges = ["1.2.3.4"]"#), line: 6, field: "ranges", saying: "not a CIDR range")
    }

    @Test func unknownAndMissingKeys() {
        Self.expectError(Self.document(#"proccesses = ["x.exe"]"#), line: 6, field: "proccesses", saying: "unknown key")
        Self.expectError("[[service]]\ncategory = \"monitoring\"\nsource = \"https://docs.example.com/\"\nprocesses = [\"a.exe\"]\n",
                         line: 1, field: "name", saying: "missing")
        Self.expectError("[[service]]\nname = \"A\"\nsource = \"https://docs.example.com/\"\nprocesses = [\"a.exe\"]\n",
                         line: 1, field: "category", saying: "missing")
        Self.expectError("[[service]]\nname = \"A\"\ncategory = \"monitoring\"\nprocesses = [\"a.exe\"]\n",
                         line: 1, field: "source", saying: "missing")
        Self.expectError("version = 1\n" + Self.document(), line: 1, field: "version", saying: "unknown key")
        Self.expectError("[service]\nname = \"A\"\n", line: 1, field: "service", saying: "[[service]]")
    }

    @Test func badValues() {
        Self.expectError("[[service]]\nname = \"  \"\ncategory = \"monitoring\"\nsource = \"https://docs.example.com/\"\nprocesses = [\"a.exe\"]\n",
                         line: 2, field: "name", saying: "empty")
        Self.expectError("[[service]]\nname = 7\n", line: 2, field: "name", saying: "string")
        Self.expectError(Self.document().replacingOccurrences(of: "\"monitoring\"", with: "\"antivirus\""),
                         line: 3, field: "category", saying: "unknown category 'antivirus'")
        Self.expectError(Self.document().replacingOccurrences(of: "https://docs.example.com/agent", with: "http://docs.example.com/agent"),
                         line: 4, field: "source", saying: "not an https URL")
        Self.expectError(Self.document().replacingOccurrences(of: "https://docs.example.com/agent", with: "docs.example.com/agent"),
                         line: 4, field: "source", saying: "not an https URL")
        Self.expectError(Self.document().replacingOccurrences(of: "https://docs.example.com/agent", with: "https://docs.example.com@evil.example/"),
                         line: 4, field: "source", saying: "not an https URL")
        Self.expectError(Self.document().replacingOccurrences(of: "https://docs.example.com/agent", with: "https://localhost/"),
                         line: 4, field: "source", saying: "not an https URL")
    }

    @Test func aServiceWithoutFactsIsAnError() {
        Self.expectError("\n[[service]]\nname = \"A\"\ncategory = \"monitoring\"\nsource = \"https://docs.example.com/\"\n",
                         line: 2, field: "processes/domains/ranges", saying: "'A' lists none of them")
    }

    @Test func badProcessNames() {
        let replace = { (name: String) in Self.document().replacingOccurrences(of: "[\"example-agent.exe\"]", with: name) }
        Self.expectError(replace(#"['C:\Program Files\Example\agent.exe']"#), line: 5, field: "processes", saying: "path separator")
        Self.expectError(replace(#"["bin/agent"]"#), line: 5, field: "processes", saying: "path separator")
        Self.expectError(replace(#"["agent\u0007.exe"]"#), line: 5, field: "processes", saying: "control")
        Self.expectError(replace(#"["agent\u200B.exe"]"#), line: 5, field: "processes", saying: "control")
        Self.expectError(replace(#"["PowerShell.exe"]"#), line: 5, field: "processes", saying: "generic")
        Self.expectError(replace(#"["svchost.exe"]"#), line: 5, field: "processes", saying: "generic")
        Self.expectError(replace(#"[" agent.exe"]"#), line: 5, field: "processes", saying: "leading or trailing space")
        Self.expectError(replace(#"["a.exe", "A.EXE"]"#), line: 5, field: "processes", saying: "listed twice")
        Self.expectError(replace("[]"), line: 5, field: "processes", saying: "empty")
        Self.expectError(replace(#""agent.exe""#), line: 5, field: "processes", saying: "array of strings")
        Self.expectError(replace(#"["a.exe", 3]"#), line: 5, field: "processes", saying: "array of strings")
    }

    @Test func badDomains() {
        let domains = { (value: String) in Self.document("domains = [\"\(value)\"]") }
        Self.expectError(domains("*.example.com"), line: 6, field: "domains", saying: "without '*.'")
        Self.expectError(domains("com"), line: 6, field: "domains", saying: "every site")
        Self.expectError(domains(".example.com"), line: 6, field: "domains", saying: "dot")
        Self.expectError(domains("example.com."), line: 6, field: "domains", saying: "dot")
        Self.expectError(domains("exa mple.com"), line: 6, field: "domains", saying: "not a domain name")
        Self.expectError(domains("-example.com"), line: 6, field: "domains", saying: "not a domain name")
        Self.expectError(domains("203.0.113.7"), line: 6, field: "domains", saying: "ranges")
        Self.expectError(domains("blob.core.windows.net"), line: 6, field: "domains", saying: "anyone can get a host name")
        Self.expectError(domains("windows.net"), line: 6, field: "domains", saying: "anyone can get a host name")
        Self.expectError(domains("amazonaws.com"), line: 6, field: "domains", saying: "anyone can get a host name")
    }

    @Test func aNameUsedTwice() {
        Self.expectError(Self.document() + "\n" + Self.document(), line: 8, field: "name",
                         saying: "'Example Agent' is already the name of the service at line 1")
    }

    @Test func notTOML() {
        Self.expectError(Self.document("domains = [\"example.com\""), line: 6, field: nil, saying: "not valid TOML")
        Self.expectError("[[service]]\nname = \n", line: 2, field: nil, saying: "not valid TOML")
    }

    @Test func quotedValuesCannotDriveATerminal() {
        let text = "[[service]]\n\"\\u001b[31mevil\" = 1\n"
        guard let error = Self.error(text) else {
            Issue.record("no error")
            return
        }
        #expect(error.line == 2)
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test func loadNamesAMissingFile() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).toml").path
        #expect(throws: KnownBenignCatalogueError(file: missing, line: nil, message: "no such file")) {
            try KnownBenignCatalogue.load(path: missing)
        }
    }

    @Test func loadReadsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString).toml")
        try Data(Self.document(#"ranges = ["13.107.4.0/33"]"#).utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: KnownBenignCatalogueError(file: url.path, line: 6, field: "ranges",
                                                  message: "'13.107.4.0/33' is not a CIDR range")) {
            try KnownBenignCatalogue.load(path: url.path)
        }
        try Data(Self.document().utf8).write(to: url)
        #expect(try KnownBenignCatalogue.load(path: url.path).map(\.name) == ["Example Agent"])
    }
}

/// The analyst's false positives as hunt-mode entries.
@Suite struct FalsePositiveEntriesTests {
    static let now = Date(timeIntervalSince1970: 1_713_484_800)
    static let beacon = Fixture.key()

    static func decision(_ scope: MarkScope, _ status: TriageStatus = .falsePositive, note: String = "", author: String = "alice",
                         expires: Date? = nil) -> TriageDecision {
        TriageDecision(scope: scope, status: status, note: note, author: author,
                       created: now.addingTimeInterval(-86_400), expires: expires)
    }

    static let exact = decision(.exactBeacon(beacon), note: "backup agent")
    static let processToDestination = decision(.processToDestination(process: "svc.exe", remoteIP: "2a00:1450:4001::5", remotePort: 53),
                                               author: "")
    static let destination = decision(.destination(remoteIP: "198.51.100.20", remotePort: 8443), note: "  ", author: " bob ")
    static let process = decision(.process("chrome.exe"), note: "browser sync")

    @Test func eachInForceFalsePositiveBecomesOneEntry() {
        let book = TriageBook(decisions: [
            Self.exact,
            Self.decision(.process("rundll32.exe"), .malicious),
            Self.processToDestination,
            Self.decision(.process("beacon.exe"), .investigating),
            Self.decision(.destination(remoteIP: "203.0.113.9", remotePort: 443), expires: Self.now),
            Self.destination,
            Self.decision(.destination(remoteIP: "192.0.2.50", remotePort: nil)),
            Self.process,
        ])
        let entries = book.falsePositiveEntries(at: Self.now)
        #expect(entries == [
            KnownBenignEntry(name: "backup agent", category: "analyst", source: "triage file (alice)",
                             match: .init(processNames: ["rundll32.exe"], remoteIP: "203.0.113.7", remotePort: 443,
                                          deviceId: "id-ws-014.corp.local")),
            KnownBenignEntry(name: "false positive (analyst)", category: "analyst", source: "triage file",
                             match: .init(processNames: ["svc.exe"], remoteIP: "2a00:1450:4001::5", remotePort: 53)),
            KnownBenignEntry(name: "false positive (analyst)", category: "analyst", source: "triage file (bob)",
                             match: .init(remoteIP: "198.51.100.20", remotePort: 8443)),
            KnownBenignEntry(name: "browser sync", category: "analyst", source: "triage file (alice)",
                             match: .init(processNames: ["chrome.exe"])),
        ])
    }

    @Test func expiryIsJudgedAtTheGivenInstant() {
        let temporary = Self.decision(.process("chrome.exe"), expires: Self.now.addingTimeInterval(60))
        let book = TriageBook(decisions: [temporary])
        #expect(book.falsePositiveEntries(at: Self.now).count == 1)
        #expect(book.falsePositiveEntries(at: Self.now.addingTimeInterval(59)).count == 1)
        #expect(book.falsePositiveEntries(at: Self.now.addingTimeInterval(60)).isEmpty)
    }

    /// Keys around the four decisions: every device, account, process, address and port they name, and one
    /// of each they do not.
    static let grid: [BeaconKey] = {
        var keys: [BeaconKey] = []
        for device in ["ws-014.corp.local", "ws-099"] {
            for account in ["alice", "zed"] {
                for process in ["rundll32.exe", "svc.exe", "chrome.exe", "other.exe"] {
                    for ip in ["203.0.113.7", "2a00:1450:4001::5", "198.51.100.20", "192.0.2.1"] {
                        for port: Int32? in [443, 53, 8443, nil] {
                            keys.append(Fixture.key(device: device, process: process, ip: ip, port: port, account: account))
                        }
                    }
                }
            }
        }
        return keys
    }()

    @Test func entriesCoverWhatTheirScopeCoversAndNothingMore() {
        let decisions = [Self.exact, Self.processToDestination, Self.destination, Self.process]
        for decision in decisions {
            let entries = TriageBook(decisions: [decision]).falsePositiveEntries(at: Self.now)
            guard entries.count == 1, let entry = entries.first else {
                Issue.record("\(decision.scope.summary): \(entries.count) entries")
                continue
            }
            for key in Self.grid {
                // The entry has no account condition: an exact beacon's entry is judged against its scope with
                // the key's account put back to the beacon's (pinned in `exactBeaconEntryIgnoresTheAccount`).
                var scoped = key
                if case .exactBeacon(let beacon) = decision.scope {
                    scoped.initiatingProcessAccountName = beacon.initiatingProcessAccountName
                    scoped.initiatingProcessAccountDomain = beacon.initiatingProcessAccountDomain
                }
                #expect(entry.matches(key, domains: []) == decision.scope.matches(scoped),
                        "\(decision.scope.summary) on \(key.deviceName) \(key.initiatingProcessAccountName) \(key.initiatingProcessFileName) \(key.remoteIP):\(key.remotePort.map(String.init) ?? "null")")
            }
        }
    }

    @Test func handWorkedCoverage() {
        func matches(_ decision: TriageDecision, _ key: BeaconKey) -> Bool {
            TriageBook(decisions: [decision]).falsePositiveEntries(at: Self.now).first?.matches(key, domains: []) ?? false
        }
        // Exact beacon: that device, process and destination only.
        #expect(matches(Self.exact, Self.beacon))
        #expect(!matches(Self.exact, Fixture.key(device: "ws-099")))
        #expect(!matches(Self.exact, Fixture.key(port: 8443)))
        #expect(!matches(Self.exact, Fixture.key(process: "chrome.exe")))
        #expect(!matches(Self.exact, Fixture.key(ip: "203.0.113.8")))
        // Process to destination: on every device, not another port or process.
        #expect(matches(Self.processToDestination, Fixture.key(device: "srv-db01", process: "svc.exe", ip: "2a00:1450:4001::5", port: 53)))
        #expect(matches(Self.processToDestination, Fixture.key(device: "ws-099", process: "svc.exe", ip: "2a00:1450:4001::5", port: 53)))
        #expect(!matches(Self.processToDestination, Fixture.key(process: "svc.exe", ip: "2a00:1450:4001::5", port: 443)))
        #expect(!matches(Self.processToDestination, Fixture.key(process: "svc2.exe", ip: "2a00:1450:4001::5", port: 53)))
        // Destination: any process, that port only.
        #expect(matches(Self.destination, Fixture.key(process: "anything.exe", ip: "198.51.100.20", port: 8443)))
        #expect(!matches(Self.destination, Fixture.key(ip: "198.51.100.20", port: 443)))
        #expect(!matches(Self.destination, Fixture.key(ip: "198.51.100.20", port: nil)))
        // Process: whatever it talks to.
        #expect(matches(Self.process, Fixture.key(process: "chrome.exe", ip: "192.0.2.1", port: nil)))
        #expect(!matches(Self.process, Fixture.key(process: "chrome2.exe")))
    }

    @Test func exactBeaconEntryIgnoresTheAccount() {
        // Documented limit: KnownBenignEntry has no account condition.
        let entry = TriageBook(decisions: [Self.exact]).falsePositiveEntries(at: Self.now)[0]
        let otherAccount = Fixture.key(account: "zed")
        #expect(!Self.exact.scope.matches(otherAccount))
        #expect(entry.matches(otherAccount, domains: []))
    }

    @Test func processNamesMatchWithoutRegardToASCIICase() {
        // The scope and its entry agree: both ignore ASCII case, as Windows does.
        let entry = TriageBook(decisions: [Self.process]).falsePositiveEntries(at: Self.now)[0]
        let capitalised = Fixture.key(process: "Chrome.exe")
        #expect(Self.process.scope.matches(capitalised))
        #expect(entry.matches(capitalised, domains: []))
    }

    @Test func aNullPortDecisionHasNoEntry() {
        // An entry without a port covers every port; the decision covers only Kusto's null port.
        let book = TriageBook(decisions: [
            Self.decision(.destination(remoteIP: "192.0.2.50", remotePort: nil)),
            Self.decision(.processToDestination(process: "powershell.exe", remoteIP: "192.0.2.50", remotePort: nil)),
            Self.decision(.exactBeacon(Fixture.key(ip: "192.0.2.50", port: nil))),
        ])
        #expect(book.falsePositiveEntries(at: Self.now).isEmpty)
    }
}
