import Foundation
import Testing
import TmuxTesting

/// A labelled C2 that the query drops, as the analyst meets it in the console: RITA's beacon through an
/// HTTP proxy (Fixtures/LICENSE-NOTES.md) is no beacon at the default thresholds; `x` shows it, marked
/// `✗`, and the detail names the stage that dropped it and why (the arithmetic is in `LabelledC2.rita`).
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed"))
struct NearMissConsoleInTmuxTests {
    @Test func theProxiedBeaconShowsAsANearMissRejectedAtTheOutlierStage() throws {
        let scratch = try ScratchFolder()
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--keep-private", "--start", "2d",
                                    "--triage", scratch.path("t.triage.toml"),
                                    nativeFixture("rita-zeek-beacons/original/proxy")], width: 140, height: 45)
        try pane.waitFor("Beacons 0", timeout: .seconds(60))
        try pane.sendKeys("x")
        // The whole detail pane, not a frame tmux caught half-written.
        let screen = try pane.waitUntil("the near miss's stages are drawn") { screen in
            screen.contains("rejected at outliers") && screen.contains("✗ outliers:")
        }
        #expect(screen.contains("1 near misses"))
        #expect(screen.contains("✗") && screen.contains("10.136.0.16:3128"))
        // Ground truth: 407 connections, jitter 37.8 %; by hand, 9 deltas outside the fences.
        #expect(screen.contains("events 407 (406 deltas)"))
        #expect(screen.contains("✓ jitter: jitter 37.8 < 50"))
        #expect(screen.contains("✗ outliers: outliers 9 > 3"))
        try pane.sendKeys("q")
        #expect(try pane.waitForExit() == 0)
    }
}
