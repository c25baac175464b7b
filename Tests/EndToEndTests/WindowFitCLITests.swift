import Foundation
import Testing

/// `analyze` says on standard error when the data spans more than the window: how much of the top beacon
/// the window leaves out, which files fall outside it altogether, and the `--start` that takes all in.
@Suite struct WindowFitCLITests {
    static let header = "Timestamp,DeviceId,DeviceName,ActionType,RemoteIP,RemotePort,RemoteUrl,RemoteIPType,InitiatingProcessFileName,InitiatingProcessAccountName,InitiatingProcessAccountDomain"

    /// 2026-11-30T08:00:00Z (`date -u -d 2026-11-30T08:00:00Z +%s` is 1796025600).
    static let captureStart: TimeInterval = 1_796_025_600

    static func timestamp(_ seconds: TimeInterval) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// A beacon every 10 minutes for three days: 432 calls, the last at 2026-12-03T07:50:00Z (258,600 s on).
    /// The default window runs from 1 s after the last call minus a day (172,201 s on) to the last call, so
    /// calls 288 to 431 are inside it: 144, and 288 of the 432 outside.
    static func threeDayCapture(in scratch: ScratchFolder) throws -> String {
        let rows = (0..<432).map { call in
            "\(timestamp(captureStart + Double(call) * 600)),d1,ws-17,ConnectionSuccess,203.0.113.9,443,c2.example.com,Public,evil.exe,bob,corp"
        }
        let path = scratch.path("capture.csv")
        try ([header] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aThreeDayCaptureSaysHowMuchOfTheTopBeaconIsOutsideTheWindow() throws {
        let scratch = try ScratchFolder()
        let capture = try Self.threeDayCapture(in: scratch)
        let result = try cli(["analyze", capture])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("3-day capture: 288 of 432 events of the top beacon fall outside the 1d window\n"))
        // From 1 s after the last call back to the first: 71 h 50 min 1 s, rounded up to 72 hours.
        #expect(result.errors.contains("  --start 3d takes in every event\n"))
        // The only file is partly inside: not named.
        #expect(!result.errors.contains("outside the window ("))

        let widened = try cli(["analyze", capture, "--start", "3d"])
        #expect(widened.status == 0)
        #expect(!widened.errors.contains("outside"))
    }

    @Test func aFileOfTheYearBeforeIsNamed() throws {
        let scratch = try ScratchFolder()
        let capture = try Self.threeDayCapture(in: scratch)
        // Three calls a year (365 days: 2026 is not a leap year) before the capture, from another device.
        let old = scratch.path("old.csv")
        let yearBefore = Self.captureStart - 365 * 86_400
        let rows = (0..<3).map { hour in
            "\(Self.timestamp(yearBefore + Double(hour) * 3600)),d2,ws-18,ConnectionSuccess,198.51.100.4,443,,Public,svc.exe,carol,corp"
        }
        try ([Self.header] + rows).joined(separator: "\n").write(toFile: old, atomically: true, encoding: .utf8)

        let result = try cli(["analyze", capture, old])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("\(old): all 3 events fall outside the window (2025-11-30)\n"))
        #expect(!result.errors.contains("\(capture): all"))
        // 365 days and 71 h 50 min: 368 days, as a capture and (rounded up to 8,832 hours) as the start.
        #expect(result.errors.contains("368-day capture: 288 of 432 events of the top beacon fall outside the 1d window\n"))
        // A window that long overflows the query's event cap (Q11): the hint says what to add.
        #expect(result.errors.contains("  --start 368d takes in every event (past 24.8 days the query's event cap overflows, quirk Q11: add --mode hunt or --max-events)\n"))
    }

    @Test func theHelpSaysSo() throws {
        let help = try cli(["analyze", "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("names each file whose events all fall outside"))
    }
}
