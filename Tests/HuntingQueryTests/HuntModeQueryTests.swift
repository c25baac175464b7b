@testable import BeaconEngine
import Foundation
import Testing
import Triage
@testable import HuntingQuery

/// `--mode hunt` in KQL: its own query, with the cut, the flavour's time column and the window rendered in,
/// the triage file's false positives and the catalogue as known-benign labels (never exclusions), and every
/// value a well-formed literal; the other modes' text untouched.
@Suite struct HuntModeQueryTests {
    static func parameters(minScore: Double = HuntSettings.defaultMinScore, start: WindowBound? = nil,
                           catalogue: [KnownBenignEntry] = []) -> QueryParameters {
        var parameters = QueryParameters(mode: .hunt)
        parameters.hunt.minScore = minScore
        parameters.hunt.catalogue = catalogue
        if let start { parameters.start = start }
        return parameters
    }

    static func rendered(_ parameters: QueryParameters = parameters(), flavor: QueryFlavor = .defender,
                         decisions: [TriageDecision] = []) -> String {
        HuntingQuery(parameters: parameters, flavor: flavor, decisions: decisions, triageFile: "team.triage.toml",
                     at: ExclusionTests.now).render()
    }

    /// Hostile values in a catalogue too: names, categories, process names and suffixes from a file.
    static let hostileCatalogue: [KnownBenignEntry] = [
        KnownBenignEntry(name: "Agent \"X\"\n| take 1 //", category: "monitoring\u{202E}", source: "https://example.com",
                         match: .init(processNames: ["agent.exe", "a\"b\\.exe"])),
        KnownBenignEntry(name: "Updates", category: "update", source: "https://example.com",
                         match: .init(domainSuffixes: ["update.example.com", "x\"); //"])),
        KnownBenignEntry(name: "Cloud", category: "cloud-agent", source: "https://example.com",
                         match: .init(addressRanges: [AddressRange("13.107.4.0/24")!, AddressRange("2603:1000::/24")!])),
        KnownBenignEntry(name: "never", category: "update", source: "https://example.com", match: .init()),
    ]

