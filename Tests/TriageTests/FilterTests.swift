import BeaconEngine
import KQL
import Testing
@testable import Triage

/// The fixture's five beacons by short device name.
let ws14 = "ws-014.corp.local", ws15 = "ws-015.corp.local", ws20 = "ws-020.corp.local", db01 = "srv-db01",
    ws30 = "ws-030.corp.local"
let everyone: Set<String> = [ws14, ws15, ws20, db01, ws30]

/// The devices of the fixture beacons that `text` shows, `statuses` giving some of them a status.
func shown(_ text: String, statuses: [String: TriageStatus] = [:]) -> Set<String> {
    guard case .success(let filter) = BeaconFilter.parse(text) else {
        Issue.record("'\(text)' did not parse")
        return []
    }
    return Set(Fixture.analysis.beacons
        .filter { filter.matches($0, status: statuses[$0.key.deviceName] ?? .new) }
        .map(\.key.deviceName))
}

func parseError(_ text: String) -> FilterError? {
    if case .failure(let error) = BeaconFilter.parse(text) { return error }
    Issue.record("'\(text)' parsed")
    return nil
}

@Suite struct FilterMatchingTests {
    @Test func anEmptyFilterShowsEverything() {
        #expect(shown("") == everyone)
        #expect(shown("   ") == everyone)
        #expect(BeaconFilter.parse("").map(\.isEmpty) == .success(true))
    }

    @Test(arguments: [
        ("device:ws-014", [ws14]),                  // the host part of ws-014.corp.local
        ("device:WS-014.CORP.LOCAL", [ws14]),
        ("device:ws-01*", [ws14, ws15]),
        ("device:id-srv-db01", [db01]),             // DeviceId
        ("device:corp", [ws14, ws15, ws20, ws30]),  // a substring, as a bare word finds it
        ("account:carol", [ws15]),
        ("account:corp\\BOB", [ws20]),
        ("process:rundll32.exe", [ws14, ws15]),
        ("process:RUNDLL*", [ws14, ws15]),
        ("process:*shell*", [ws30]),
        ("domain:*.example", [ws14, ws15]),
        ("domain:cdn.example.com", [ws20]),
        ("domain:*", [ws14, ws15, ws20]),           // the beacons that have a domain
    ] as [(String, [String])])
    func textFields(filter: String, expected: [String]) {
        #expect(shown(filter) == Set(expected))
    }

    @Test(arguments: [
        ("ip:203.0.113.7", [ws14, ws15]),
        ("ip:203.0.113.0/24", [ws14, ws15]),
        ("ip:203.0.113.9/24", [ws14, ws15]),        // host bits ignored
        ("ip:203.0.113.8/29", []),                  // .8–.15
        ("ip:198.51.100.0/22", [ws20]),
        ("ip:0.0.0.0/0", [ws14, ws15, ws20, ws30]), // every IPv4 address, no IPv6
        ("ip:::/0", [db01]),
        ("ip:2a00:1450::/32", [db01]),
        ("ip:2a00:1450:4001:0:0:0:0:5", [db01]),    // another spelling of the same address
        ("ip:::ffff:203.0.113.7", [ws14, ws15]),    // IPv4-mapped
        ("ip:::ffff:198.51.100.0/120", [ws20]),
        ("ip:192.0.2.*", [ws30]),
        ("ip:2a00:*", [db01]),
    ] as [(String, [String])])
    func addresses(filter: String, expected: [String]) {
        #expect(shown(filter) == Set(expected))
    }

    @Test(arguments: [
        ("port:443", [ws14, ws15]),
        ("port:=443", [ws14, ws15]),
        ("port:>1000", [ws20]),
        ("port:<100", [db01]),
        ("port:null", [ws30]),
        ("-port:null", [ws14, ws15, ws20, db01]),
        ("-port:443", [ws20, db01, ws30]),          // a null port is not 443
        ("jitter:<10", [ws14, ws15, db01, ws30]),
        ("jitter:>=17", [ws20]),
        ("jitter:17", [ws20]),                      // 17.21 shows as 17
        ("jitter:17.2", [ws20]),
        ("jitter:17.3", []),
        ("jitter:<17.2%", [ws14, ws15, db01, ws30]),
        ("jitter:0", [ws14, ws15, db01, ws30]),
        ("events:17", [ws14, ws15, ws20, db01, ws30]),
        ("events:>17", []),
        ("events:>=17", [ws14, ws15, ws20, db01, ws30]),
        ("sleep:5m", [ws14, ws15]),
        ("sleep:300", [ws14, ws15]),
        ("sleep:>=2m", [ws14, ws15, ws30]),
        ("sleep:<=30s", [db01]),
        ("sleep:>1h", []),
        ("devices:2", [ws14, ws15]),
        ("devices:<2", [ws20, db01, ws30]),
        ("outliers:>100", []),
        ("outliers:>=0", [ws14, ws15, ws20, db01, ws30]),
    ] as [(String, [String])])
    func numbers(filter: String, expected: [String]) {
        #expect(shown(filter) == Set(expected))
    }

