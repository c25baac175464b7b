import Foundation
import Testing
import TmuxTesting

/// The console as a person uses it, in a real terminal under tmux: open the demo day, move, move the
/// jitter slider and watch the list change, open help, resize, quit, and find the terminal restored.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct ConsoleInTmuxTests {
    static var binary: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            .map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("beacon-triage").path } ?? "beacon-triage"
    }

    @Test func triageTheDemoDayWithTheKeyboard() throws {
        let pane = try TmuxHarness([Self.binary], width: 120, height: 40)
        // The demo day reports 18 beacons; the first row is the 60 s Cobalt Strike beacon.
        try pane.waitFor("Beacons 18", timeout: .seconds(60))
        try pane.waitFor("1/18")
        try pane.sendKeys("Down", "j")
        try pane.waitFor("3/18")
        // Jitter 50 → 20: the notepad.exe beacons (23.5-25.7 %) and PoshC2 (34.9 %) drop out of the list;
        // the selection stays on the third row, AnyDesk at 5.8 %.
        for _ in 0..<30 { try pane.sendKeys("Left") }
        // Each step re-runs the query (about half a second in a debug build).
        try pane.waitFor("jitter <20%>", timeout: .seconds(90))
        let screen = try pane.waitFor("Beacons 14", timeout: .seconds(30))
        #expect(screen.contains("3/14"))
        // Back to the query's defaults.
        try pane.sendKeys("r")
        try pane.waitFor("Beacons 18", timeout: .seconds(30))
        try pane.sendKeys("?")
        try pane.waitFor("previous beacon")
        try pane.sendKeys("Space")
        try pane.resize(width: 80, height: 24)
        try pane.waitFor("Beacons 18")
        try pane.resize(width: 40, height: 10)
        try pane.waitFor("too small")
        try pane.resize(width: 100, height: 30)
        try pane.waitFor("Beacons 18")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
        #expect(try pane.paneFlags() == .restored)
    }

    @Test func aFalsePositiveMarkSurvivesSIGKILLAndARestart() throws {
        let scratch = try ScratchFolder()
        let triage = scratch.path("team.triage.toml")
        let first = try TmuxHarness([Self.binary, "--triage", triage], width: 120, height: 40)
        try first.waitFor("Beacons 18", timeout: .seconds(60))
        try first.sendKeys("f")
        try first.waitFor("false positive for")
        try first.sendKeys("Enter")
        try first.waitFor("Reason (optional)")
        try first.type("lab scanner")
        try first.sendKeys("Enter")
        try first.waitFor("Expires after")
        try first.sendKeys("Enter")
        try first.waitFor("1 false positive")
        // Killed at once after the mark showed on screen: nothing may be lost.
        try first.signal(SIGKILL)
        _ = try first.waitForExit()
        let text = try String(contentsOfFile: triage, encoding: .utf8)
        #expect(text.contains("status = \"false-positive\"") && text.contains("reason = \"lab scanner\""))

        let second = try TmuxHarness([Self.binary, "--triage", triage], width: 120, height: 40)
        try second.waitFor("1 false positive", timeout: .seconds(60))
        try second.waitFor("1/17")
        try second.sendKeys("q")
        #expect(try second.waitForExit() == 0)
    }

    @Test func twoSelectedBeaconsExportAsCSV() throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([Self.binary, "--triage", scratch.path("t.triage.toml")], width: 120, height: 40,
                                   workingDirectory: scratch.url.path)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))
        try pane.sendKeys("Space", "Space")
        try pane.waitFor("2 selected")
        try pane.sendKeys("e")
        try pane.waitFor("Export as")
        try pane.sendKeys("Enter")
        try pane.waitFor("beacons.csv")
        try pane.sendKeys("Enter")
        try pane.waitFor("exported 2 beacons to beacons.csv")
        let csv = try String(contentsOfFile: scratch.path("beacons.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("DeviceId,DeviceName,"))
        // The first two rows of the query's order: the 60 s Cobalt Strike beacon on ws-5379 and ws-2339.
        #expect(csv.contains("ws-5379.corp.contoso.com") && csv.contains("ws-2339.corp.contoso.com"))
        // Exporting again asks before replacing the file.
        try pane.sendKeys("e")
        try pane.waitFor("Export as")
        try pane.sendKeys("Enter")
        try pane.waitFor("beacons.csv")
        try pane.sendKeys("Enter")
        try pane.waitFor("Replace beacons.csv")
        try pane.sendKeys("n")
        try pane.waitFor("export cancelled")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }

    @Test func sigtermAndSighupRestoreTheTerminal() throws {
        for signal in [SIGTERM, SIGHUP] {
            let pane = try TmuxHarness([Self.binary], width: 100, height: 30)
            try pane.waitFor("Beacons 18", timeout: .seconds(60))
            try pane.signal(signal)
            _ = try pane.waitForExit()
            #expect(try pane.paneFlags() == .restored)
        }
    }

    @Test func withoutATerminalItPointsToAnalyze() throws {
        let result = try runProcess(Self.binary, [])
        #expect(result.status == 2)
        #expect(result.errors.contains("beacon-triage analyze"))
    }
}
