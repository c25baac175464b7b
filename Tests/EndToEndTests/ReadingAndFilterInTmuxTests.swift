import Foundation
import Testing
import TmuxTesting

/// Issue 14, items 6 and 7 in a real terminal at both ends of the sizes it names: the filter applied
/// while typed (a port out of range said, Ctrl-U clearing, Esc putting back the list), a slider value
/// typed and moved ten steps, the rows the step removed listed with `D`, and the reader `v`.
@Suite(.serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct ReadingAndFilterInTmuxTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func filterSlidersAndReader(width: Int, height: Int) throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", scratch.path("t.triage.toml")],
                                   width: width, height: height)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))

        try pane.sendKeys("/")
        try pane.type("port:99999")
        try pane.waitFor("port must be between 0 and 65535")
        try pane.sendKeys("C-u")
        try pane.waitFor("no filter: every beacon")
        // No beacon's names hold "zzz": the list empties before Enter.
        try pane.type("zzz")
        try pane.waitFor("(0 shown)")
        try pane.sendKeys("Escape")
        try pane.waitFor("filter cancelled")
        #expect(!(try pane.capture()).contains("(0 shown)"))

        // Jitter typed as 20 (from 50): the four beacons between 20 % and 50 % go (ConsoleInTmuxTests).
        try pane.sendKeys("=")
        try pane.waitFor("Set jitter")
        try pane.type("20")
        try pane.sendKeys("Enter")
        try pane.waitFor("jitter <20%>", timeout: .seconds(30))
        try pane.waitFor("Beacons 14", timeout: .seconds(30))
        try pane.sendKeys("D")
        try pane.waitFor("Gone at the last re-run: 4 beacons")
        try pane.sendKeys("Escape")
        try pane.waitFor("Beacons 14")
        try pane.sendKeys("}")
        try pane.waitFor("jitter <30%>", timeout: .seconds(30))

        try pane.sendKeys("v")
        try pane.waitFor("device id")
        try pane.sendKeys("Escape")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