    @Test func statusUsesTheTriageStatusGiven() {
        let statuses: [String: TriageStatus] = [ws20: .falsePositive, ws14: .malicious, db01: .investigating]
        #expect(shown("status:fp", statuses: statuses) == [ws20])
        #expect(shown("status:false-positive", statuses: statuses) == [ws20])
        #expect(shown("status:malicious", statuses: statuses) == [ws14])
        #expect(shown("status:investigating", statuses: statuses) == [db01])
        #expect(shown("status:new", statuses: statuses) == [ws15, ws30])
        #expect(shown("-status:new -status:fp", statuses: statuses) == [ws14, db01])
    }

    @Test(arguments: [
        ("rundll", [ws14, ws15]),                   // process
        ("EVIL", [ws14, ws15]),                     // domain
        ("corp.local", [ws14, ws15, ws20, ws30]),   // device name
        ("203.0.113", [ws14, ws15]),                // IP
        ("2a00:1450", [db01]),                      // an IPv6 fragment is a word, not a field
        ("*.exe", [ws14, ws15, ws20, db01, ws30]),
        ("ws-0*5", [ws15]),
        ("svc", [db01]),
        ("-svc", [ws14, ws15, ws20, ws30]),
        ("carol", []),                              // accounts are not searched by bare words
        ("\"corp.local\"", [ws14, ws15, ws20, ws30]),
    ] as [(String, [String])])
    func bareWords(filter: String, expected: [String]) {
        #expect(shown(filter) == Set(expected))
    }

    @Test func termsAndTogetherAndNegate() {
        #expect(shown("process:rundll32.exe device:ws-015") == [ws15])
        #expect(shown("rundll -device:ws-014") == [ws15])
        #expect(shown("corp.local jitter:<10 -port:null") == [ws14, ws15])
        #expect(shown("process:\"rundll32.exe\"  ip:203.0.113.0/24") == [ws14, ws15])
        #expect(shown("rundll svc") == [])
    }

    @Test func termsRememberWhereTheyAre() throws {
        let filter = try BeaconFilter.parse("  -process:x  jitter:<5").get()
        #expect(filter.terms.map(\.negated) == [true, false])
        #expect(filter.terms.map(\.position) == [2, 14])
        #expect(filter.terms.map(\.length) == [10, 9])
        #expect(filter.terms[1].predicate == .number(.jitter, .less, 5, tolerance: 0.5))
        #expect(filter.text == "  -process:x  jitter:<5")
    }
}

@Suite struct FilterErrorTests {
    @Test(arguments: [
        ("foo:bar", 0, "unknown field 'foo'"),
        ("rundll colour:red", 7, "unknown field 'colour'"),
        ("jitter:<abc", 7, "jitter needs a number after <, e.g. jitter:<20"),
        ("jitter:", 7, "jitter needs a value"),
        ("device:", 7, "device needs a value"),
        ("status:maybe", 7, "unknown status 'maybe'"),
        ("ip:300.1.1.1", 3, "not an IP address"),
        ("ip:10.0.0.0/33", 3, "not a CIDR block"),
        ("ip:2001:db8::/129", 3, "not a CIDR block"),
        ("ip:10.0.0.0/", 3, "not a CIDR block"),
        ("sleep:>5x", 6, "sleep needs a duration"),
        ("sleep:1h30", 6, "sleep needs a duration"),
        ("events:>=1.5", 7, "events needs a number after >="),
        ("port:https", 5, "port needs a number"),
        ("rundll -", 7, "nothing after -"),
        ("process:\"my app", 8, "never closed"),
        ("  jitter:<x", 9, "jitter needs a number"),
        ("-jitter:x", 8, "jitter needs a number"),
    ] as [(String, Int, String)])
    func mistakesArePointedAt(text: String, position: Int, message: String) {
        guard let error = parseError(text) else { return }
        #expect(error.position == position)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.description.hasPrefix("column \(position + 1): "))
    }

