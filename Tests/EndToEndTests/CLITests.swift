import Foundation
import Testing

/// `beacon-triage analyze` as a user runs it: exit statuses, messages naming file:line, the KQL columns.
@Suite struct CLITests {
    @Test func missingFileStopsWithStatusTwoAndNamesIt() throws {
        let result = try cli(["analyze", "/nonexistent/events.csv"])
        #expect(result.status == 2)
        #expect(result.errors.contains("/nonexistent/events.csv"))
        #expect(result.output.isEmpty)
    }

    @Test func missingColumnsAreNamed() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("partial.csv")
        try "Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType\n2024-01-01T00:00:00Z,a,b,ConnectionSuccess,1.2.3.4,80,,Public\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try cli(["analyze", file])
        #expect(result.status == 2)
        #expect(result.errors.contains(file))
        for column in ["InitiatingProcessFileName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain"] {
            #expect(result.errors.contains(column))
        }
    }

    @Test func malformedRowsAreSkippedNamedAndTheRestAnalysed() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path("mixed.csv")
        var lines = ["Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain"]
        // 20 good events a minute apart (lines 2-21), then a bad port on line 22, a bad timestamp on
        // line 23, a bad IP on line 24 and a short row on line 25.
        for minute in 0..<20 {
            lines.append("2024-01-01T01:\(minute < 10 ? "0" : "")\(minute):00.25Z,d1,host1,ConnectionSuccess,203.0.113.9,443,c2.example.com,Public,evil.exe,bob,corp")
        }
        lines.append("2024-01-01T02:00:00Z,d1,host1,ConnectionSuccess,203.0.113.9,https,,Public,evil.exe,bob,corp")
        lines.append("yesterday,d1,host1,ConnectionSuccess,203.0.113.9,443,,Public,evil.exe,bob,corp")
        lines.append("2024-01-01T02:01:00Z,d1,host1,ConnectionSuccess,203.0.113.999,443,,Public,evil.exe,bob,corp")
        lines.append("2024-01-01T02:02:00Z,d1,host1")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let result = try cli(["analyze", file, "--format", "jsonl"])
        #expect(result.status == 0)
        for line in 22...25 { #expect(result.errors.contains("\(file):\(line)"), "line \(line) not named") }
        #expect(result.errors.contains("RemotePort"))
        let rows = result.output.split(separator: "\n")
        #expect(rows.count == 1)
        // 20 events 60 s apart: count_ 19 deltas, the last one dropped as written (Q7).
        let row = try #require(try JSONSerialization.jsonObject(with: Data(rows[0].utf8)) as? [String: Any])
        #expect(row["count_"] as? Int == 19)
        #expect(row["min_Timestamp"] as? String == "2024-01-01T01:00:00.2500000Z")
        #expect(row["max_Timestamp"] as? String == "2024-01-01T01:18:00.2500000Z")
        #expect(row["Domains"] as? [String] == ["c2.example.com"])
    }

    @Test func jsonLinesCarryTheQuerysColumnsInOrder() throws {
        let result = try cli(["analyze", fixture("rita_missing_host.endpoints_only.csv.gz"), "--format", "jsonl",
                              "--now", "2024-04-22T00:00:00Z", "--start", "3d"])
        #expect(result.status == 0)
        let first = try #require(result.output.split(separator: "\n").first)
        let keys = try orderedKeys(String(first))
        #expect(keys == ["DeviceId", "DeviceName", "InitiatingProcessAccountName", "InitiatingProcessAccountDomain",
                         "InitiatingProcessFileName", "RemoteIP", "RemotePort", "dcount_DeviceId", "count_",
                         "min_Timestamp", "max_Timestamp", "Duration", "percentile_TimeDeltaInSeconds_5",
                         "percentile_TimeDeltaInSeconds_25", "percentile_TimeDeltaInSeconds_50",
                         "percentile_TimeDeltaInSeconds_75", "percentile_TimeDeltaInSeconds_95", "TimeDeltaList",
                         "TimeDeltaInSeconds_min", "TimeDeltaInSeconds_min_index", "TimeDeltaInSeconds_max",
                         "TimeDeltaInSeconds_max_index", "TimeDeltaInSeconds_avg", "TimeDeltaInSeconds_stdev",
                         "TimeDeltaInSeconds_variance", "Jitter", "BeaconSleepMin", "BeaconSleepMax", "Domains",
                         "Timestamp"])
        #expect(result.errors.contains("window: 2024-04-19T00:00:00.0000000Z .. 2024-04-21T23:59:59.0000000Z"))
    }

    @Test func statsAndExplainSayWhatEachStageDid() throws {
        let result = try cli(["analyze", fixture("rita_missing_host.endpoints_only.csv.gz"), "--start", "3d",
                              "--stats", "--explain"])
        #expect(result.status == 0)
        for label in ["time window", "RemoteIPType", "ActionType", "events", "jitter", "devices", "outliers"] {
            #expect(result.errors.contains(label))
        }
        // Over three days the NTP flow has regular 2048-2049 s deltas and a few near 2080 s that score far
        // above 2: a near miss rejected at the outlier stage.
        #expect(result.output.contains("91.189.91.157:123"))
        #expect(result.output.contains("✗ outliers"))
    }

    @Test func unknownOptionValuesAreRejected() throws {
        #expect(try cli(["analyze", "--mode", "strict"]).status != 0)
        #expect(try cli(["analyze", "--start", "yesterday"]).status != 0)
    }

    /// A value a command cannot use is reported with that command's usage line, not the top-level
    /// `beacon-triage <subcommand>` one, and ArgumentParser's status for validation errors (64, EX_USAGE).
    /// Without a command the console's options are the console's: `beacon-triage --mode fixed`.
    /// The outputs are in a folder that does not exist, so nothing is written should a check let one through.
    @Test(arguments: [
        (["analyze", "--format", "xml"], "analyze", "--format must be one of table, jsonl, json, csv, not 'xml'"),
        (["analyze", "--mode", "fixed"], "analyze", "--mode must be faithful, corrected or hunt, not 'fixed'"),
        (["analyze", "--start", "3x"], "analyze", "--start: '3x' is neither a timespan"),
        (["analyze", "--provider", "zeek"], "analyze", "--provider must be auto, sysmon or wfp, not 'zeek'"),
        (["kql", "--flavor", "foo"], "kql", "--flavor must be defender or sentinel, not 'foo'"),
        (["kql", "--zero-spread", "big"], "kql", "--zero-spread must be inf or zero, not 'big'"),
        (["export", "--out", "/nonexistent/out.xml"], "export", "--format csv, json or md is needed"),
        (["export", "--out", "/nonexistent/out.csv", "--format", "xml"], "export", "--format must be csv, json or md, not 'xml'"),
        (["export", "--out", "/nonexistent/out.csv", "--min-score", "101"], "export", "--min-score must be between 0 and 100, not 101"),
        (["generate", "--out", "/nonexistent/day.csv", "--end", "soon"], "generate", "--end: 'soon' is not an ISO 8601 time"),
        (["generate", "--out", "/nonexistent/day.xml", "--format", "xml"], "generate", "--format must be csv or jsonl, not 'xml'"),
        (["generate", "--out", "/nonexistent/day.csv", "--devices", "1"], "generate", "--devices must be between 20 and"),
        (["console", "--variance-form", "exact"], "console", "--variance-form must be welford or sums, not 'exact'"),
        (["console", "--now", "noon"], "console", "--now: 'noon' is not an ISO 8601 time"),
        (["--mode", "fixed"], "console", "--mode must be faithful, corrected or hunt, not 'fixed'"),
    ])
    func validationErrorsShowTheirCommandsUsage(arguments: [String], command: String, message: String) throws {
        let result = try cli(arguments)
        #expect(result.status == 64)
        #expect(result.errors.contains("Error: \(message)"))
        #expect(result.errors.contains("Usage: beacon-triage \(command) "))
        #expect(result.errors.contains("See 'beacon-triage \(command) --help'"))
        #expect(!result.errors.contains("Usage: beacon-triage <subcommand>"))
        #expect(result.output.isEmpty)
    }

    /// A mistyped --triage would export every false positive as unmarked: it stops, as kql does, and
    /// nothing is written.
    @Test func exportStopsOnAMissingTriageFile() throws {
        let scratch = try ScratchFolder()
        let missing = scratch.path("team.triage.tmol"), out = scratch.path("out.csv")
        let result = try cli(["export", "--triage", missing, "--out", out])
        #expect(result.status == 2)
        #expect(result.errors.contains("beacon-triage: --triage: no such file \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: out) && !FileManager.default.fileExists(atPath: missing))
    }
}

