import Foundation
import Testing
import TmuxTesting
import Triage

/// The console's clock in a real terminal, in real time: two marks a minute apart are saved a minute
/// apart, and a false-positive mark that expires after `1m` stops hiding its beacon a minute later.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct ClockInTmuxTests {
    @Test func marksAMinuteApartAndAOneMinuteExpiry() throws {
        let scratch = try ScratchFolder()
        let triage = scratch.path("team.triage.toml")
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", triage], width: 120, height: 40)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))

        // The first row malicious; the second false positive for a minute.
        try pane.sendKeys("m")
        try pane.waitFor("marked malicious")
        try pane.sendKeys("j")
        try pane.sendKeys("f")
        try pane.waitFor("false positive for")
        try pane.sendKeys("Enter")
        try pane.waitFor("Reason (optional)")
        try pane.sendKeys("Enter")
        try pane.waitFor("Expires after")
        try pane.type("1m")
        try pane.sendKeys("Enter")
        try pane.waitFor("1 false positive")
        let hidden = Date()

        // Nothing is pressed meanwhile: only the console's own clock can bring the row back.
        try pane.waitFor("a mark expired", timeout: .seconds(90))
        let back = Date()
        try pane.waitFor("0 false positive")
        #expect(back.timeIntervalSince(hidden) > 55, "the mark expired after \(back.timeIntervalSince(hidden)) s")

        // A minute after the first mark, a second one, on the third row (the second still holds the
        // expired mark).
        try pane.sendKeys("g")
        try pane.sendKeys("j")
        try pane.sendKeys("j")
        try pane.sendKeys("i")
        try pane.waitFor("marked investigating")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)

        let decisions = try TriageFileFormat.parse(String(contentsOfFile: triage, encoding: .utf8), file: triage).get()
        let malicious = try #require(decisions.first { $0.status == .malicious })
        let falsePositive = try #require(decisions.first { $0.status == .falsePositive })
        let investigating = try #require(decisions.first { $0.status == .investigating })
        #expect(falsePositive.expires == falsePositive.created + 60)
        let apart = investigating.created.timeIntervalSince(malicious.created)
        #expect(apart >= 59 && apart < 120, "marks \(apart) s apart")
        #expect(falsePositive.created.timeIntervalSince(malicious.created) < 30)
    }
}