    @Test func thePointerUnderlinesTheFault() {
        guard let error = parseError("jitter:<abc") else { return }
        #expect(error.length == 4)
        #expect(error.pointer == "       ^~~~")
        #expect(FilterError(position: 0, length: 0, message: "").pointer == "^")
    }
}

@Suite struct FilterPieceTests {
    @Test func wildcards() {
        #expect(Wildcard("a*b*c").matches("ABC"))
        #expect(Wildcard("a*b*c").matches("aXXbYYc"))
        #expect(!Wildcard("a*b*c").matches("acb"))
        #expect(Wildcard("*").matches(""))
        #expect(!Wildcard("a*a").matches("a"))
        #expect(Wildcard("a*a").matches("aa"))
        #expect(!Wildcard("*.exe").matches("a.exe.bak"))
        #expect(Wildcard("**x").matches("x"))
        #expect(Wildcard("svc").occurs(in: "my-SVC.exe"))
        #expect(!Wildcard("svc").matches("my-svc.exe"))
        #expect(!Wildcard("").matches("x"))
    }

    @Test func addresses() {
        #expect(FilterAddress.address("::")?.bytes == Array(repeating: 0, count: 16))
        #expect(FilterAddress.address("::1")?.bytes == Array(repeating: 0, count: 15) + [1])
        #expect(FilterAddress.address("1::")?.bytes == [0, 1] + Array(repeating: 0, count: 14))
        #expect(FilterAddress.address("1:2:3:4:5:6:7:8")?.bytes == [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8])
        #expect(FilterAddress.address("64:ff9b::192.0.2.33")?.bytes.suffix(4) == [192, 0, 2, 33])
        #expect(FilterAddress.address("::ffff:1.2.3.4")?.bytes == [1, 2, 3, 4])
        #expect(FilterAddress.address("[::1]") == FilterAddress.address("0::0:1"))
        #expect(FilterAddress.address("fe80::1%eth0") == FilterAddress.address("fe80::1"))
        #expect(FilterAddress.address("1.2.3.4")?.isIPv4 == true)
        for bad in ["1:2:3:4:5:6:7:8:9", "1::2::3", "01.2.3.4", "1.2.3", "1.2.3.256", "12345::", "1:2:3:4:5:6:7::8:9", "", "abc", ":::"] {
            #expect(FilterAddress.address(bad) == nil, "\(bad)")
        }
    }

    @Test func networks() {
        let ten = FilterAddress.network("10.0.0.0/8")!
        #expect(ten.contains(FilterAddress.address("10.255.1.1")!))
        #expect(!ten.contains(FilterAddress.address("11.0.0.0")!))
        #expect(!ten.contains(FilterAddress.address("::ffff:11.0.0.1")!))
        #expect(ten.contains(FilterAddress.address("::ffff:10.0.0.1")!))
        #expect(FilterAddress.network("1.2.3.4/32")!.contains(FilterAddress.address("1.2.3.4")!))
        #expect(!FilterAddress.network("1.2.3.4/32")!.contains(FilterAddress.address("1.2.3.5")!))
        #expect(FilterAddress.network("1.2.3.4/31")!.contains(FilterAddress.address("1.2.3.5")!))
        let doc = FilterAddress.network("2001:db8::/32")!
        #expect(doc.contains(FilterAddress.address("2001:db8:ffff::1")!))
        #expect(!doc.contains(FilterAddress.address("2001:db9::")!))
        #expect(!doc.contains(FilterAddress.address("10.0.0.1")!))
        #expect(FilterAddress.network("::ffff:10.0.0.0/104")!.contains(FilterAddress.address("10.1.2.3")!))
        #expect(FilterAddress.network("::ffff:10.0.0.0/95") == nil)
        for bad in ["10.0.0.0", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8", "x/8", "10.0.0.0/ 8"] {
            #expect(FilterAddress.network(bad) == nil, "\(bad)")
        }
    }

    @Test func durations() {
        #expect(parseDurationSeconds("300") == 300)
        #expect(parseDurationSeconds("4.5") == 4.5)
        #expect(parseDurationSeconds("90s") == 90)
        #expect(parseDurationSeconds("5m") == 300)
        #expect(parseDurationSeconds("2.5M") == 150)
        #expect(parseDurationSeconds("1h30m") == 5400)
        #expect(parseDurationSeconds("1d2h") == 93600)
        for bad in ["", "m", "5x", "30m1h", "5m5m", "1h30", "1..5s", "-5m"] {
            #expect(parseDurationSeconds(bad) == nil, "\(bad)")
        }
    }
}
