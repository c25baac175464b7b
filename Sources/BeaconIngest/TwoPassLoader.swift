import BeaconEngine
import CMalloc
import Foundation

/// Loads files too large for memory in two passes over them, so that memory grows with the rows of the
/// groups that can pass the event-count stage rather than with every row read (docs/PERFORMANCE.md, "A
/// hundred million events"):
///
/// 1. a census (`RowCensus`): every file read as `EventLoader` reads it, its strings, origins and targets
///    interned as a one-pass load interns them, but of each row only its (origin, target) pair counted
///    and its timestamp offered to the anchor's sample; the window follows from that anchor;
/// 2. the selection (`RowSelection`): every row replayed from the first pass's recording in a temporary
///    file (`RowSpillFile`), or every file read again when there is none, keeping whole the groups with more
///    than `floor` rows that pass stage 1's target filters, and only counting the others
///    (`SecondPassCounts`) for the window they were read for.
///
/// The query over the result reports what it reports over a one-pass load, for that basis and window and
/// any thresholds whose event-count minimum is at least `floor`. Files must be readable twice, for when the
/// recording fails: a pipe is not.
public enum TwoPassLoader {
    /// What the query will be run with: the basis (window, mode, filters), the event-count minimum and the
    /// clock a window anchored on the data judges future rows against.
    public struct Plan: Sendable {
        public var basis: QueryBasis
        public var floor: Int
        public var clock: Instant

        public init(basis: QueryBasis, floor: Int, clock: Instant) {
            self.basis = basis
            self.floor = floor
            self.clock = clock
        }
    }

    /// The files in `paths` that cannot be read twice (a pipe, standard input), as a message; nil when all can.
    public static func unreadableTwice(_ paths: [String]) -> String? {
        let pipes = paths.filter { path in
            var status = stat()
            return FileSource.inheritedPipe(path) != nil || (stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
        }
        guard !pipes.isEmpty else { return nil }
        return "\(pipes.map { escapeForTerminal($0) }.joined(separator: ", ")): a pipe is read once, and a load in two passes reads every file again if its temporary file fails"
    }

    /// Blocks the first pass parses ahead of its merge (`BlockStreamReader.blocksAhead`). The merge stalls
    /// whenever the census's pair table doubles (at 100M rows, zeroing hundreds of megabytes for most of a
    /// second), and with the default few blocks ahead the workers sat idle through it: at 100M rows 16
    /// blocks took the pass from 25.8 s to 23.9 s (medians of three, alternating; docs/PERFORMANCE.md). The
    /// census holds no row, so the 160 MB they hold stays well under the second pass's peak, once the
    /// allocator has handed it back (`beacon_return_free_memory`).
    static let firstPassBlocksAhead = 16

    public static func load(paths: [String], plan: Plan, provider: WindowsEventProvider = .auto,
                            progress: LoadProgress? = nil) throws(LoadError) -> LoadResult {
        try load(paths: paths, plan: plan, provider: provider, progress: progress, options: EventLoader.ReadOptions(),
                 spill: RowSpillFile())
    }

    /// With a `spill`, the first pass records its rows there and the second replays them; without one, or
    /// when recording failed (a full disk), the second pass reads the files again.
    static func load(paths: [String], plan: Plan, provider: WindowsEventProvider, progress: LoadProgress?,
                     options: EventLoader.ReadOptions, spill: RowSpillFile?) throws(LoadError) -> LoadResult {
        var counting = options
        counting.blocksAhead = options.blocksAhead ?? firstPassBlocksAhead
        var first = try EventLoader.load(paths: paths, provider: provider, progress: progress, options: counting,
                                         into: .counting(recordingRowsWith: spill?.recorder))
        beacon_return_free_memory()
        let recorded = first.table.finishRecording()
        guard let census = first.table.census else { preconditionFailure("the first pass counts") }
        let anchor = WindowAnchor(sample: census.latest, clock: plan.clock)
        let window = AnalysisWindow.resolve(plan.basis, anchor: anchor, fallbackNow: plan.clock)
        var table = first.table
        first.table = EventTable()
        table.selectRows(basis: plan.basis, floor: plan.floor, window: window, anchor: anchor)
        if let spill, recorded {
            table.reserveCapacity(census.rows)
            guard let selection = table.selection else { preconditionFailure("the rows were selected") }
            try spill.replay(rows: census.rows, prepare: { selection.keptGroups(ofRecordedRows: $0) }) {
                table.replay($0, keptGroups: $1)
            }
            first.table = table
            return first
        }
        let second = try EventLoader.load(paths: paths, provider: provider, progress: progress, options: options,
                                          into: table)
        guard second.table.rowsRead == census.rows else {
            throw .unreadable(path: paths.joined(separator: ", "),
                              reason: "the files changed between the two passes (\(census.rows) rows, then \(second.table.rowsRead))")
        }
        // The files' summaries and issues are the first pass's: the second read the same bytes.
        first.table = second.table
        return first
    }
}