    /// The shipped catalogue, as `kql --mode hunt` loads it.
    static func shippedCatalogue() throws -> [KnownBenignEntry] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try KnownBenignCatalogue.load(path: root.appendingPathComponent("catalogue/known-benign.toml").path)
    }

    /// The false positives of the exclusion tests, with a hostile note (which names the label).
    static var hostileDecisions: [TriageDecision] {
        var decisions = LegacyRenderingCases.hostileDecisions
        decisions[0].note = "note\"\n| take 1 //\u{202E}"
        return decisions
    }

    func codeLines(_ text: String) -> [String] {
        text.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") && !$0.isEmpty }
    }

    @Test func theCutIsALetAtTheTop() throws {
        for (score, literal) in [(HuntSettings.defaultMinScore, "50"), (72.5, "72.5"), (0, "0")] {
            let text = Self.rendered(Self.parameters(minScore: score))
            #expect(codeLines(text).first == "let MinScore = \(literal);")
            #expect(text.contains("// MinScore \(literal) (--min-score)"))
            #expect(codeLines(text).contains("| where BeaconScore >= MinScore"))
        }
    }

    @Test func eachFlavourReadsItsTimeColumn() throws {
        let defender = Self.rendered(flavor: .defender), sentinel = Self.rendered(flavor: .sentinel)
        #expect(codeLines(defender).contains("| where Timestamp between (ago(starttime)..ago(endtime))"))
        #expect(codeLines(defender).contains("| extend CallbackOffset = (Timestamp - WindowStart) / 1s"))
        #expect(codeLines(defender).contains("| where Timestamp > ago(starttime+1d)"))
        #expect(!defender.contains("TimeGenerated"))
        #expect(codeLines(sentinel).contains("| where TimeGenerated between (ago(starttime)..ago(endtime))"))
        #expect(codeLines(sentinel).contains("| extend CallbackOffset = (TimeGenerated - WindowStart) / 1s"))
        #expect(codeLines(sentinel).contains("| where TimeGenerated > ago(starttime+1d)"))
        // No code line of the Sentinel flavour reads the Defender column.
        let column = try Regex(#"\bTimestamp\b"#)
        #expect(codeLines(sentinel).filter { $0.contains(column) }.isEmpty)
        #expect(sentinel.hasPrefix("// beacon-triage hunt mode, for Microsoft Sentinel / Log Analytics"))
    }

    @Test func theWindowIsRenderedIn() {
        let week = Self.rendered(Self.parameters(start: .ago(ticks: 7 * Instant.ticksPerDay)))
        #expect(codeLines(week).contains("let starttime = 7d;"))
        #expect(codeLines(week).contains("let WindowStart = ago(starttime);"))
        var pinned = Self.parameters()
        pinned.now = Instant(ticks: 1_795_000_000 * Instant.ticksPerSecond)
        let text = Self.rendered(pinned)
        #expect(codeLines(text).contains("let starttime = datetime(2026-11-17T11:06:40.0000000Z);"))
        #expect(codeLines(text).contains("let WindowStart = starttime;"))
        #expect(codeLines(text).contains("| where Timestamp > starttime - 1d"))
        #expect(text.contains("// Window: 2026-11-17T11:06:40.0000000Z .. 2026-11-18T11:06:39.0000000Z, both included, now() pinned"))
    }

    @Test func theRowFiltersAreTheCorrectedModes() {
        let hunt = codeLines(Self.rendered())
        let corrected = HuntingQuery(parameters: QueryParameters(mode: .corrected)).render().components(separatedBy: "\n")
        for line in [SeedLine.remoteIPTypeFilter.rawValue, HuntQueryBody.remoteIPPresentFilter,
                     #"| where ActionType in ("ConnectionSuccess", "ConnectionRequest", "ConnectionFailed")"#,
                     "| extend RemotePort = coalesce(RemotePort, int(-1))",
                     "| extend RemotePort = iff(RemotePort == -1, int(null), RemotePort)"] {
            #expect(hunt.contains(line), "\(line)")
            #expect(corrected.contains(line), "\(line)")
        }
        #expect(hunt.contains { $0.hasPrefix("| where not(coalesce(ipv4_is_private(RemoteIP), ipv6_is_in_any_range(RemoteIP, ") })
        var keep = Self.parameters()
        keep.keepPrivate = true
        #expect(codeLines(Self.rendered(keep)).contains(#"| where RemoteIPType !in ("Reserved", "LinkLocal", "Loopback")"#))
    }

    /// The false positives label and lower; they never remove events, and every hostile value stays in its literal.
    @Test func falsePositivesLabelInsteadOfExcluding() throws {
        let decisions = Self.hostileDecisions
        let text = Self.rendered(decisions: decisions)
        let lines = text.components(separatedBy: "\n")
        // None of the marks is a filter, as the other modes write them.
        let exclusions = QueryExclusion.exclusions(from: decisions, at: ExclusionTests.now)
        #expect(exclusions.count == 3)
        for exclusion in exclusions { #expect(!text.contains("| where not(\(ExclusionText.predicate(exclusion)))")) }
        #expect(!lines.contains { $0.hasPrefix("| where not(DeviceId") || $0.hasPrefix("| where not(RemoteIP") })
        #expect(text.contains("// Known benign: 3 false-positive marks from \"team.triage.toml\", those in force at 2026-11-18T11:06:40.000Z, and 0 catalogue entries. They lower the score (x0.35) and name the row in KnownBenign;"))
        let open = try #require(lines.firstIndex(of: "| extend KnownBenign = case("))
        // The hostile exact beacon: its comment, then its scope's predicate and the note as the label.
        #expect(lines[open + 1].hasPrefix("    // false positive (exact beacon) marked by "))
        let comment = try #require(KustoLexing.skeleton(String(lines[open + 1].dropFirst(6))))
        #expect(comment.literals == ["eve\"\n| take 1", "r\r\n//\\"])
        let arm = try #require(KustoLexing.skeleton(lines[open + 2]))
        #expect(arm.text == #"    DeviceId == "" and DeviceName == "" and InitiatingProcessAccountName == "" and InitiatingProcessAccountDomain == "" and InitiatingProcessFileName == "" and RemoteIP == "" and RemotePort == 443, "","#)
        let hostile = try #require({ if case .exactBeacon(let key) = decisions[0].scope { key } else { nil } }())
        #expect(arm.literals == [hostile.deviceId, hostile.deviceName, hostile.initiatingProcessAccountName,
                                 hostile.initiatingProcessAccountDomain, hostile.initiatingProcessFileName, hostile.remoteIP,
                                 "note\"\n| take 1 //\u{202E}"])
        // A null port is Kusto's null; the narrower malicious mark keeps its beacon unlabelled.
        #expect(lines[open + 4] == #"    RemoteIP == "198.51.100.9" and isnull(RemotePort), "false positive (analyst)","#)
        #expect(lines[open + 6].hasPrefix(#"    RemoteIP == "203.0.113.7" and RemotePort == 443 and not((DeviceId == "id-infected" and "#))
        #expect(lines[open + 7] == #"    "")"#)
        #expect(codeLines(text).contains("| extend KnownBenignFactor = iff(isnotempty(KnownBenign), KnownBenignValue, 1.0)"))
        // Nothing the data holds made a line of its own: the header's second line, then the "differs" comment,
        // `case(`, three arms of two lines and `"")` in place of the two lines of an empty label.
        let plain = Self.rendered()
        #expect(lines.count == plain.components(separatedBy: "\n").count + 1 + (1 + 1 + 6 + 1) - 2)
    }

    /// A false positive with an expiry labels its groups only while Kusto's `now()` is before it, as the
    /// other modes exclude it. 1795000000 s is 2026-11-18T11:06:40Z, a day later 2026-11-19T11:06:40Z.
    @Test func anExpiringMarkLabelsOnlyUntilItExpires() throws {
        let decisions = [ExclusionTests.decision(.process("updater.exe"),
                                                 expires: ExclusionTests.now.addingTimeInterval(86_400))]
        let lines = Self.rendered(decisions: decisions).components(separatedBy: "\n")
        let open = try #require(lines.firstIndex(of: "| extend KnownBenign = case("))
        #expect(lines[open + 1].hasSuffix(", until 2026-11-19T11:06:40.000Z"))
        #expect(lines[open + 2] == #"    now() < datetime(2026-11-19T11:06:40.0000000Z) and InitiatingProcessFileName =~ "updater.exe", "false positive (analyst)","#)
        #expect(lines.contains(ExclusionText.expiryNote))
    }

    @Test func catalogueEntriesMatchAsTheEngineMatchesThem() throws {
        let text = Self.rendered(Self.parameters(catalogue: Self.hostileCatalogue))
        let lines = text.components(separatedBy: "\n")
        let open = try #require(lines.firstIndex(of: "| extend KnownBenign = case("))
        let agent = try #require(KustoLexing.skeleton(lines[open + 2]))
        #expect(agent.text == #"    InitiatingProcessFileName in~ ("", ""), "","#)
        #expect(agent.literals == ["agent.exe", "a\"b\\.exe", "Agent \"X\"\n| take 1 //"])
        #expect(lines[open + 4] == #"    set_has_element(KnownBenignDomainEntries, 1), "Updates","#)
        #expect(lines[open + 6] == #"    (coalesce(ipv4_is_in_any_range(RemoteIP, "13.107.4.0/24"), false) or coalesce(ipv6_is_in_any_range(RemoteIP, "2603:1000::/24", "::ffff:d6b:400/120"), false)), "Cloud","#)
        // The entry without a condition never matches, so it has no arm.
        #expect(lines[open + 7] == #"    "")"#)
        // The suffixes are tested on each domain, the hostile one inside its literals.
        let domains = try #require(lines.firstIndex { $0.hasPrefix("| extend KnownBenignDomainMatches = pack_array(") })
        let suffixes = try #require(KustoLexing.skeleton(lines[domains + 2]))
        #expect(suffixes.text == #"    iff(DomainName in~ ("", "") or DomainName endswith "" or DomainName endswith "", 1, -1)"#)
        #expect(suffixes.literals == ["update.example.com", "x\"); //", ".update.example.com", ".x\"); //"])
        #expect(codeLines(text).contains("| summarize DomainsSeen = countif(isnotempty(domain)), KnownBenignDomainEntries = make_set_if(KnownBenignDomainMatch, KnownBenignDomainMatch >= 0) by RemoteIP;"))
        // Turned off, the catalogue takes no part.
        var off = Self.parameters(catalogue: Self.hostileCatalogue)
        off.hunt.usesCatalogue = false
        let without = Self.rendered(off)
        #expect(codeLines(without).contains(#"| extend KnownBenign = """#))
        #expect(codeLines(without).contains("| summarize DomainsSeen = countif(isnotempty(domain)) by RemoteIP;"))
    }

    @Test func theMappedFormOfAnIPv4Range() {
        #expect(HuntKnownBenignText.mappedRange("10.0.0.0/8") == "::ffff:a00:0/104")
        #expect(HuntKnownBenignText.mappedRange("192.168.0.0/16") == "::ffff:c0a8:0/112")
        #expect(HuntKnownBenignText.mappedRange("0.0.0.0/0") == "::ffff:0:0/96")
        #expect(HuntKnownBenignText.mappedRange("2603:1000::/24") == nil)
    }

    @Test func theOutputColumnsAndOrder() throws {
        let code = codeLines(Self.rendered())
        #expect(code.contains("| project DeviceId, DeviceName, InitiatingProcessAccountName, InitiatingProcessAccountDomain, InitiatingProcessFileName, RemoteIP, RemotePort, BeaconScore, Period, PeriodConfidence, Coverage, ScoreFactors, KnownBenign, KustoPeriod, KustoPeriodScore"))
        #expect(code.last == "| order by BeaconScore desc, DeviceId asc, DeviceName asc, InitiatingProcessAccountName asc, InitiatingProcessAccountDomain asc, InitiatingProcessFileName asc, RemoteIP asc, RemotePort asc")
        #expect(code.contains(#"| extend ScoreFactors = bag_pack("periodicity", PeriodicityStrength, "fit", FitFactor, "chain", ChainFactor, "prevalence", Prevalence, "knownBenign", KnownBenignFactor, "coverage", CoverageFactor, "regularDays", RegularDaysFactor, "domain", DomainFactor, "novelty", NoveltyFactor, "processIdentity", ProcessIdentityFactor)"#))
        // The cut comes before the cross-check, which is too heavy for every candidate.
        let cut = try #require(code.firstIndex(of: "| where BeaconScore >= MinScore"))
        let series = try #require(code.firstIndex { $0.contains("make-series") })
        #expect(cut < series)
    }

    /// Every `// differs:` comment stands right above code (or above the comments that lead to it), and the
    /// header points to them.
    @Test func everyDifferenceIsCommentedWhereItHappens() throws {
        let text = Self.rendered(Self.parameters(catalogue: Self.hostileCatalogue), decisions: Self.hostileDecisions)
        let lines = text.components(separatedBy: "\n")
        let differs = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("// differs: ") }
        #expect(differs.count >= 12)
        for index in differs {
            let next = try #require(lines[(index + 1)...].first { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") })
            #expect(!next.isEmpty, "line \(index + 1)")
        }
        #expect(text.contains(#"follow a "// differs:" comment saying how and why; docs/kql-hunt.md collects them."#))
    }

    /// Parentheses and brackets balance outside literals and comments, in every rendering the parse check covers.
    @Test func parenthesesAndBracketsBalance() throws {
        for (name, query) in try Self.parseCheckRenderings() {
            let code = try #require(KustoCode.outsideLiteralsAndComments(query.render()), "\(name): a literal is malformed")
            var depth: [Character] = []
            var balanced = true
            for character in code {
                switch character {
                case "(", "[": depth.append(character)
                case ")": balanced = balanced && depth.popLast() == "("
                case "]": balanced = balanced && depth.popLast() == "["
                default: break
                }
            }
            #expect(balanced && depth.isEmpty, "\(name)")
        }
    }

    /// Hunt mode leaves the faithful and corrected renderings as they were before it existed: each of them,
    /// over both flavours, three windows and a hostile triage file, hashes as it did then.
    @Test func theOtherModesAreUnchanged() {
        let pinned: [String: String] = [
            "faithful-defender-1d": "fed35a78576009b6", "faithful-defender-1d-marks": "4df3c681a79b597e",
            "faithful-defender-7d": "80b57ece3c830e3d", "faithful-defender-7d-marks": "af5859b2f56261d8",
            "faithful-defender-30d": "89e43c1db9e112ff", "faithful-defender-30d-marks": "19e5a2489ff83bd4",
            "faithful-sentinel-1d": "3581901238d01ca6", "faithful-sentinel-1d-marks": "7c2f675f57cf3b9d",
            "faithful-sentinel-7d": "646a573207c9f072", "faithful-sentinel-7d-marks": "4187131ffc2cd079",
            "faithful-sentinel-30d": "da50454f69af9adc", "faithful-sentinel-30d-marks": "f4fb41aa2525eee9",
            "faithful-keep-private-pinned": "e002b16bda708c38",
            "corrected-defender-1d": "2c6f86f50d349801", "corrected-defender-1d-marks": "67a8cae54d47e25c",
            "corrected-defender-7d": "db9d5a795c4f2e37", "corrected-defender-7d-marks": "1a979a72a6f7ea7a",
            "corrected-defender-30d": "fd78fe973b26d38d", "corrected-defender-30d-marks": "e261335eb114c4ee",
            "corrected-sentinel-1d": "8d74488e44ed66fe", "corrected-sentinel-1d-marks": "79246289e0befea1",
            "corrected-sentinel-7d": "b5995e7d50ca77ba", "corrected-sentinel-7d-marks": "736d72ab16e4defd",
            "corrected-sentinel-30d": "254a0d293e630df0", "corrected-sentinel-30d-marks": "4a0ad329a248d4f5",
            "corrected-keep-private-pinned": "7cb61c60e124250",
        ]
        let cases = LegacyRenderingCases.all
        #expect(Set(cases.map(\.name)) == Set(pinned.keys))
        for legacy in cases {
            let text = legacy.query.render()
            #expect(String(LegacyRenderingCases.fnv1a(text), radix: 16) == pinned[legacy.name], "\(legacy.name)")
            #expect(!text.contains("MinScore") && !text.contains("BeaconScore"), "\(legacy.name)")
        }
        // And the published query is still the default rendering.
        #expect(HuntingQuery(parameters: QueryParameters()).render() == SeedQuery.text + "\n")
    }

    /// The KQL's constants are the engine's: a change there must reach the query.
    @Test func theConstantsAreTheEngines() {
        #expect(HuntPeriodicityText.tolerances == Periodicity.tolerances)
        #expect(HuntPeriodicityText.slackSeconds == Periodicity.slackSeconds)
        #expect(HuntPeriodicityText.maxMissed == Periodicity.maxMissed)
        #expect(HuntPeriodicityText.offTimeMultiple == Periodicity.offTimeMultiple)
        #expect(HuntPeriodicityText.maxMissedTolerance == Periodicity.maxMissedTolerance)
        #expect(HuntScoreText.evidenceMidpoint == HuntScoring.periodicityMidpoint)
        #expect(HuntScoreText.evidenceSteepness == HuntScoring.periodicitySteepness)
        #expect(HuntScoreText.fullFit == HuntScoring.fullFit)
        #expect(HuntScoreText.fullChain == HuntScoring.fullChain)
        #expect(HuntScoreText.fullChainSeconds == HuntScoring.fullChainSeconds)
        #expect(HuntScoreText.rareDevices == HuntScoring.rareDevices)
        #expect(HuntScoreText.knownBenignValue == HuntScoring.knownBenignValue)
        #expect(HuntScoreText.domainSeenValue == HuntScoring.domainSeenValue)
        #expect(HuntScoreText.oldDestinationValue == HuntScoring.oldDestinationValue)
        #expect(HuntScoreText.newAfter == HuntScoring.newAfter)
        #expect(HuntScoreText.serviceHostValue == HuntScoring.serviceHostValue)
        #expect(Set(HuntScoreText.serviceHosts) == HuntMeasures.serviceHosts)
        #expect(Set(HuntScoreText.serviceAccounts) == HuntMeasures.serviceAccounts)
        // The factors' names and order are the engine's explanation's.
        let inputs = HuntScoring.Inputs(periodicity: .none, shape: .empty,
                                        destination: .init(devices: 1, processes: 1, firstSeen: 0), fleetDevices: 1,
                                        windowStart: 0, windowEnd: 1, hasDomain: false,
                                        serviceHostUnderServiceAccount: false, knownBenign: nil)
        #expect(HuntScoring.values(inputs).map(\.name) == HuntScoreText.factorColumns.map(\.name))
        #expect(HuntScoring.values(inputs).map(\.weight) == [1, 1, 1, HuntScoreText.prevalenceWeight, 1, 1, 1, 1, 1, 1])
    }

    // MARK: The parse check

    /// The hostile marks with expiries: the destination false positive and the narrower malicious mark that
    /// keeps its events both expire, so their filters carry `now() < datetime(...)`.
    static var expiringDecisions: [TriageDecision] {
        var decisions = hostileDecisions
        decisions[2].expires = ExclusionTests.now.addingTimeInterval(86_400)
        decisions[3].expires = ExclusionTests.now.addingTimeInterval(3_600.5)
        return decisions
    }

    /// Every combination the parse check covers: flavour × with/without false positives × window 1d/7d/30d,
    /// with the shipped catalogue, and a few more (no catalogue, hostile catalogue, keep-private with a pinned
    /// window, an action-type list), and each mode with expiring marks.
    static func parseCheckRenderings() throws -> [(String, HuntingQuery)] {
        let catalogue = try shippedCatalogue()
        var result: [(String, HuntingQuery)] = []
        for flavor in QueryFlavor.allCases {
            for (windowName, start) in LegacyRenderingCases.windows {
                for marks in [false, true] {
                    let parameters = Self.parameters(start: start, catalogue: catalogue)
                    let query = HuntingQuery(parameters: parameters, flavor: flavor,
                                             decisions: marks ? hostileDecisions : [], triageFile: "team.triage.toml",
                                             at: ExclusionTests.now)
                    result.append(("hunt-\(flavor.rawValue)-\(windowName)\(marks ? "-marks" : "")", query))
                }
            }
        }
        var bare = Self.parameters(minScore: 35.5)
        bare.keepPrivate = true
        bare.now = Instant(ticks: 1_795_000_000 * Instant.ticksPerSecond)
        bare.actionTypesOverride = ["ConnectionSuccess", "Conn\"ection"]
        result.append(("hunt-bare-keep-private-pinned", HuntingQuery(parameters: bare, flavor: .sentinel)))
        result.append(("hunt-hostile-catalogue", HuntingQuery(parameters: Self.parameters(catalogue: hostileCatalogue),
                                                              decisions: hostileDecisions, triageFile: nil,
                                                              at: ExclusionTests.now)))
        for mode in [QueryMode.hunt, .faithful, .corrected] {
            var parameters = mode == .hunt ? Self.parameters(catalogue: catalogue) : QueryParameters(mode: mode)
            parameters.start = .ago(ticks: 7 * Instant.ticksPerDay)
            result.append(("\(mode.rawValue)-expiring-marks",
                           HuntingQuery(parameters: parameters, flavor: mode == .corrected ? .sentinel : .defender,
                                        decisions: expiringDecisions, triageFile: "team.triage.toml",
                                        at: ExclusionTests.now)))
        }
        return result
    }

    /// With `HUNT_KQL_DUMP=DIR`, writes each rendering the parse check covers to DIR/NAME.kql, for
    /// `Fixtures/parse_kql.py` (docs/kql-hunt.md); does nothing otherwise.
    @Test func writesTheRenderingsForTheParseCheck() throws {
        guard let folder = ProcessInfo.processInfo.environment["HUNT_KQL_DUMP"] else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, query) in try Self.parseCheckRenderings() {
            try query.render().write(toFile: "\(folder)/\(name).kql", atomically: true, encoding: .utf8)
        }
    }
}

