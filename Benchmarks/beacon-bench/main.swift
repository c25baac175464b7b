import BeaconEngine
import BeaconIngest
import Foundation
import TriageApp
import TriageUI

// Measures what the console's liveness rests on, on the shipped demo day (or the files given):
// loading, preparing the query, re-deciding after a threshold moves, and drawing a frame.
// Run it in release: `swift run -c release beacon-bench [FILE...]`. Figures are medians of several
// runs on this machine; compare them within one run, never across machines.

func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func median(_ runs: Int, _ body: () -> Void) -> Double {
    let samples = (0..<runs).map { _ in milliseconds(body) }.sorted()
    return samples[samples.count / 2]
}

let arguments = Array(CommandLine.arguments.dropFirst())
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let files = arguments.isEmpty ? [root.appendingPathComponent("demo-data/generated-day/defender-day.csv.gz").path] : arguments

var loaded: LoadResult!
let loadTime = median(3) { loaded = try! EventLoader.load(paths: files) }
let table = loaded.table
let parameters = QueryParameters()
var prepared: PreparedQuery!
let prepareTime = median(3) { prepared = BeaconQuery.prepare(table, parameters: parameters) }
var analysis: BeaconAnalysis!
let decideTime = median(21) {
    var moved = parameters
    moved.jitter = 30
    analysis = BeaconQuery.decide(prepared, parameters: moved)
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

print("""
beacon-bench on \(files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")): \(table.count) events, \(prepared.groupCount) groups, \(analysis.beacons.count) beacons at jitter 30
  load (read, gunzip, parse)            \(String(format: "%8.1f", loadTime)) ms
  prepare (filters, groups, measures)    \(String(format: "%8.1f", prepareTime)) ms
  decide (a threshold moved)             \(String(format: "%8.2f", decideTime)) ms
  slider step + frame (200×60), ×2       \(String(format: "%8.2f", sliderFrame)) ms
  frame alone (200×60)                   \(String(format: "%8.2f", frameTime)) ms
""")
