import Foundation
import Testing

/// `beacon-triage kql` as a user runs it: the published query by default, the triage file's false
/// positives as escaped exclusions, files written atomically and never replaced unasked.
@Suite struct KqlCLITests {
    /// The query section of the seed page, read from the page (the renderer keeps its own copy).
    func publishedQuery() throws -> String {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HuntingQueryTests/Fixtures/000_090622b8d3a8b773.txt")
        let lines = try String(contentsOf: page, encoding: .utf8).components(separatedBy: "\n")
        let first = try #require(lines.firstIndex(of: "Rule body kusto")) + 1
        let end = try #require(lines.firstIndex(of: "Stages and Predicates"))
        return lines[first..<end].joined(separator: "\n") + "\n"
    }

    /// A destination marked false positive for everyone, one beacon on it marked malicious (named to break
    /// out of a literal), and a process mark that expired in 2024. TOML escapes: \" is a quote, \\ a
    /// backslash, \n a line break.
    static let triageFile = #"""
        format = 1

        [[decision]]
        id = "fp-destination"
        status = "false-positive"
        scope = "destination"
        ip = "203.0.113.7"
        port = 443
        reason = "corporate \"update\" server\nsee TICKET-1"
        author = "alice"
        created = 2024-05-01T10:00:00.000Z
        updated = 2024-05-01T10:00:00.000Z

        [[decision]]
        id = "malicious-one"
        status = "malicious"
        scope = "exact-beacon"
        device-id = "\" or 1==1 //"
        device-name = "host\n| take 1"
        account-name = "bob"
        account-domain = "corp"
        process = "C:\\evil\\e.exe"
        ip = "203.0.113.7"
        port = 443
        author = "bob"
        created = 2024-05-02T10:00:00.000Z
        updated = 2024-05-02T10:00:00.000Z

        [[decision]]
        id = "expired"
        status = "false-positive"
        scope = "process"
        process = "backup.exe"
        author = "carol"
        created = 2024-05-02T10:00:00.000Z
        updated = 2024-05-02T10:00:00.000Z
        expires = 2024-05-03T00:00:00.000Z

