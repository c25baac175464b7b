import BeaconEngine
import BeaconIngest
import Foundation
import TriageApp
import TriageUI

// Measures, in-process, what the console's liveness rests on (issue 5's targets):
//  * on the shipped demo day: the console's first frame (load, prepare, decide, lay out, draw), a
//    threshold re-decided, a slider step with its frames, and a frame alone;
//  * on each FILE given (the benchmark passes its 1M-event day): the load, the preparation, a threshold
//    re-rank (BeaconQuery.decide on the PreparedQuery, jitter moved) and a window change (a new prepare
//    with another start, then its decide).
// Run it in release: `swift run -c release beacon-bench [--runs N] [FILE...]` (Benchmarks/run.sh does).
// Figures are medians of several runs on this machine; compare them within one run, never across machines.

func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

/// The median of `runs` timings of `body`, in milliseconds (the middle one; runs is odd).
func median(_ runs: Int, _ body: () -> Void) -> Double {
    let samples = (0..<runs).map { _ in milliseconds(body) }.sorted()
    return samples[samples.count / 2]
}

func row(_ label: String, _ value: Double, target: String = "") -> String {
    let padded = label.padding(toLength: 52, withPad: " ", startingAt: 0)
    return "  \(padded)\(String(format: "%9.2f", value)) ms" + (target.isEmpty ? "" : "   (target \(target))")
}

struct Options {
    /// Runs of the slow steps (loads, preparations, first frames); the fast ones run 21 times.
    var runs = 5
    var files: [String] = []

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--runs", let value = rest.popFirst().flatMap(Int.init), value > 0 {
                options.runs = value | 1  // odd, so the median is one run
            } else if argument.hasPrefix("-") {
                FileHandle.standardError.write(Data("usage: beacon-bench [--runs N] [FILE...]\n".utf8))
                exit(2)
            } else {
                options.files.append(argument)
            }
        }
        return options
    }
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let demoDay = root.appendingPathComponent("demo-data/generated-day/defender-day.csv.gz").path
let fastRuns = 21

func load(_ paths: [String]) -> EventTable {
    do {
        return try EventLoader.load(paths: paths).table
    } catch {
        FileHandle.standardError.write(Data("beacon-bench: \(error)\n".utf8))
        exit(2)
    }
}

/// The console's path from nothing to its first frame with data: what `beacon-triage` does after the
/// terminal opens (the loading screen meanwhile is a separate, trivial frame).
func consoleFirstFrame(_ paths: [String], width: Int, height: Int) -> ScreenBuffer {
    var state = AppState(dataSetName: "bench", events: load(paths), parameters: QueryParameters())
    update(&state, .resize(width: width, height: height))
    return view(state)
}

// The demo day: the console.
do {
    let firstFrame = median(options.runs) { _ = consoleFirstFrame([demoDay], width: 200, height: 60) }
    let table = load([demoDay])
    let parameters = QueryParameters()
    let prepared = BeaconQuery.prepare(table, parameters: parameters)
    var moved = parameters
    moved.jitter = 30
    var analysis = BeaconQuery.decide(prepared, parameters: moved)
    let decideTime = median(fastRuns) { analysis = BeaconQuery.decide(prepared, parameters: moved) }
    var state = AppState(dataSetName: "bench", events: table, parameters: parameters)
    update(&state, .resize(width: 200, height: 60))
    let sliderFrame = median(fastRuns) {
        update(&state, .key(.left))
        _ = view(state)
        update(&state, .key(.right))
        _ = view(state)
    }
    let frameTime = median(fastRuns) { _ = view(state) }
    print("""
    demo day (\((demoDay as NSString).lastPathComponent)): \(table.count) events, \(prepared.groupCount) groups, \
    \(analysis.beacons.count) beacons at jitter 30
    \(row("console first frame (load, prepare, decide, draw)", firstFrame, target: "≤ 300 ms"))
    \(row("decide (a threshold moved)", decideTime))
    \(row("slider step + frame (200×60), ×2", sliderFrame))
    \(row("frame alone (200×60)", frameTime))
    """)
}

// The window's anchor (`WindowAnchor`) over 10M timestamps, a day of them: clean, it is two counting
// passes; with one row dated 9999 the 99.9th percentile is selected exactly (four radix passes).
do {
    let day = Instant.ticksPerDay, start = Int64(1_796_428_800) * Instant.ticksPerSecond
    var times = (0..<Int64(10_000_000)).map { start + $0 * (day / 10_000_000) }
    let clock = Instant(ticks: start + day)
    var anchor = WindowAnchor(timestamps: times, clock: clock)
    var latest = times.max()
    // What anchoring cost before: the latest timestamp alone, one pass.
    let maxAlone = median(options.runs) { latest = times.max() }
    let clean = median(options.runs) { anchor = WindowAnchor(timestamps: times, clock: clock) }
    times[5_000_000] = 253_402_214_400 * Instant.ticksPerSecond  // 9999-12-31T00:00:00Z
    let poisoned = median(options.runs) { anchor = WindowAnchor(timestamps: times, clock: clock) }
    print("""
    window anchor, 10M timestamps (\(anchor.setAside?.count ?? 0) set aside with the 9999 row, latest \(latest ?? 0))
    \(row("latest timestamp alone (the anchor before)", maxAlone))
    \(row("anchor, no outlier (max + one counting pass)", clean))
    \(row("anchor, one row dated 9999 (exact percentile)", poisoned))
    """)
}

// Each FILE: the engine at scale.
for file in options.files {
    var table = EventTable()
    let loadTime = median(min(options.runs, 3)) { table = load([file]) }
    let parameters = QueryParameters()
    var prepared = BeaconQuery.prepare(table, parameters: parameters)
    let prepareTime = median(options.runs) { prepared = BeaconQuery.prepare(table, parameters: parameters) }
    var moved = parameters
    moved.jitter = 30
    var analysis = BeaconQuery.decide(prepared, parameters: moved)
    let reRank = median(fastRuns) { analysis = BeaconQuery.decide(prepared, parameters: moved) }
    // The window slider moves the start by an hour: 23 h instead of 1 d before now.
    var window = parameters
    window.start = .ago(ticks: 23 * 3_600 * Instant.ticksPerSecond)
    var windowPrepared = prepared
    let windowPrepare = median(options.runs) { windowPrepared = BeaconQuery.prepare(table, parameters: window) }
    let windowChange = median(options.runs) {
        _ = BeaconQuery.decide(BeaconQuery.prepare(table, parameters: window), parameters: window)
    }
    print("""
    \((file as NSString).lastPathComponent): \(table.count) events, \(prepared.groupCount) groups, \
    \(analysis.beacons.count) beacons at jitter 30, \(windowPrepared.groupCount) groups in the 23 h window
    \(row("load (read, parse)", loadTime))
    \(row("prepare (filters, groups, measures)", prepareTime))
    \(row("threshold re-rank (decide, jitter 50 → 30)", reRank, target: "≤ 5 ms"))
    \(row("window change: prepare (start 1d → 23h)", windowPrepare))
    \(row("window change: prepare + decide", windowChange, target: "≤ 100 ms"))
    """)
}
