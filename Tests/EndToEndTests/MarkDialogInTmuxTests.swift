import Foundation
import Testing
import TmuxTesting

/// The false-positive dialog says what each scope would do, and asks again before hiding a beacon the
/// analyst marked investigating: in a real terminal on the demo day, at the issue's two sizes.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct MarkDialogInTmuxTests {
    @Test(arguments: [(80, 24), (200, 60)])
    func scopesShowWhatTheyHideAndAMarkedRowIsAskedAbout(width: Int, height: Int) throws {
        let scratch = try ScratchFolder()
        let triage = scratch.path("team.triage.toml")
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", triage], width: width, height: height)
        try pane.waitFor("Beacons 18", timeout: .seconds(60))

        try pane.sendKeys("f")
        // The exact beacon hides itself and nothing else; every scope names its values.
        let dialog = try pane.waitUntil("the scopes with their counts") { screen in
            screen.contains("1. hides 1 · this beacon: ") && screen.contains("this process everywhere: ")
        }
        #expect(dialog.contains("4. hides "))
        try pane.sendKeys("Escape")
        try pane.waitUntil("the dialog closed") { !$0.contains("1. hides 1") }

        try pane.sendKeys("i")
        try pane.waitUntil("the top row marked investigating") { $0.contains("1 investigating") || $0.contains("┃?") }
        try pane.sendKeys("f")
        try pane.waitFor("1. hides 1 (1 investigating) · this beacon: ")
        try pane.sendKeys("Enter")
        try pane.waitFor("Hide beacons marked malicious or investigating?")
        try pane.sendKeys("n")
        try pane.waitUntil("the question closed with nothing hidden") { screen in
            !screen.contains("Hide beacons marked") && screen.contains("Beacons 18")
        }
        // Nothing was marked false positive: the file holds only the investigating mark.
        let file = try String(contentsOfFile: triage, encoding: .utf8)
        #expect(file.contains(#"status = "investigating""#) && !file.contains(#"status = "false-positive""#))
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
