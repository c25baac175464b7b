import Foundation
import Testing
import TmuxTesting

/// Issue 16, item 4: `analyze` and the console say when the input is past the hand-over to Kusto (100
/// million events, docs/PERFORMANCE.md, "Handing over to Kusto"), judged before reading from the files'
/// sizes. The inputs are sparse CSV files: a real header and rows, then gigabytes of holes that cost no
/// disk. At 210 bytes an event (`InputFormat.contentBytesPerEvent`), 25,000,000,000 bytes are about
/// 119,047,619 events and 20,000,000,000 about 95,238,095.
@Suite(.serialized) struct KustoHandOverTests {
    static var prlimit: String? {
        ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Memory the machine has free now, from /proc/meminfo (kB).
    static var availableBytes: Int {
        let info = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("MemAvailable:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    /// A CSV of `size` bytes: the demo day's header and first rows, then holes.
    static func sparseCSV(_ size: Int64, in scratch: ScratchFolder) throws -> String {
        let day = try runProcess("/bin/sh", ["-c", "gzip -dc '\(DemoDataTests.demoFolder.path)/defender-day.csv.gz' | head -100"])
        let path = scratch.path("month.csv")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(day.output.utf8)))
        #expect(truncate(path, off_t(size)) == 0)
        return path
    }

    /// Under a 1 GiB address-space limit the load is refused before it starts, so the run ends at once:
    /// the advice comes first, then the refusal.
    @Test(.enabled(if: prlimit != nil, "prlimit (util-linux) is not installed"))
    func analyzeAdvisesKustoBeforeReadingPastThePoint() throws {
        let scratch = try ScratchFolder()
        let path = try Self.sparseCSV(25_000_000_000, in: scratch)
        let result = try runProcess(Self.prlimit!, ["--as=1073741824", ConsoleInTmuxTests.binary, "analyze", path])
        #expect(result.status == 2)
        let advice = try #require(result.errors.range(of: "\(path): about 119 million events, past the 100 million where one machine stops being the place for this query"),
                                  "\(result.errors)")
        #expect(result.errors.contains("run `beacon-triage kql` in Defender, Sentinel or Azure Data Explorer"))
        let refusal = try #require(result.errors.range(of: "of memory and"), "\(result.errors)")
        #expect(advice.lowerBound < refusal.lowerBound)
    }

    @Test(.enabled(if: prlimit != nil, "prlimit (util-linux) is not installed"))
    func analyzeSaysNothingBelowThePoint() throws {
        let scratch = try ScratchFolder()
        let path = try Self.sparseCSV(20_000_000_000, in: scratch)
        let result = try runProcess(Self.prlimit!, ["--as=1073741824", ConsoleInTmuxTests.binary, "analyze", path])
        #expect(result.status == 2)
        #expect(result.errors.contains("of memory and"), "\(result.errors)")
        #expect(!result.errors.contains("beacon-triage kql` in Defender"), "\(result.errors)")
    }

    /// The console shows the advice on its loading screen, while the analyst waits, and q still quits.
    /// It needs the memory the estimate asks for (0.8 bytes a CSV byte: 20 GB), or it refuses to start.
    @Test(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed"),
          .enabled(if: availableBytes > 21_000_000_000, "the console's memory check needs 20 GB free for this file"))
    func theConsoleShowsTheAdviceWhileLoading() throws {
        let scratch = try ScratchFolder()
        let path = try Self.sparseCSV(25_000_000_000, in: scratch)
        let pane = try TmuxHarness([ConsoleInTmuxTests.binary, "--triage", scratch.path("t.triage.toml"), path],
                                   width: 120, height: 40)
        let screen = try pane.waitUntil("the loading screen shows the advice", timeout: .seconds(30)) {
            $0.contains("q quits") && $0.contains("about 119 million events, past the 100 million")
        }
        #expect(screen.contains("beacon-triage kql"), "\(screen)")
        try pane.sendKeys("q")
        #expect(try pane.waitForExit(timeout: .seconds(20)) == 0)
    }
}
