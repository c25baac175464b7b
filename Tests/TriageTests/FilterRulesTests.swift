import BeaconEngine
import Testing
@testable import Triage

/// One match rule for every text field (issue 14, item 7): a substring by default, the whole value with
/// `*`, exactly after `=`; comma lists; ports within 16 bits. The fixture's beacons are in TestSupport:
/// ws-014 and ws-015 (rundll32.exe → 203.0.113.7:443, update.evil.example), ws-020 (chrome.exe →
/// 198.51.100.20:8443, cdn.example.com), srv-db01 (svc.exe → [2a00:1450:4001::5]:53, no account, no
/// domain) and ws-030 (powershell.exe → 192.0.2.50, no port, no domain).
@Suite struct FilterRulesTests {
    @Test(arguments: [
        // A field's value without `*` or `=` is a substring, as a bare word is.
        ("domain:evil", [ws14, ws15]),
        ("domain:EXAMPLE", [ws14, ws15, ws20]),
        ("process:shell", [ws30]),
        ("account:ar", [ws15]),                       // carol
        ("device:ws-01", [ws14, ws15]),
        // `=`: the whole value, case ignored; the device's host part counts as a whole value.
        ("domain:=cdn.example", []),
        ("domain:=CDN.example.com", [ws20]),
        ("process:=rundll32", []),
        ("process:=RUNDLL32.EXE", [ws14, ws15]),
        ("device:=ws-014", [ws14]),
        ("device:=ws-01", []),
        // `*`: the whole value as a pattern, with or without `=`.
        ("process:*32.exe", [ws14, ws15]),
        ("process:*32", []),
        ("process:=*32.exe", [ws14, ws15]),
        ("device:srv-*", [db01]),
        // A quoted `=` is a character to find, not the exact marker.
        ("process:\"=rundll32.exe\"", []),
    ] as [(String, [String])])
    func oneRuleForEveryTextField(filter: String, expected: [String]) {
        #expect(shown(filter) == Set(expected))
    }

    @Test func bareWordsFollowTheSameRule() {
        #expect(shown("evil") == [ws14, ws15])                // a domain's substring
        #expect(shown("=svc.exe") == [db01])                  // a whole process name
        #expect(shown("=svc") == [])
        #expect(shown("=ws-020") == [ws20])                   // a whole host part
        #expect(shown("ws-0*5") == [ws15])                    // the host part ws-015 as a pattern
    }

    @Test(arguments: [
        ("port:443,8443", [ws14, ws15, ws20]),
        ("port:53,null", [db01, ws30]),
        ("-port:443,8443", [db01, ws30]),
        ("port:<100,>8000", [db01, ws20]),
        ("process:chrome,svc", [ws20, db01]),
        ("chrome,svc", [ws20, db01]),
        ("sleep:30s,2m", [db01, ws30]),
        ("ip:203.0.113.7,192.0.2.0/24", [ws14, ws15, ws30]),
        ("process:\"rundll32.exe,svc.exe\"", []),            // a quoted comma is part of the value
    ] as [(String, [String])])
    func valueLists(filter: String, expected: [String]) {
        #expect(shown(filter) == Set(expected))
    }

    @Test func statusListsTakeTheStatusGiven() {
        let statuses: [String: TriageStatus] = [ws20: .falsePositive, ws14: .malicious, db01: .investigating]
        #expect(shown("status:malicious,investigating", statuses: statuses) == [ws14, db01])
        #expect(shown("-status:fp,new", statuses: statuses) == [ws14, db01])
    }

    @Test func aListIsOnePredicateOfAlternatives() throws {
        let filter = try BeaconFilter.parse("port:443,=8443").get()
        #expect(filter.terms.count == 1)
        #expect(filter.terms[0].predicate == .anyOf([.number(.port, .equal, 443, tolerance: 0),
                                                     .number(.port, .equal, 8443, tolerance: 0)]))
        #expect(try BeaconFilter.parse("domain:evil").get().terms[0].predicate == .domain(.contains("evil")))
        #expect(try BeaconFilter.parse("domain:=Evil.Example").get().terms[0].predicate == .domain(.exact("evil.example")))
    }

    @Test(arguments: [
        ("port:99999", 5, 5, "port must be between 0 and 65535, not 99999"),
        ("port:>65536", 5, 6, "port must be between 0 and 65535, not 65536"),
        ("port:443,99999", 9, 5, "port must be between 0 and 65535, not 99999"),
        ("port:99999999999999999999999", 5, 23, "port must be between 0 and 65535"),
        ("port:443,", 9, 1, "port has an empty value in its list"),
        ("port:,443", 5, 1, "port has an empty value in its list"),
        ("status:new,maybe", 11, 5, "unknown status 'maybe'"),
        ("domain:=", 7, 1, "domain needs a value after ="),
        ("a,,b", 2, 1, "an empty word in a list"),
    ] as [(String, Int, Int, String)])
    func listAndPortMistakesArePointedAt(text: String, position: Int, length: Int, message: String) {
        guard let error = parseError(text) else { return }
        #expect(error.position == position)
        #expect(error.length == length)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func theEndsOfThePortRangeAreAccepted() {
        #expect(shown("port:0") == [])
        #expect(shown("port:65535") == [])
        #expect(shown("port:<=65535") == [ws14, ws15, ws20, db01])
    }

    @Test func theMatchRuleOnItsOwn() {
        #expect(TextMatch("Viewer").matches("teamviewer.com"))
        #expect(!TextMatch("viewer", exactMarked: true).matches("teamviewer"))
        #expect(TextMatch("TEAMVIEWER", exactMarked: true).matches("teamviewer"))
        #expect(TextMatch("team*").matches("TeamViewer.com"))
        #expect(!TextMatch("*viewer").matches("teamviewer.com"))
        #expect(TextMatch("").matches("anything"))
    }
}
