import BeaconEngine
import Foundation
import Testing
@testable import Triage

@Suite struct TriageFileFormatTests {
    let destination = TriageDecision(
        id: "d1", scope: .destination(remoteIP: "203.0.113.7", remotePort: 443), status: .falsePositive,
        reason: "corporate update server", author: "alice", created: date(), updated: date(0.25), expires: date(86400 * 31 - 36000))

    @Test func aDecisionIsWrittenAsTheHeaderDocumentsIt() {
        let text = TriageFileFormat.render([destination])
        #expect(text.hasPrefix("# beacon-triage decisions"))
        #expect(text.hasSuffix("""

            format = 1

            [[decision]]
            id = "d1"
            status = "false-positive"
            scope = "destination"
            ip = "203.0.113.7"
            port = 443
            reason = "corporate update server"
            author = "alice"
            created = 2024-05-01T10:00:00.000Z
            updated = 2024-05-01T10:00:00.250Z
            expires = 2024-06-01T00:00:00.000Z

            """))
    }

    @Test func everyScopeAndHostileStringsSurviveARoundTrip() throws {
        let hostile = "=HYPERLINK(\"http://x\")\u{1B}]0;pwned\u{7}\u{202E}exe.\\ \u{0}tail\n☃"
        let key = BeaconKey(deviceId: "id\u{0}1", deviceName: hostile, initiatingProcessAccountName: "",
                            initiatingProcessAccountDomain: "", initiatingProcessFileName: "caf\u{E9}.exe",
                            remoteIP: "2001:db8::1", remotePort: nil)
        let decisions = [
            TriageDecision(id: "a", scope: .exactBeacon(key), status: .malicious, note: hostile, author: "bob",
                           created: date(1.5)),
            TriageDecision(id: "b", scope: .processToDestination(process: "cafe\u{301}.exe", remoteIP: "203.0.113.7", remotePort: 0),
                           status: .investigating, reason: "'single' \"double\"", author: "", created: date(), updated: date(9)),
            destination,
            TriageDecision(id: "c", scope: .process("svc.exe"), status: .new, author: "carol", created: date(-1e6)),
        ]
        let text = TriageFileFormat.render(decisions)
        // Nothing invisible or controlling reaches the file raw: a reviewer's terminal shows it escaped.
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0 || $0.value == 7 })
        #expect(text.contains(#"\u001B]0;pwned\u0007\u202Eexe.\\ \u0000tail\n☃"#))
        let parsed = try TriageFileFormat.parse(text, file: "t.toml").get()
        #expect(parsed == decisions)
        // Byte-exact: the precomposed and decomposed spellings stay apart.
        #expect(Array(parsed[1].scope.summary.utf8) == Array(decisions[1].scope.summary.utf8))
    }

    @Test func anEmptyOrCommentOnlyFileHoldsNoDecisions() throws {
        #expect(try TriageFileFormat.parse("", file: "t").get().isEmpty)
        #expect(try TriageFileFormat.parse(TriageFileFormat.render([]), file: "t").get().isEmpty)
    }

    @Test func handWrittenDatesAndStatusSpellingsAreAccepted() throws {
        let text = """
            [[decision]]
            id = "h"
            status = "fp"
            scope = "process"
            process = "OneDrive.exe"
            created = 2024-05-01T12:00:00+02:00
            expires = 2024-06-01

            [[decision]]
            id = "i"
            status = "investigating"
            scope = "destination"
            ip = "192.0.2.1"
            created = 2024-05-01T10:00:00
            """
        let parsed = try TriageFileFormat.parse(text, file: "t").get()
        #expect(parsed.count == 2)
        #expect(parsed[0].status == .falsePositive)
        #expect(parsed[0].created == date())  // 12:00+02:00 is 10:00Z
        #expect(parsed[0].updated == parsed[0].created)
        #expect(parsed[0].expires == Date(timeIntervalSince1970: 1_717_200_000))  // 2024-06-01T00:00Z
        #expect(parsed[0].author == "")
        #expect(parsed[1].created == date())  // a local time is UTC
        #expect(parsed[1].scope == .destination(remoteIP: "192.0.2.1", remotePort: nil))
    }

    /// Each broken file with the line and field the error must name.
    @Test(arguments: [
        ("[[decision]]\nid = \"a\"\nstatus = \"fasle-positive\"\nscope = \"process\"\nprocess = \"x\"\ncreated = 2024-05-01T10:00:00Z\n",
         3, "status", "unknown status \"fasle-positive\""),
        ("format = 1\n\n[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"process\"\nprocess = \"x\"\ncreated = 2024-05-01T10:00:00Z\nstaus = \"new\"\n",
         9, "staus", "unknown key"),
        ("[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"process\"\nprocess = \"x\"\nip = \"1.2.3.4\"\ncreated = 2024-05-01T10:00:00Z\n",
         6, "ip", "does not belong to a process decision"),
        ("[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"destination\"\nip = \"1.2.3.4\"\nport = 70000\ncreated = 2024-05-01T10:00:00Z\n",
         6, "port", "from 0 to 65535"),
        ("[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"destination\"\nip = \"1.2.3.4\"\ncreated = \"yesterday\"\n",
         6, "created", "must be a date-time"),
        ("[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"destination\"\ncreated = 2024-05-01T10:00:00Z\n",
         1, "ip", "missing"),
        ("[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"everywhere\"\ncreated = 2024-05-01T10:00:00Z\n",
         4, "scope", "unknown scope"),
        ("[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"process\"\nprocess = \"x\"\ncreated = 2024-05-01T10:00:00Z\n\n[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"process\"\nprocess = \"y\"\ncreated = 2024-05-01T10:00:00Z\n",
         9, "id", "used by an earlier decision"),
        ("[decision]\nid = \"a\"\n", 1, "decision", "[[decision]]"),
        ("format = 2\n", 1, "format", "newer beacon-triage"),
        ("colour = \"red\"\n", 1, "colour", "unknown key"),
        ("[[decision]]\nid = 7\n", 2, "id", "must be a string"),
    ] as [(String, Int, String, String)])
    func aBrokenFileIsRefusedWithItsLineAndField(text: String, line: Int, field: String, message: String) {
        guard case .failure(let error) = TriageFileFormat.parse(text, file: "team.triage.toml") else {
            Issue.record("parsed: \(text)")
            return
        }
        #expect(error.line == line)
        #expect(error.field == field)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.description.hasPrefix("team.triage.toml:\(line): "))
    }

    @Test func aSyntaxErrorNamesItsLine() {
        let text = TriageFileFormat.render([destination]).replacingOccurrences(of: "port = 443", with: "port = = 443")
        guard case .failure(let error) = TriageFileFormat.parse(text, file: "t") else {
            Issue.record("parsed")
            return
        }
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("port") }! + 1
        #expect(error.line == expectedLine)
        #expect(error.message.hasPrefix("not valid TOML"))
        #expect(error.field == nil)
    }

    @Test func binaryAndMisEncodedFilesAreRefusedWithTheirLine() {
        var bytes = Array("format = 1\n# ok\n".utf8)
        var withNUL = bytes
        withNUL += [0x61, 0x00, 0x0A]
        guard case .failure(let nul) = TriageFileFormat.parse(withNUL, file: "t") else { Issue.record("NUL parsed"); return }
        #expect(nul.line == 3)
        #expect(nul.message.contains("NUL"))
        bytes += Array("\n# caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        guard case .failure(let utf8) = TriageFileFormat.parse(bytes, file: "t") else { Issue.record("bad UTF-8 parsed"); return }
        #expect(utf8.line == 4)
        #expect(utf8.message.contains("UTF-8"))
    }

    @Test func dateTimesAreUTCToTheMillisecond() {
        #expect(TOMLText.dateTime(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(TOMLText.dateTime(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(TOMLText.dateTime(date(3661.5)) == "2024-05-01T11:01:01.500Z")
        #expect(daysSinceEpoch(year: 2024, month: 3, day: 1) == 19_783)
        #expect(daysSinceEpoch(year: 1969, month: 12, day: 31) == -1)
    }

    @Test func aTableHeaderWithoutAKeyIsAnErrorNotAnAbort() {
        // `[&decision]]` made the C++ TOML parser used before (toml++) fail an assertion and abort the process (found by the
        // triage-toml fuzz target); now it is an error at its line, like any other TOML mistake.
        let text = "format = 1\n\n[&decision]]\nid = \"d3\"\n"
        guard case .failure(let error) = TriageFileFormat.parse(text, file: "t.toml") else {
            Issue.record("expected an error")
            return
        }
        #expect(error.line == 3)
        #expect(TriageFileFormat.parse("[[ =x]]\n", file: "t.toml").failureLine == 1)
    }

    @Test func headerLikeLinesInsideValuesAreNotHeaders() throws {
        // A note written over several lines, and an array of arrays, have lines starting with `[` that are
        // values, not table headers: the file still parses.
        let text = "format = 1\n\n[[decision]]\nid = \"a\"\nstatus = \"new\"\nscope = \"process\"\nprocess = \"x\"\n"
            + "note = \"\"\"\n[&] see ticket\n\"\"\"\ncreated = 2024-05-01T10:00:00Z\n"
        let decisions = try TriageFileFormat.parse(text, file: "t.toml").get()
        #expect(decisions.first?.note == "[&] see ticket\n")
    }
}

private extension Result where Failure == TriageFileError {
    var failureLine: Int? { if case .failure(let error) = self { error.line } else { nil } }
}