        """#

    @Test func byDefaultItPrintsThePublishedQuery() throws {
        let result = try cli(["kql"])
        #expect(result.status == 0)
        #expect(result.output == (try publishedQuery()))
        #expect(result.errors.contains("no triage file, no exclusions"))
    }

    @Test func falsePositivesBecomeEscapedExclusions() throws {
        let scratch = try ScratchFolder()
        let triage = scratch.path("team.triage.toml")
        try Self.triageFile.write(toFile: triage, atomically: true, encoding: .utf8)
        let result = try cli(["kql", "--triage", triage])
        #expect(result.status == 0)
        let lines = result.output.components(separatedBy: "\n")
        let filter = try #require(lines.firstIndex { $0.hasPrefix("| where ActionType in (") })
        #expect(lines[filter + 1] == #"// false positive (destination, for everyone) marked by "alice" at 2024-05-01T10:00:00.000Z, reason "corporate \"update\" server\nsee TICKET-1"; narrower marks keep their events: malicious (exact beacon) by "bob""#)
        #expect(lines[filter + 2] == #"| where not(RemoteIP == "203.0.113.7" and RemotePort == 443 and not((DeviceId == "\" or 1==1 //" and DeviceName == "host\n| take 1" and InitiatingProcessAccountName == "bob" and InitiatingProcessAccountDomain == "corp" and InitiatingProcessFileName == "C:\\evil\\e.exe" and RemoteIP == "203.0.113.7" and RemotePort == 443)))"#)
        #expect(lines[filter + 3].hasPrefix("| summarize hint.strategy=shuffle make_set(Timestamp) by"))
        // The expired mark is not there; the header names the file.
        #expect(!result.output.contains("backup.exe"))
        #expect(result.output.contains("// Exclusions: 1 false-positive mark from \"\(triage)\""))
        #expect(result.errors.contains("1 exclusion from 2 false-positive marks of 3 decisions in \(triage)"))
        // Apart from the header and those two lines, it is the published query.
        let published = try publishedQuery().components(separatedBy: "\n")
        var body = Array(lines.drop { $0.hasPrefix("//") && !$0.hasPrefix("// Author:") })
        body.removeAll { $0 == lines[filter + 1] || $0 == lines[filter + 2] }
        #expect(body == published)
    }

    @Test func theTriageFileBesideTheDataIsTheDefault() throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("day.csv")
        try Self.triageFile.write(toFile: data + ".triage.toml", atomically: true, encoding: .utf8)
        // The data must exist but is not read: not even a CSV header here.
        try "not read\n".write(toFile: data, atomically: true, encoding: .utf8)
        let result = try cli(["kql", data, "--flavor", "sentinel", "--mode", "corrected"])
        #expect(result.status == 0)
        #expect(result.output.contains(#"| where not(RemoteIP == "203.0.113.7" and RemotePort == 443 and not("#))
        #expect(result.output.contains("| where TimeGenerated between (ago(starttime)..ago(endtime))"))
        #expect(result.output.contains("// corrected: Q13 "))
        #expect(result.errors.contains("(sentinel, corrected mode)"))
    }

    /// A data file that does not exist is a typo: its triage file (and every exclusion) would silently be
    /// missing, so kql stops, even when a triage file happens to sit at the mistyped name.
    @Test func aMissingDataFileStopsWithStatusTwoAndNamesIt() throws {
        let scratch = try ScratchFolder()
        let typo = scratch.path("dya.csv")
        try Self.triageFile.write(toFile: typo + ".triage.toml", atomically: true, encoding: .utf8)
        for arguments in [["kql", "/nonexistent/day.csv"], ["kql", typo], ["kql", "--mode", "hunt", typo]] {
            let result = try cli(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.errors.contains("beacon-triage: \(arguments.last!): no such file"), "\(arguments)")
            #expect(result.output.isEmpty, "\(arguments)")
        }
        // Each missing file is named, the existing one is not.
        let data = scratch.path("day.csv")
        try "not read\n".write(toFile: data, atomically: true, encoding: .utf8)
        let two = try cli(["kql", data, "/nonexistent/a.csv", "/nonexistent/b.csv"])
        #expect(two.status == 2)
        #expect(two.errors.contains("/nonexistent/a.csv: no such file"))
        #expect(two.errors.contains("/nonexistent/b.csv: no such file"))
        #expect(!two.errors.contains("\(data): no such file"))
    }

    @Test func aMissingTriageFileStopsWithStatusTwoAndNamesIt() throws {
        let scratch = try ScratchFolder()
        let missing = scratch.path("team.triage.tmol")
        for mode in ["faithful", "hunt"] {
            let result = try cli(["kql", "--triage", missing, "--mode", mode])
            #expect(result.status == 2, "\(mode)")
            #expect(result.errors.contains("beacon-triage: --triage: no such file \(missing)"), "\(mode)")
            #expect(result.output.isEmpty, "\(mode)")
        }
        // Nothing was created at the mistyped name.
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// Beside existing data, a missing triage file only means no marks yet.
    @Test func theDefaultTriageFileMayNotExistYet() throws {
        let scratch = try ScratchFolder()
        let data = scratch.path("day.csv")
        try "not read\n".write(toFile: data, atomically: true, encoding: .utf8)
        let result = try cli(["kql", data])
        #expect(result.status == 0)
        #expect(result.errors.contains("0 exclusions from 0 false-positive marks of 0 decisions in \(data).triage.toml"))
        #expect(!FileManager.default.fileExists(atPath: data + ".triage.toml"))
    }

    /// A mark with an expiry holds in Kusto only until then: `now() < datetime(...)` to the tick, from the
    /// file's `expires = 2099-12-11T10:00:00.125Z` (2099, so it is still in force when the test runs).
    @Test func anExpiringMarkStopsApplyingWhenItExpires() throws {
        let scratch = try ScratchFolder()
        let triage = scratch.path("team.triage.toml")
        let expiring = Self.triageFile.replacingOccurrences(
            of: "updated = 2024-05-01T10:00:00.000Z\n",
            with: "updated = 2024-05-01T10:00:00.000Z\nexpires = 2099-12-11T10:00:00.125Z\n")
        #expect(expiring != Self.triageFile)
        try expiring.write(toFile: triage, atomically: true, encoding: .utf8)
        let result = try cli(["kql", "--triage", triage])
        #expect(result.status == 0)
        let lines = result.output.components(separatedBy: "\n")
        let filter = try #require(lines.firstIndex { $0.hasPrefix("| where ActionType in (") })
        #expect(lines[filter + 1].hasPrefix(#"// false positive (destination, for everyone) marked by "alice" at 2024-05-01T10:00:00.000Z, reason "corporate \"update\" server\nsee TICKET-1", until 2099-12-11T10:00:00.125Z;"#))
        #expect(lines[filter + 2].hasPrefix(#"| where not(now() < datetime(2099-12-11T10:00:00.1250000Z) and RemoteIP == "203.0.113.7" and RemotePort == 443 and not((DeviceId == "#))
        #expect(result.output.contains("// A mark with an expiry applies while now() < its expiry"))
        #expect(result.errors.contains("1 exclusion from 2 false-positive marks of 3 decisions in \(triage)"))
    }

    @Test func anOutputFileIsWrittenAndNeverReplacedUnasked() throws {
        let scratch = try ScratchFolder()
        let out = scratch.path("hunt.kql")
        let first = try cli(["kql", "--output", out, "--jitter", "20"])
        #expect(first.status == 0)
        #expect(first.output.isEmpty)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("let JitterThreshold = 20; // jitter in percentage."))

        let refused = try cli(["kql", "--output", out])
        #expect(refused.status == 2)
        #expect(refused.errors.contains("already exists"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == written)

        let forced = try cli(["kql", "--output", out, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == (try publishedQuery()))
    }

    @Test func badFlavoursAndBrokenTriageFilesStop() throws {
        #expect(try cli(["kql", "--flavor", "splunk"]).status != 0)
        let scratch = try ScratchFolder()
        let triage = scratch.path("broken.triage.toml")
        try "format = 1\n\n[[decision]]\nstatus = \"maybe\"\n".write(toFile: triage, atomically: true, encoding: .utf8)
        let result = try cli(["kql", "--triage", triage])
        #expect(result.status == 2)
        #expect(result.errors.contains(triage))
        #expect(result.output.isEmpty)
    }
}
