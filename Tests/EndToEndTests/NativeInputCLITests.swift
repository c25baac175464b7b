import Foundation
import Testing

/// The native readers from the command line: folders, `--provider`, and what the load summary says.
@Suite struct NativeInputCLITests {
    static let psinject = nativeFixture("otrf-mordor-empire-sysmon/original/empire_psinject_PEinjection.net.jsonl.gz")

    static func rows(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Ground truth: psinject's two Empire agents (powershell.exe, notepad.exe → 10.10.10.5:80). Sysmon
    /// names the user; 5156 has no account; the default keeps the Sysmon record of each connection.
    @Test func providerChoosesWhichRecordsTheAgentsComeFrom() throws {
        for (provider, account) in [("auto", "pgustavo"), ("sysmon", "pgustavo"), ("wfp", "")] {
            let result = try cli(["analyze", Self.psinject, "--keep-private", "--provider", provider, "--format", "jsonl"])
            #expect(result.status == 0, "\(result.errors)")
            let agents = try Self.rows(result.output).filter { $0["RemoteIP"] as? String == "10.10.10.5" }
            #expect(Set(agents.compactMap { $0["InitiatingProcessFileName"] as? String }) == ["powershell.exe", "notepad.exe"],
                    "provider \(provider)")
            #expect(agents.allSatisfy { $0["InitiatingProcessAccountName"] as? String == account })
        }
        let merged = try cli(["analyze", Self.psinject, "--keep-private"])
        #expect(merged.errors.contains("Windows events, JSON lines, gzip"))
        #expect(merged.errors.contains("Security 5156 records merged into the Sysmon record of the same connection"))
        #expect(merged.errors.contains("EventTime +4h"))
    }

    @Test func providerIsValidatedAndDocumented() throws {
        let bad = try cli(["analyze", Self.psinject, "--provider", "etw"])
        #expect(bad.status != 0)
        #expect(bad.errors.contains("--provider must be auto, sysmon or wfp"))
        for command in ["analyze", "export", "console"] {
            // The help wraps at the terminal's width: compare with its words on one line.
            let help = try cli([command, "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(help.contains("--provider <auto|sysmon|wfp>"), "\(command)")
            #expect(help.contains("Sysmon 3 and Security 5156 as JSON lines or wevtutil XML, Zeek conn logs"), "\(command)")
        }
    }

    /// RITA's rotated folder named on the command line: 216 logs summarised by format, the authors' README
    /// left out, and the documented beacon (950 connections, so 949 deltas) in the output.
    @Test func aFolderOfRotatedZeekLogs() throws {
        let folder = nativeFixture("rita-zeek-beacons/original/missing_host")
        let result = try cli(["analyze", folder, "--start", "3d", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("loaded 105918 events from 72 files (Zeek conn log, gzip)"))
        #expect(result.errors.contains("for the host names of conn records"))
        #expect(result.errors.contains("left out \(folder)/README"))
        let beacon = try #require(try Self.rows(result.output).first {
            $0["DeviceName"] as? String == "73.54.23.243" && $0["RemoteIP"] as? String == "64.225.56.201"
        })
        #expect(beacon["count_"] as? Int == 949)
        #expect(beacon["RemotePort"] as? Int == 80)
    }
}
