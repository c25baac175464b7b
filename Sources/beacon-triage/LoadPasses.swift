import ArgumentParser
import KQL
import BeaconEngine
import BeaconIngest

/// How many times `analyze` reads its files: once (the table holds every row), twice (`TwoPassLoader`:
/// a census, then only the groups that can pass the event-count stage) or, by default, twice only when
/// once would not fit in memory.
enum LoadPasses: String, CaseIterable, ExpressibleByArgument {
    case auto, one = "1", two = "2"

    static let help = ArgumentHelp(
        "How many passes the rows take: 1 (every row held in memory), 2 (a first pass counts each group's rows and records every row, 16 bytes, in an unlinked temporary file in $TMPDIR or /tmp; the second replays that record and keeps only the groups with more than --min-events rows: memory then grows with those, not with every row. Should the temporary file fail (a full disk), the second pass reads the files again, so they must not be pipes; not with --mode hunt or --include-rejected) or auto (2 only when 1 would not fit in memory).",
        valueName: "auto|1|2")

    /// Why two passes cannot serve this run, or nil when they can: hunt mode counts every group's devices
    /// (fleet prevalence), and `--include-rejected` lists the groups the second pass leaves out.
    static func whyNotTwo(_ parameters: QueryParameters, includesRejected: Bool) -> String? {
        if parameters.mode == .hunt {
            return "hunt mode measures every group's fleet prevalence, also of the groups with few events, which two passes leave out"
        }
        if includesRejected {
            return "--include-rejected lists every group, also those with too few events, which two passes leave out"
        }
        return nil
    }
}

extension InputFiles {
    /// Loads `files` in as many passes as `passes` says, for a run with `parameters` at the clock reading
    /// `clock`; `whyNotTwo` is why two passes cannot serve the run (nil when they can).
    static func load(_ files: [String], provider: WindowsEventProvider, passes: LoadPasses,
                     parameters: QueryParameters, clock: Instant, whyNotTwo: String?) throws -> LoadResult {
        let paths = files.isEmpty ? [try DemoData.defaultFile()] : files
        let named = paths.map(terminalSafe).joined(separator: ", ")
        let estimate = LoadEstimate(paths: paths)
        let handOver = KustoHandOver.advice(events: estimate.events, estimated: true)
        if let handOver { printError("beacon-triage: \(named): \(handOver)") }
        let loaded: LoadResult
        if passes == .auto, let refusal = MemoryBudget.refusal(estimate) {
            let readWhole = estimate.fileReadWhole.map {
                "\(terminalSafe($0)) looks like a document, which is read whole, in either pass"
            }
            if let reason = whyNotTwo ?? TwoPassLoader.unreadableTwice(paths) ?? readWhole {
                printError("beacon-triage: \(named): \(refusal); two passes would not do either: \(reason)")
                throw ExitCode(2)
            }
            printError("beacon-triage: \(named): one pass would not fit (\(refusal.prefix { $0 != ";" })): loading in two passes (--passes)")
            loaded = try loadTwice(paths, provider: provider, parameters: parameters, clock: clock)
        } else if passes == .two {
            let readWhole = estimate.fileReadWhole.map {
                "\(terminalSafe($0)) looks like a document, which is read whole, in either pass"
            }
            if let reason = whyNotTwo ?? TwoPassLoader.unreadableTwice(paths) ?? readWhole {
                printError("beacon-triage: --passes 2: \(reason)")
                throw ExitCode(2)
            }
            loaded = try loadTwice(paths, provider: provider, parameters: parameters, clock: clock)
        } else {
            loaded = try load(files, provider: provider, estimate: estimate)
        }
        // The estimate is a guess from the files' first bytes; the count is not.
        if handOver == nil, let counted = KustoHandOver.advice(events: loaded.table.rowsRead, estimated: false) {
            printError("beacon-triage: \(named): \(counted)")
        }
        return loaded
    }

    private static func loadTwice(_ paths: [String], provider: WindowsEventProvider, parameters: QueryParameters,
                                  clock: Instant) throws -> LoadResult {
        let plan = TwoPassLoader.Plan(basis: parameters.basis, floor: parameters.minEvents, clock: clock)
        return try checked(paths) {
            try TwoPassLoader.load(paths: paths, plan: plan, provider: provider)
        }
    }
}
