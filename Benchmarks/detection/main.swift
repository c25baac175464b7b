import BeaconEngine
import BeaconGenerator
import Foundation

// How well each analysis mode finds labelled beacons: the detection grid (Sources/BeaconGenerator/Grid)
// makes one labelled table per analysis window; each mode runs on each table and is scored against the
// labels. Run it in release: `swift run -c release beacon-detection-bench [--seed N] [--quick] [--mode M]`
// (Benchmarks/detection/run.sh builds and runs it). Figures are one seed's; README.md says how to read them.

struct Options {
    var seed: UInt64 = 1
    var quick = false
    var modes: [BenchMode] = []
    var listFalsePositives = false

    static let usage = """
        usage: beacon-detection-bench [--seed N] [--quick] [--mode MODE]...
          --seed N     the grid's seed (default 1)
          --quick      a small grid: one replicate, five sleeps, fewer negatives (a smoke run)
          --mode MODE  faithful, corrected, hunt or hunt-no-catalogue; repeat for several (default: every mode)
          --list-false-positives  also list every reported group that is not a beacon

        """

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--seed":
                guard let value = rest.popFirst().flatMap({ UInt64($0) }) else { fail("--seed needs a number") }
                options.seed = value
            case "--quick":
                options.quick = true
            case "--list-false-positives":
                options.listFalsePositives = true
            case "--mode":
                guard let name = rest.popFirst(), let mode = BenchMode(rawValue: name) else {
                    fail("--mode needs one of " + BenchMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                guard BenchMode.available.contains(mode) else { fail("this engine has no \(name) mode yet") }
                options.modes.append(mode)
            case "-h", "--help":
                print(usage, terminator: "")
                exit(0)
            default:
                fail("unknown argument \(argument)")
            }
        }
        if options.modes.isEmpty { options.modes = BenchMode.available }
        return options
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n" + usage).utf8))
        exit(2)
    }
}

func seconds(since start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let began = DispatchTime.now().uptimeNanoseconds
let plan = GridPlan.standard(quick: options.quick)
let grid = DetectionGrid(seed: options.seed, plan: plan)
print("Detection grid, seed \(options.seed)\(options.quick ? ", quick" : ""): \(plan.devices) devices, "
      + "\(plan.replicates) replicate(s) a cell, windows " + plan.windows.map(\.name).joined(separator: ", ")
      + "; modes " + options.modes.map(\.rawValue).joined(separator: ", "))
if !HuntHooks.available { print("(hunt mode is not in this engine yet: faithful and corrected only)") }

var totals: [BenchMode: Metrics] = [:]
for window in plan.windows {
    let made = DispatchTime.now().uptimeNanoseconds
    let table = grid.table(window)
    let events = table.eventTable()
    let labels = table.labels
    print("\n=== \(window.name) window: \(events.count) rows, \(table.groups.count) groups, \(table.beaconCount) beacons "
          + String(format: "(made in %.1f s)", seconds(since: made)))
    for mode in options.modes {
        guard let parameters = mode.parameters(for: table) else { continue }
        let ran = DispatchTime.now().uptimeNanoseconds
        let analysis = BeaconQuery.run(events, parameters: parameters)
        let elapsed = seconds(since: ran)
        let results = outcomes(of: analysis, mode: mode, labels: labels)
        let metrics = Metrics(results, seconds: elapsed)
        totals[mode] = (totals[mode] ?? Metrics()) + metrics
        print("\n--- \(mode.rawValue): \(analysis.beacons.count) reported " + String(format: "in %.2f s", elapsed))
        let lines = Report.grid(results, window: window) + Report.missing(results, window: window)
            + Report.variants(results, window: window) + Report.summary(metrics, hunt: mode.isHunt)
        print(lines.joined(separator: "\n"))
        if options.listFalsePositives {
            let wrong = results.filter { $0.reported && !$0.label.isBeacon }.sorted { $0.rankScore > $1.rankScore }
            for outcome in wrong {
                print("    false positive: \(outcome.label.summary), \(outcome.rows) distinct timestamps, rank score "
                      + String(format: "%.1f", outcome.rankScore))
            }
        }
    }
}

print("\n=== overall (\(plan.windows.count) tables, seed \(options.seed); AUC over pairs within a table; "
      + String(format: "%.0f s in all)\n", seconds(since: began)))
print(Report.overall(options.modes.compactMap { mode in totals[mode].map { (mode, $0) } }).joined(separator: "\n"))
