import BeaconEngine
import Foundation
import Testing
import Triage
@testable import HuntingQuery

@Suite struct ExclusionTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func key(device: String = "d1", process: String = "svc.exe", ip: String = "203.0.113.7",
                    port: Int32? = 443) -> BeaconKey {
        BeaconKey(deviceId: "id-" + device, deviceName: device, initiatingProcessAccountName: "bob",
                  initiatingProcessAccountDomain: "corp", initiatingProcessFileName: process, remoteIP: ip,
                  remotePort: port)
    }

    static func decision(_ scope: MarkScope, _ status: TriageStatus = .falsePositive, author: String = "alice",
                         reason: String = "", minutesAgo: Double = 60, expires: Date? = nil) -> TriageDecision {
        TriageDecision(scope: scope, status: status, reason: reason, author: author,
                       created: now.addingTimeInterval(-minutesAgo * 60), expires: expires)
    }

    func rendered(_ decisions: [TriageDecision], mode: QueryMode = .faithful) -> String {
        HuntingQuery(parameters: QueryParameters(mode: mode), decisions: decisions, triageFile: "team.triage.toml",
                     at: Self.now).render()
    }

    /// The filters that follow a mark's comment.
    func whereLines(_ text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        return zip(lines, lines.dropFirst()).filter { $0.0.hasPrefix("// false positive") }.map(\.1)
    }

    @Test func eachScopeTestsTheColumnsItFixes() {
        let key = Self.key()
        let text = rendered([
            Self.decision(.exactBeacon(key)),
            Self.decision(.processToDestination(process: "svc.exe", remoteIP: "203.0.113.7", remotePort: 443)),
            Self.decision(.destination(remoteIP: "198.51.100.9", remotePort: nil)),
            Self.decision(.process("updater.exe")),
        ])
        #expect(whereLines(text) == [
            #"| where not(DeviceId == "id-d1" and DeviceName == "d1" and InitiatingProcessAccountName == "bob" and InitiatingProcessAccountDomain == "corp" and InitiatingProcessFileName == "svc.exe" and RemoteIP == "203.0.113.7" and RemotePort == 443)"#,
            #"| where not(InitiatingProcessFileName =~ "svc.exe" and RemoteIP == "203.0.113.7" and RemotePort == 443)"#,
            #"| where not(RemoteIP == "198.51.100.9" and isnull(RemotePort))"#,
            #"| where not(InitiatingProcessFileName =~ "updater.exe")"#,
        ])
    }

    @Test func exclusionsSitRightAfterTheRowFiltersWithTheirMark() throws {
        let text = rendered([Self.decision(.destination(remoteIP: "203.0.113.7", remotePort: 443), author: "alice",
                                           reason: "corporate updater", expires: Self.now.addingTimeInterval(86_400))])
        let lines = text.components(separatedBy: "\n")
        let filter = try #require(lines.firstIndex { $0.hasPrefix("| where ActionType in (") })
        // 1795000000 s = 2026-11-18T11:06:40Z (date -u -d @1795000000); updated an hour before.
        #expect(lines[filter + 1] == #"// false positive (destination, for everyone) marked by "alice" at 2026-11-18T10:06:40.000Z, reason "corporate updater", until 2026-11-19T11:06:40.000Z"#)
        // The mark expires a day after 2026-11-18T11:06:40Z, so the filter holds until then.
        #expect(lines[filter + 2] == #"| where not(now() < datetime(2026-11-19T11:06:40.0000000Z) and RemoteIP == "203.0.113.7" and RemotePort == 443)"#)
        #expect(lines[filter + 3].hasPrefix("| summarize hint.strategy=shuffle make_set(Timestamp)"))
        #expect(text.contains(#"// Exclusions: 1 false-positive mark from "team.triage.toml", those in force at 2026-11-18T11:06:40.000Z"#))
    }

    @Test func expiredAndOtherStatusesAreNotExcluded() {
        let text = rendered([
            Self.decision(.process("old.exe"), expires: Self.now.addingTimeInterval(-1)),
            Self.decision(.process("bad.exe"), .malicious),
            Self.decision(.process("look.exe"), .investigating),
            Self.decision(.process("fine.exe")),
        ])
        #expect(whereLines(text) == [#"| where not(InitiatingProcessFileName =~ "fine.exe")"#])
    }

    @Test func aNarrowerMarkKeepsItsEventsOutOfABroaderFalsePositive() {
        let infected = Self.key(device: "infected")
        let text = rendered([
            Self.decision(.destination(remoteIP: "203.0.113.7", remotePort: 443)),
            Self.decision(.exactBeacon(infected), .malicious, author: "bob"),
            // Another destination: no overlap, so no exception.
            Self.decision(.exactBeacon(Self.key(device: "other", ip: "192.0.2.1")), .malicious),
        ])
        #expect(whereLines(text) == [
            #"| where not(RemoteIP == "203.0.113.7" and RemotePort == 443 and not((DeviceId == "id-infected" and DeviceName == "infected" and InitiatingProcessAccountName == "bob" and InitiatingProcessAccountDomain == "corp" and InitiatingProcessFileName == "svc.exe" and RemoteIP == "203.0.113.7" and RemotePort == 443)))"#,
        ])
        #expect(text.contains(#"; narrower marks keep their events: malicious (exact beacon) by "bob""#))
    }

    @Test func aLaterMarkOfTheSameScopeWins() {
        let scope = MarkScope.process("svc.exe")
        // As specific and changed later: back to new, so nothing is hidden.
        let text = rendered([Self.decision(scope, minutesAgo: 60), Self.decision(scope, .new, minutesAgo: 5)])
        #expect(whereLines(text).isEmpty)
        // The other way round, the false positive is the newer one and applies.
        let text2 = rendered([Self.decision(scope, .new, minutesAgo: 60), Self.decision(scope, minutesAgo: 5)])
        #expect(whereLines(text2) == [#"| where not(InitiatingProcessFileName =~ "svc.exe")"#])
    }

    @Test func aBroaderMarkNeverOverridesANarrowerFalsePositive() {
        let text = rendered([
            Self.decision(.exactBeacon(Self.key()), minutesAgo: 60),
            Self.decision(.process("svc.exe"), .malicious, minutesAgo: 1),
        ])
        #expect(whereLines(text).count == 1)
        #expect(!text.contains("narrower marks"))
    }

    /// Attacker-chosen names in every column: each literal decodes to the value, nothing else in the line
    /// changes, and the comment stays one comment line.
    @Test func hostileValuesStayInsideTheirLiterals() throws {
        let hostile = BeaconKey(deviceId: #"" or 1==1 //"#, deviceName: "host\n| where true //",
                                initiatingProcessAccountName: #"\e"#, initiatingProcessAccountDomain: "\u{1B}]0;x\u{7}",
                                initiatingProcessFileName: "a\"b\\", remoteIP: "\u{202E}1.2.3.4", remotePort: 443)
        let text = rendered([Self.decision(.exactBeacon(hostile), author: "eve\"\n| take 1", reason: "r\r\n//\\")])
        let lines = text.components(separatedBy: "\n")
        let whereIndex = try #require(lines.firstIndex { $0.hasPrefix("| where not(DeviceId") })
        let skeleton = try #require(KustoLexing.skeleton(lines[whereIndex]))
        #expect(skeleton.text == #"| where not(DeviceId == "" and DeviceName == "" and InitiatingProcessAccountName == "" and InitiatingProcessAccountDomain == "" and InitiatingProcessFileName == "" and RemoteIP == "" and RemotePort == 443)"#)
        #expect(skeleton.literals == [hostile.deviceId, hostile.deviceName, hostile.initiatingProcessAccountName,
                                      hostile.initiatingProcessAccountDomain, hostile.initiatingProcessFileName,
                                      hostile.remoteIP])
        let comment = lines[whereIndex - 1]
        #expect(comment.hasPrefix("// false positive (exact beacon) marked by "))
        let quoted = try #require(KustoLexing.skeleton(String(comment.dropFirst(2))))
        #expect(quoted.literals == ["eve\"\n| take 1", "r\r\n//\\"])
        // Nothing the data holds made a line of its own: the rendering has as many lines as the query,
        // the header and one comment plus one filter.
        let plain = HuntingQuery(parameters: QueryParameters(), decisions: [], triageFile: nil, at: Self.now).render()
        let header = lines.prefix { $0.hasPrefix("//") && !$0.hasPrefix("// Author:") }.count
        #expect(lines.count == plain.components(separatedBy: "\n").count + header + 2)
    }

    /// An expiring mark's filter holds only while Kusto's `now()` is before the expiry, written to the tick.
    /// 1795000000 s is 2026-11-18T11:06:40Z; 1983200 s later (22 days, 22 h 53 min 20 s) is
    /// 2026-12-11T10:00:00Z, and the quarter second stays .2500000.
    @Test func anExpiringMarkHoldsOnlyUntilItsExpiryInKusto() throws {
        let expires = Self.now.addingTimeInterval(1_983_200.25)
        let text = rendered([Self.decision(.destination(remoteIP: "203.0.113.7", remotePort: 443), expires: expires),
                             Self.decision(.process("updater.exe"))])
        #expect(whereLines(text) == [
            #"| where not(now() < datetime(2026-12-11T10:00:00.2500000Z) and RemoteIP == "203.0.113.7" and RemotePort == 443)"#,
            #"| where not(InitiatingProcessFileName =~ "updater.exe")"#,
        ])
        let lines = text.components(separatedBy: "\n")
        let comment = try #require(lines.first { $0.hasPrefix("// false positive (destination") })
        #expect(comment.hasSuffix(", until 2026-12-11T10:00:00.250Z"))
        #expect(lines.contains(ExclusionText.expiryNote))
        // Without an expiring mark the header does not speak of expiries.
        #expect(!rendered([Self.decision(.process("updater.exe"))]).contains("now()"))
    }

    /// A narrower mark that expires keeps its events only until then; a mark of the same scope that wins
    /// but expires first no longer hides the false positive for good, only until its expiry.
    @Test func narrowerAndWinningMarksThatExpireHandTheEventsBack() {
        let infected = Self.key(device: "infected")
        // 1795000000 + 3600 s = 2026-11-18T12:06:40Z.
        let inAnHour = Self.now.addingTimeInterval(3_600)
        let narrower = rendered([
            Self.decision(.destination(remoteIP: "203.0.113.7", remotePort: 443)),
            Self.decision(.exactBeacon(infected), .malicious, author: "bob", expires: inAnHour),
        ])
        #expect(whereLines(narrower) == [
            #"| where not(RemoteIP == "203.0.113.7" and RemotePort == 443 and not((now() < datetime(2026-11-18T12:06:40.0000000Z) and DeviceId == "id-infected" and DeviceName == "infected" and InitiatingProcessAccountName == "bob" and InitiatingProcessAccountDomain == "corp" and InitiatingProcessFileName == "svc.exe" and RemoteIP == "203.0.113.7" and RemotePort == 443)))"#,
        ])
        let scope = MarkScope.process("svc.exe")
        let sameScope = rendered([Self.decision(scope, minutesAgo: 60),
                                  Self.decision(scope, .new, minutesAgo: 5, expires: inAnHour)])
        #expect(whereLines(sameScope) == [
            #"| where not(InitiatingProcessFileName =~ "svc.exe" and not((now() < datetime(2026-11-18T12:06:40.0000000Z) and InitiatingProcessFileName =~ "svc.exe")))"#,
        ])
        // A winner that lasts at least as long as the false positive still hides it entirely.
        let outlasting = rendered([Self.decision(scope, minutesAgo: 60, expires: inAnHour),
                                   Self.decision(scope, .new, minutesAgo: 5, expires: inAnHour)])
        #expect(whereLines(outlasting).isEmpty)
    }

    /// The query hides exactly the beacons the console hides: for random triage files and beacons, an
    /// event of the beacon survives every exclusion's `where` exactly when `TriageBook` does not judge it
    /// a false positive, at the moment the query is written and at later moments Kusto may run it, before,
    /// at and after the marks' expiries.
    @Test func theQueryHidesWhatTheConsoleHides() throws {
        let devices = ["d1", "d\"2"], processes = ["svc.exe", "Svc.exe", #"a\b.exe"#]
        let ips = ["203.0.113.7", "2001:db8::1"], ports: [Int32?] = [443, 80, nil]
        var keys: [BeaconKey] = []
        for device in devices { for process in processes { for ip in ips { for port in ports {
            keys.append(Self.key(device: device, process: process, ip: ip, port: port))
        } } } }
        var random = SplitMix64(seed: 6)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        for round in 0..<300 {
            var decisions: [TriageDecision] = []
            for _ in 0..<(1 + Int(random.next() % 6)) {
                let key = pick(keys)
                let kind = pick(MarkScope.Kind.allCases)
                let status = pick([TriageStatus.falsePositive, .falsePositive, .malicious, .investigating, .new])
                let expires: Date? = pick([nil, nil, Self.now.addingTimeInterval(-60), Self.now.addingTimeInterval(60),
                                           Self.now.addingTimeInterval(120)])
                // Few distinct times, so that ties on `updated` fall back to the file order.
                decisions.append(Self.decision(MarkScope(kind, of: key), status, minutesAgo: Double(random.next() % 3),
                                               expires: expires))
            }
            let book = TriageBook(decisions: decisions)
            let lines = whereLines(rendered(decisions, mode: .corrected))
            for seconds in [0.0, 30, 60, 90, 120, 150] {
                let kustoNow = Self.now.addingTimeInterval(seconds)
                for key in keys {
                    let verdicts = lines.map { PredicateEvaluator.keeps($0, key, now: kustoNow) }
                    try #require(!verdicts.contains(nil), "round \(round): a line did not parse")
                    let keptByQuery = verdicts.allSatisfy { $0 == true }
                    let hiddenByConsole = book.status(of: key, at: kustoNow).0 == .falsePositive
                    #expect(keptByQuery == !hiddenByConsole, "round \(round), +\(seconds) s, \(key.deviceName) \(key.initiatingProcessFileName) \(key.remoteText)")
                }
            }
        }
    }
}
