import Foundation
import Testing

/// Issue 17, item 1: one future-dated row no longer moves the window anchored on the data. `analyze` and
/// `export` report the same beacons as without it and name the row by file:line; a run whose window
/// missed most of the data ends with status 3.
@Suite struct SetAsideRowsCLITests {
    static let header = WindowFitCLITests.header

    /// A beacon every minute for 1,440 minutes from 2026-11-30T08:00:00Z: rows 2 to 1,441 of the file,
    /// the last call at 2026-12-01T07:59:00Z.
    static func beaconRows() -> [String] {
        (0..<1440).map { call in
            "\(WindowFitCLITests.timestamp(WindowFitCLITests.captureStart + Double(call) * 60)),d1,ws-17,ConnectionSuccess,203.0.113.9,443,c2.example.com,Public,evil.exe,bob,corp"
        }
    }

    static func write(_ rows: [String], to path: String) throws {
        try ([header] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// One row of another device at `time`, to another address (its own group).
    static func outlier(_ time: String) -> String {
        "\(time),d9,ws-99,ConnectionSuccess,198.51.100.77,443,,Public,svc.exe,eve,corp"
    }

    @Test(arguments: [("9999-12-31T00:00:00Z", "9999-12-31T00:00:00.0000000Z"),
                      ("2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.8547758Z")])
    func oneFarFutureRowLeavesTheBeaconsAsTheyWereAndIsNamed(time: String, shown: String) throws {
        let scratch = try ScratchFolder()
        let clean = scratch.path("clean.csv"), poisoned = scratch.path("poisoned.csv")
        var rows = Self.beaconRows()
        try Self.write(rows, to: clean)
        // Inserted after the 700th call: file line 702 (the header is line 1).
        rows.insert(Self.outlier(time), at: 700)
        try Self.write(rows, to: poisoned)

        let before = try cli(["analyze", clean, "--format", "jsonl"])
        let after = try cli(["analyze", poisoned, "--format", "jsonl"])
        #expect(before.status == 0 && after.status == 0, "\(after.errors)")
        #expect(!before.output.isEmpty)
        #expect(after.output == before.output)
        #expect(!before.errors.contains("set aside"))
        // 1,441 rows: the percentile is the 2nd latest, the last call; a day after it is the threshold.
        #expect(after.errors.contains("1 row dated after 2026-12-02T07:59:00.0000000Z set aside: the window is anchored on the latest other event (later than the 99.9th percentile of the timestamps plus 1 day)\n"))
        #expect(after.errors.contains("  \(poisoned):702: dated \(shown)\n"))
        // The window is the one of the clean file, and the set-aside row is not counted as outside it.
        let window = { (errors: String) in errors.split(separator: "\n").first { $0.hasPrefix("window:") } }
        #expect(window(after.errors) == window(before.errors))
        #expect(!after.errors.contains("fall outside"))
    }

    @Test func exportNamesTheRowToo() throws {
        let scratch = try ScratchFolder()
        let poisoned = scratch.path("poisoned.csv")
        try Self.write(Self.beaconRows() + [Self.outlier("9999-12-31T00:00:00Z")], to: poisoned)
        let result = try cli(["export", poisoned, "--out", scratch.path("out.csv")])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("  \(poisoned):1442: dated 9999-12-31T00:00:00.0000000Z\n"))
        #expect(result.errors.contains("wrote 1 of 1 reported beacon as csv"))
    }

    @Test func aWindowThatMissedMostOfTheDataEndsWithStatusThree() throws {
        let scratch = try ScratchFolder()
        let capture = scratch.path("capture.csv")
        try Self.write(Self.beaconRows(), to: capture)
        // now two days after the last call: every one of the 1,440 events is before the window.
        let missed = try cli(["analyze", capture, "--now", "2026-12-03T08:00:00Z"])
        #expect(missed.status == 3)
        #expect(missed.errors.contains("beacon-triage: no beacon reported, and 1440 of 1440 events fall outside the window: it is not where the data is (--start, --end and --now move it); exit status 3\n"))

        let exported = try cli(["export", capture, "--now", "2026-12-03T08:00:00Z", "--out", scratch.path("out.json")])
        #expect(exported.status == 3)
        #expect(FileManager.default.fileExists(atPath: scratch.path("out.json")))

        // A beacon reported: status 0.
        #expect(try cli(["analyze", capture]).status == 0)
        // No beacon, but every event inside the window (three calls of another device): status 0.
        let few = scratch.path("few.csv")
        try Self.write(["2026-11-30T08:00:00Z", "2026-11-30T08:10:00Z", "2026-11-30T08:20:00Z"].map(Self.outlier), to: few)
        let quiet = try cli(["analyze", few])
        #expect(quiet.status == 0, "\(quiet.errors)")
        #expect(quiet.errors.contains("0 beacons reported"))
    }

    @Test func aSmallFileWithAFarFutureRowIsCaughtByTheStatus() throws {
        // 433 rows, under the thousand the anchor's rules need: the 9999 row anchors the window, which
        // then holds it alone; 432 of 433 events fall outside and nothing is reported.
        let scratch = try ScratchFolder()
        let small = scratch.path("small.csv")
        try Self.write(Array(Self.beaconRows().prefix(432)) + [Self.outlier("9999-12-31T00:00:00Z")], to: small)
        let result = try cli(["analyze", small])
        #expect(result.status == 3)
        #expect(result.errors.contains("432 of 433 events fall outside the window"))
    }

    @Test func theHelpSaysSo() throws {
        let help = try cli(["analyze", "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("the exit status is 3"))
        #expect(help.contains("99.9th percentile"))
    }
}
