import BeaconEngine
import BeaconIngest
import Foundation
import TriageApp
import TriageUI

// Measures what the console's liveness rests on, on the shipped demo day (or the files given):
// loading, preparing the query, re-deciding after a threshold moves, moving the window, and drawing a
// frame. Run it in release: `swift run -c release beacon-bench [FILE...]`. Figures are medians of
// several runs on this machine; compare them within one run, never across machines.

func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func median(_ runs: Int, _ body: () -> Void) -> Double {
    let samples = (0..<runs).map { _ in milliseconds(body) }.sorted()
    return samples[samples.count / 2]
}

/// The process's peak resident set so far, in MB (Linux reports ru_maxrss in KiB).
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

var arguments = Array(CommandLine.arguments.dropFirst())
// `--only load|run|prepare|decide|window FILE...` does that step once and nothing else timed, for
// profilers (`valgrind --tool=callgrind` counts instructions repeatably where wall time is noisy);
// `--only phases FILE...` times analyze's steps once each, wall and CPU.
var only: String?
if arguments.first == "--only", arguments.count >= 2 {
    only = arguments[1]
    arguments.removeFirst(2)
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let files = arguments.isEmpty ? [root.appendingPathComponent("demo-data/generated-day/defender-day.csv.gz").path] : arguments

/// CPU seconds (user + system) of the process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

if only == "phases" {
    func phase<T>(_ name: String, _ body: () -> T) -> T {
        let cpu = cpuSeconds(), start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(name.padding(toLength: 24, withPad: " ", startingAt: 0)
              + String(format: "wall %6.2f s   cpu %6.2f s   peak %5.0f MB", wall, cpuSeconds() - cpu, peakResidentMegabytes()))
        return result
    }
    let table = phase("load") { try! EventLoader.load(paths: files).table }
    let prepared = phase("prepare (lean)") { BeaconQuery.prepare(table, parameters: QueryParameters(), measuringEveryGroup: false) }
    let analysis = phase("decide") { BeaconQuery.decide(prepared, parameters: QueryParameters()) }
    let text = phase("render table") { AnalysisReport.render(analysis.beacons, format: .table, explain: false) }
    print("\(table.count) events, \(prepared.groupCount) groups, \(analysis.beacons.count) beacons, \(text.count) characters")
    exit(0)
}

if let only {
    let table = try! EventLoader.load(paths: files).table
    let parameters = QueryParameters()
    switch only {
    case "load": break
    case "run": _ = BeaconQuery.run(table, parameters: parameters)
    case "prepare": _ = BeaconQuery.prepare(table, parameters: parameters)
    case "decide", "window":
        let prepared = BeaconQuery.prepare(table, parameters: parameters)
        var moved = parameters
        if only == "decide" {
            moved.jitter = 30
            for _ in 0..<10 { _ = BeaconQuery.decide(prepared, parameters: moved) }
        } else {
            moved.start = .ago(ticks: Instant.ticksPerDay - 3600 * Instant.ticksPerSecond)
            _ = BeaconQuery.prepare(table, parameters: moved)
        }
    default: fatalError("--only load|run|prepare|decide|window")
    }
    exit(0)
}

var loaded: LoadResult!
let loadTime = median(3) { loaded = nil; loaded = try! EventLoader.load(paths: files) }
let table = loaded.table
let loadPeak = peakResidentMegabytes()
let parameters = QueryParameters()

// `analyze`: one lean preparation (only the groups with enough events measured) and one decision.
var single: BeaconAnalysis!
let runTime = median(3) { single = BeaconQuery.run(table, parameters: parameters) }

// The console: every group measured, so that any threshold can be decided later.
var prepared: PreparedQuery!
let prepareTime = median(3) { prepared = BeaconQuery.prepare(table, parameters: parameters) }
var analysis: BeaconAnalysis!
let decideTime = median(21) {
    var moved = parameters
    moved.jitter = 30
    analysis = BeaconQuery.decide(prepared, parameters: moved)
}
// A window change: the start slider moves by an hour, and back, each a new preparation.
var windowStep = 0
let windowTime = median(6) {
    windowStep += 1
    var moved = parameters
    moved.start = .ago(ticks: Instant.ticksPerDay - Int64(windowStep % 2) * 3600 * Instant.ticksPerSecond)
    _ = BeaconQuery.prepare(table, parameters: moved)
}

var state = AppState(dataSetName: "bench", events: table, parameters: parameters)
update(&state, .resize(width: 200, height: 60))
let sliderFrame = median(21) {
    update(&state, .key(.left))
    _ = view(state)
    update(&state, .key(.right))
    _ = view(state)
}
let frameTime = median(21) { _ = view(state) }

func row(_ label: String, _ value: Double, _ unit: String = "ms", decimals: Int = 1) -> String {
    label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%9.\(decimals)f", value) + " " + unit
}

print("""
beacon-bench on \(files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")): \(table.count) events, \(prepared.groupCount) groups, \(single.beacons.count) beacons, \(analysis.beacons.count) at jitter 30
\(row("load (read, gunzip, parse)", loadTime))
\(row("analyze (lean prepare + decide)", runTime))
\(row("prepare (every group measured)", prepareTime))
\(row("decide (a threshold moved)", decideTime, decimals: 2))
\(row("window change (start ±1h, prepare)", windowTime))
\(row("slider step + frame (200×60), ×2", sliderFrame, decimals: 2))
\(row("frame alone (200×60)", frameTime, decimals: 2))
\(row("peak resident after loading", loadPeak, "MB"))
\(row("peak resident at the end", peakResidentMegabytes(), "MB"))
""")