/// KQL text with its literals and comments taken out, for counting brackets: `"..."` as `KustoLexing`
/// reads it, `'...'` with the same escapes, verbatim `@"..."` and `@'...'` (a doubled quote stands for
/// one), and `//` to the end of the line.
enum KustoCode {
    static func outsideLiteralsAndComments(_ text: String) -> String? {
        let s = Array(text.unicodeScalars)
        var code = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "/", i + 1 < s.count, s[i + 1] == "/" {
                while i < s.count, s[i] != "\n" { i += 1 }
            } else if c == "@", i + 1 < s.count, s[i + 1] == "\"" || s[i + 1] == "'" {
                let quote = s[i + 1]
                i += 2
                while true {
                    guard i < s.count, s[i] != "\n" else { return nil }
                    if s[i] == quote {
                        if i + 1 < s.count, s[i + 1] == quote { i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
            } else if c == "\"" {
                guard let (_, end) = KustoLexing.stringLiteral(s, at: i) else { return nil }
                i = end
            } else if c == "'" {
                i += 1
                while true {
                    guard i < s.count, s[i] != "\n" else { return nil }
                    if s[i] == "\\" { i += 2; continue }
                    if s[i] == "'" { i += 1; break }
                    i += 1
                }
            } else {
                code.append(c)
                i += 1
            }
        }
        return String(code)
    }
}
