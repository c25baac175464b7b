import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// The engine against an independent implementation of the query (Tests/Reference/kql_reference.py,
/// written in Python from the spec without reading this code), on adversarial generated data and on the
/// real fixtures, in both modes and both zero-spread settings: same rows, same order, same values
/// (reals within 1e-9 relative). On the same data, in those settings and in hunt mode, every
/// candidate's explain trail agrees with the decision (`checkTrails`).
@Suite(.serialized) struct DifferentialTests {
    static let settings: [(mode: QueryMode, zeroSpread: String)] = [
        (.faithful, "inf"), (.faithful, "zero"), (.corrected, "inf"), (.corrected, "zero"),
    ]

    @Test(arguments: 1...12)
    func generatedData(seed: Int) throws {
        let scratch = try ScratchFolder()
        let csv = scratch.path("events-\(seed).csv")
        let now = try pythonOutput(["random_events.py", "--seed", "\(seed)", "--out", csv])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try compare(file: csv, now: now, extra: [], scratch: scratch)
    }

    @Test func ritaCapture() throws {
        let scratch = try ScratchFolder()
        let csv = scratch.path("rita.csv")
        try gunzip(fixture("rita_missing_host.endpoints_only.csv.gz"), to: csv)
        try compare(file: csv, now: "2024-04-22T00:00:00Z", extra: ["--start", "3d"], scratch: scratch)
    }

    @Test func azureAgentsCapture() throws {
        let scratch = try ScratchFolder()
        try compare(file: fixture("empire_dllinjection_LoadLibrary_CreateRemoteThread.sec5156.csv"),
                    now: "2020-07-22T04:05:10Z", extra: [], scratch: scratch)
    }

    func compare(file: String, now: String, extra: [String], scratch: ScratchFolder) throws {
        let table = try EventLoader.load(paths: [file]).table
        func parameters(_ mode: QueryMode, zeroSpread: String) -> QueryParameters {
            var parameters = QueryParameters(mode: mode)
            parameters.now = TimestampParser.parse(Substring(now))
            parameters.zeroSpread = zeroSpread == "inf" ? .infinity : .zero
            if let index = extra.firstIndex(of: "--start") {
                parameters.start = .ago(ticks: 3 * Instant.ticksPerDay)
                #expect(extra[index + 1] == "3d")
            }
            return parameters
        }
        // The reference has no hunt mode; the trails are checked there too.
        var trailsChecked = Self.checkTrails(BeaconQuery.run(table, parameters: parameters(.hunt, zeroSpread: "inf")),
                                             "\(file) hunt")
        for setting in Self.settings {
            let analysis = BeaconQuery.run(table, parameters: parameters(setting.mode, zeroSpread: setting.zeroSpread))
            let checked = Self.checkTrails(analysis, "\(file) \(setting)")
            trailsChecked = (trailsChecked.reported + checked.reported, trailsChecked.rejected + checked.rejected)
            let actual = scratch.path("actual-\(setting.mode)-\(setting.zeroSpread).jsonl")
            try AnalysisReport.render(analysis.beacons, format: .jsonl, explain: false)
                .write(toFile: actual, atomically: true, encoding: .utf8)
            let expected = scratch.path("expected-\(setting.mode)-\(setting.zeroSpread).jsonl")
            let reference = try pythonOutput(["kql_reference.py", file, "--now", now, "--mode", setting.mode.rawValue,
                                        "--zero-spread", setting.zeroSpread] + extra)
            try reference.write(toFile: expected, atomically: true, encoding: .utf8)
            let verdict = try python(["compare_jsonl.py", expected, actual])
            #expect(verdict.status == 0, "\(file) \(setting): \(verdict.output)\(verdict.errors)")
            // Two empty outputs agree and prove nothing. Every data set here has rows in every setting (the
            // generator plants periodic series; the independent reference reports 1 to 3 rows for each
            // capture), so a comparison without rows means the setup broke, e.g. a window missing the data.
            let rowsCompared = analysis.beacons.count
            #expect(rowsCompared > 0, "\(file) \(setting): no rows compared")
        }
        // Trails of both kinds were checked: otherwise the invariant held over nothing.
        #expect(trailsChecked.reported > 0 && trailsChecked.rejected > 0, "\(file): \(trailsChecked)")
    }

    /// The invariant that ties the explain trail to the decision: a candidate's trail ends in a failure
    /// exactly when the query does not report it, every check before the last passed, and the checks are
    /// the mode's group stages in order. Returns how many reported and rejected candidates were checked.
    static func checkTrails(_ analysis: BeaconAnalysis, _ label: String) -> (reported: Int, rejected: Int) {
        let reported = Set(analysis.beacons.map(\.key))
        let stages = QueryStage.groupFilters(analysis.parameters.mode)
        var broken: [String] = []
        for candidate in analysis.candidates {
            let trail = candidate.trail
            let endsInFailure = trail.last.map { !$0.passed } ?? true
            let isReported = reported.contains(candidate.key)
            let agrees = endsInFailure == !isReported && trail.dropLast().allSatisfy(\.passed)
                && trail.map(\.stage) == Array(stages.prefix(trail.count))
                && candidate.rejection == (isReported ? nil : trail.last)
            if !agrees {
                broken.append("\(candidate.key): \(trail.map { "\($0.stage) \($0.outcome)" }), reported \(isReported)")
            }
        }
        #expect(broken.isEmpty, "\(label): \(broken.count) trails disagree with the decision, e.g. \(broken.prefix(3))")
        return (reported.count, analysis.candidates.count - reported.count)
    }
}

/// Runs a script of Tests/Reference with python3.
func python(_ arguments: [String]) throws -> ProcessResult {
    let referenceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Reference")
    return try runProcess("/usr/bin/env",
                          ["python3", referenceFolder.appendingPathComponent(arguments[0]).path] + arguments.dropFirst())
}

/// Runs a reference script that must succeed, and returns its standard output.
func pythonOutput(_ arguments: [String]) throws -> String {
    let result = try python(arguments)
    guard result.status == 0 else {
        throw ReferenceFailure(message: "python3 \(arguments.joined(separator: " ")) failed: \(result.errors)")
    }
    return result.output
}

func gunzip(_ source: String, to destination: String) throws {
    _ = try runProcess("/bin/sh", ["-c", "gzip -dc \"$0\" > \"$1\"", source, destination])
}