/// Runs the built `beacon-triage` binary, which sits beside the test bundle.
func cli(_ arguments: [String]) throws -> ProcessResult {
    let folder = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        .deletingLastPathComponent()
    return try runProcess(folder.appendingPathComponent("beacon-triage").path, arguments)
}

/// The keys of a flat JSON object in the order they appear, which JSONSerialization does not keep.
func orderedKeys(_ json: String) throws -> [String] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let positions = object.keys.compactMap { key -> (String, String.Index)? in
        json.range(of: "\"\(key)\":").map { (key, $0.lowerBound) }
    }
    return positions.sorted { $0.1 < $1.1 }.map(\.0)
}

/// A file larger than the machine's memory is refused up front, with a message, not killed mid-load.
@Suite struct MemoryRefusalTests {
    @Test func aFileTooLargeForMemoryIsRefusedBeforeLoading() throws {
        let scratch = try ScratchFolder()
        let huge = scratch.path("huge.csv")
        // A sparse 4 TB file: its size is what the check reads; no disk is used.
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 4 << 40) == 0)
        let result = try cli(["analyze", "--passes", "1", huge])
        #expect(result.status == 2)
        #expect(result.errors.contains("huge.csv: loading this needs about"))
        #expect(result.errors.contains("of memory and"))
        #expect(result.output.isEmpty)
    }

    /// By default a file one pass cannot hold is read in two; this one is 4 TiB of zeros, about 20.9
    /// billion events at 210 bytes an event (4,398,046,511,104 / 210), far past the hand-over to Kusto,
    /// which is said first; its first block is no text, which ends the load.
    @Test func aFileTooLargeForOnePassIsReadTwiceAfterTheAdviceToUseKusto() throws {
        let scratch = try ScratchFolder()
        let huge = scratch.path("huge.csv")
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 4 << 40) == 0)
        let result = try cli(["analyze", huge])
        #expect(result.status == 2)
        let advice = try #require(result.errors.range(of: "huge.csv: about 20.9 billion events, past the 100 million"), "\(result.errors)")
        let twice = try #require(result.errors.range(of: "one pass would not fit (loading this needs about"), "\(result.errors)")
        #expect(advice.lowerBound < twice.lowerBound)
        #expect(result.output.isEmpty)
    }
}
