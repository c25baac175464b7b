import BeaconEngine
import Foundation
import Triage
import TriageUI

/// The console's one model: everything the screen shows is derived from it, and only `update` changes it.
public struct AppState: Sendable {
    public var dataSetName: String
    /// What the list is computed from.
    public private(set) var data: LoadedData
    public var parameters: QueryParameters
    public private(set) var analysis: BeaconAnalysis
    /// How the list is cut and ordered; changing it rebuilds the rows.
    public var list = ListOptions() { didSet { rebuildRows() } }
    /// The rows shown, in display order; derived from the analysis, the list options and the book.
    public private(set) var rows: [ListRow] = []
    /// The selected beacon, kept by key so that it survives re-runs and re-sorts.
    public var selectedKey: BeaconKey?
    public var scrollOffset = 0
    /// Beacons picked with space or `a`, for export; kept by key across re-runs.
    public var picked: Set<BeaconKey> = []
    public var focusedSlider: QuerySlider = .jitter
    /// The overlay that takes the keys, if one is open.
    public var modal: Modal?
    /// The detail pane takes the list's place too (small terminals show the whole trail this way).
    public var detailZoomed = false
    /// A transient line for the status bar (`+3 new, −1 gone`).
    public var message: String?
    public var size = (width: 80, height: 24)
    public var isQuitting = false
    /// The analyst's decisions, saved to the triage file after every change.
    public internal(set) var book: TriageBook
    /// A save of the book was asked for and the answer for the book as it stands has not come: the status
    /// bar says `saving` until then, so a mark is known to be on disk once that word is gone.
    public internal(set) var savePending = false
    /// The time of the last message: what marks are stamped with and expiries judged at.
    public internal(set) var clock: Date
    /// The clock when the data finished loading: what a window anchored on the data judges future-dated
    /// rows against (`WindowAnchor`). Fixed, so a re-run never moves the anchor and `update` reads no clock.
    public let loadedAt: Instant
    public internal(set) var environment: ConsoleEnvironment
    /// Warnings of this session, oldest first: the environment's, then those that arose while running.
    public internal(set) var warnings: [String]
    /// Parameters whose preparation the runtime owes the state; cleared when a fitting one arrives.
    public internal(set) var pendingPreparation: QueryParameters?
    public var themeIndex = 0
    /// What the last re-decision added (highlighted for a moment) and removed (`D` lists it).
    public internal(set) var lastChange: ListChange?
    /// Which chart the detail pane draws and how (`h`, `H`, `L`).
    public var charts = DetailCharts()
    /// The pivot `p` wrote last, which `y` copies (once) while its beacon is selected.
    public internal(set) var writtenPivot: WrittenPivot?
    /// How the loaded events sit against the window of the analysis shown (nil for a Kusto result), and
    /// what that leaves out, in words (`WindowFit.notes`); kept with the analysis, not redrawn per frame.
    public private(set) var windowFit: WindowFit?
    public private(set) var windowNotes: [String] = []
    /// Effects asked for during the current update step, handed to the runtime when it returns.
    private var outbox: [Effect] = []
    /// Hunt scores already put into words, by group, so re-sorting, re-filtering or moving the score cut
    /// does not explain every group again. A score depends on the preparation and the known-benign
    /// entries, not on the cut: the memo is emptied when either changes.
    private var huntScores: [BeaconKey: HuntScore] = [:]
    private var huntScoresBasis: [KnownBenignEntry] = []
    /// The top beacon the window notes were worded for.
    private var windowNotesTop: BeaconKey?

    public var theme: Theme { environment.themes[themeIndex % environment.themes.count] }

    /// The console over loaded events, at `clock` (the time the data finished loading).
    public init(dataSetName: String, events: EventTable, parameters: QueryParameters, book: TriageBook = TriageBook(),
                environment: ConsoleEnvironment = ConsoleEnvironment(), clock: Date = Date(timeIntervalSince1970: 0)) {
        // Lean, as `analyze` prepares: most groups of a large day are too small for the opening thresholds
        // to report, and measuring them all would cost the console half as much memory again as the
        // analysis (`rerun` measures them once the event-count slider goes below this cut).
        let prepared = BeaconQuery.prepare(events, parameters: parameters, currentTime: Instant(clock),
                                           measuringEveryGroup: false)
        self.init(dataSetName: dataSetName, data: .events(events, prepared), parameters: parameters,
                  analysis: BeaconQuery.decide(prepared, parameters: parameters), book: book,
                  environment: environment, clock: clock)
    }

    /// The console over a Kusto result: the rows the enterprise-wide run returned, no events behind them.
    public init(dataSetName: String, queryResults: [QueryResultRow], parameters: QueryParameters,
                book: TriageBook = TriageBook(), environment: ConsoleEnvironment = ConsoleEnvironment(),
                clock: Date = Date(timeIntervalSince1970: 0)) {
        self.init(dataSetName: dataSetName, data: .queryResults(queryResults, basis: parameters.basis), parameters: parameters,
                  analysis: QueryResultTriage.decide(queryResults, parameters: parameters), book: book,
                  environment: environment, clock: clock)
    }

    private init(dataSetName: String, data: LoadedData, parameters: QueryParameters, analysis: BeaconAnalysis,
                 book: TriageBook, environment: ConsoleEnvironment, clock: Date) {
        self.dataSetName = dataSetName
        self.data = data
        self.parameters = parameters
        self.analysis = analysis
        self.book = book
        self.environment = environment
        self.clock = clock
        loadedAt = Instant(clock)
        warnings = environment.warnings
        message = environment.warnings.last
        list.sort = SortColumn.defaultOrder(in: parameters.mode)
        focusedSlider = QuerySlider.shown(in: parameters.mode)[0]
        // The marks just read count as catalogue entries in hunt mode.
        syncFalsePositives()
        rebuildRows()
        refreshWindowNotes(windowMoved: true)
        // What the window leaves out is worth a warning from the start (the files named in full).
        if !windowNotes.isEmpty {
            warnings += windowNotes
            message = windowNotes[0] + " (w widens the window)"
        }
        selectedKey = rows.first?.candidate.key
        lastChange = nil
        outbox = []
    }

    // MARK: - Reading

    public var selectedIndex: Int? {
        guard let selectedKey else { return nil }
        return rows.firstIndex { $0.candidate.key == selectedKey }
    }

    public var selected: BeaconCandidate? { selectedIndex.map { rows[$0].candidate } }

    /// The selected row, with its hunt score when it has one.
    public var selectedRow: ListRow? { selectedIndex.map { rows[$0] } }

    /// Whether the list on screen is a hunt decision. It can lag `parameters.mode` while a new preparation
    /// runs in the background: the list, its columns and the detail follow the analysis they show.
    public var showsHunt: Bool { analysis.parameters.mode == .hunt }

    /// The rows of a Kusto result, when that is what was loaded instead of events.
    public var queryResults: [QueryResultRow]? {
        if case .queryResults(let rows, _) = data { return rows }
        return nil
    }

    /// The events behind the list (empty for a Kusto result).
    public var events: EventTable {
        if case .events(let events, _) = data { return events }
        return EventTable()
    }

    /// The question being asked, if any (one kind of modal).
    public var prompt: Prompt? {
        get { if case .prompt(let prompt) = modal { prompt } else { nil } }
        set { modal = newValue.map(Modal.prompt) }
    }

    public var showingHelp: Bool { if case .help = modal { true } else { false } }

    /// Where the analyst stands on a beacon, and the decision that says so.
    public func status(of key: BeaconKey) -> (TriageStatus, TriageDecision?) {
        book.status(of: key, at: clock)
    }

    // MARK: - The list options, one by one

    public var sort: SortOrder {
        get { list.sort }
        set { list.sort = newValue }
    }
    public var rejectedShown: RejectedRows {
        get { list.rejectedShown }
        set { list.rejectedShown = newValue }
    }
    /// Whether any rejected candidates are listed.
    public var showNearMisses: Bool { list.rejectedShown != .none }
    public var filter: BeaconFilter {
        get { list.filter }
        set { list.filter = newValue }
    }
    public var filterHidesRows: Bool {
        get { list.filterHidesRows }
        set { list.filterHidesRows = newValue }
    }
    public var showFalsePositives: Bool {
        get { list.showFalsePositives }
        set { list.showFalsePositives = newValue }
    }

    // MARK: - Effects

    /// Asks the runtime for `effect` when this update step returns.
    mutating func request(_ effect: Effect) {
        outbox.append(effect)
    }

    /// Asks for the book to be written. Saves coalesce: the book is written once per step, as it stands
    /// at the end of it, in the place of the first request.
    mutating func requestSave() {
        guard !outbox.contains(where: { if case .save = $0 { true } else { false } }) else { return }
        outbox.append(.save(book.decisions))
    }

    /// The effects of this step, handed over once; a save carries the book as it stands now.
    mutating func takeEffects() -> [Effect] {
        let effects = outbox.map { effect -> Effect in
            if case .save = effect {
                savePending = true
                return .save(book.decisions)
            }
            return effect
        }
        outbox = []
        return effects
    }

    /// A warning for the status line and the `!` list.
    mutating func warn(_ text: String) {
        warnings.append(text)
        message = text
    }

    // MARK: - Re-running

    /// Runs the query again with the current parameters (re-deciding only, when just thresholds moved)
    /// and says what changed.
    mutating func rerun() {
        switch data {
        case .queryResults(_, let basis) where parameters.basis != basis:
            parameters.basis = basis
            message = "needs raw events: this is a Kusto query result (thresholds only)"
            return
        case .events(let events, let prepared) where !prepared.serves(parameters):
            // A new window or mode is prepared as lean as the first; only the event-count slider going below
            // what was measured measures every group, so that its further steps re-decide at once.
            let preparation = PreparationRequest(events: events, parameters: parameters, clock: loadedAt,
                                                 measuringEveryGroup: prepared.basis == parameters.basis)
            if environment.preparesInBackground {
                // The list keeps showing the last analysis until the runtime hands in the new preparation.
                if pendingPreparation != parameters {
                    pendingPreparation = parameters
                    request(.prepare(preparation))
                }
                message = "re-running the query …"
                return
            }
            data = .events(events, preparation.prepare())
            huntScores = [:]
        default:
            break
        }
        pendingPreparation = nil
        redecide()
    }

    /// Takes a preparation computed off the UI loop; one that no longer fits the parameters (the slider
    /// moved again meanwhile) is dropped, and the runtime is still owed the current one.
    mutating func adopt(_ preparation: PreparedQuery) {
        guard case .events(let events, _) = data, preparation.serves(parameters) else { return }
        let modeChanged = preparation.basis.mode != analysis.parameters.mode
        data = .events(events, preparation)
        huntScores = [:]
        pendingPreparation = nil
        redecide()
        // `M` said the mode while the query re-ran; the outcome replaces that message, so it says it again.
        if modeChanged { message = "\(parameters.mode.rawValue) mode: " + (message ?? "") }
    }

    private mutating func redecide() {
        let before = analysis.beacons
        switch data {
        case .queryResults(let results, _): analysis = QueryResultTriage.decide(results, parameters: parameters)
        case .events(_, let prepared): analysis = BeaconQuery.decide(prepared, parameters: parameters)
        }
        if parameters.hunt.knownBenign != huntScoresBasis {
            huntScores = [:]
            huntScoresBasis = parameters.hunt.knownBenign
        }
        let change = ListChange(before: before, after: analysis.beacons, at: clock)
        if !change.added.isEmpty || !change.removed.isEmpty { lastChange = change }
        message = change.added.isEmpty && change.removed.isEmpty ? Self.noChange : change.message
        rebuildRows()
        refreshWindowNotes(windowMoved: windowFit?.window != analysis.window)
    }

    /// Measures the events against the window again when it moved (one pass over the timestamps), and
    /// words the notes when the window or the top beacon changed (one pass over the rows), so a slider
    /// that moves only thresholds costs neither.
    private mutating func refreshWindowNotes(windowMoved: Bool) {
        guard case .events(let events, _) = data else { return }
        if windowMoved || windowFit == nil { windowFit = WindowFit(table: events, window: analysis.window) }
        guard let fit = windowFit else { return }
        let top = analysis.beacons.first?.key
        guard windowMoved || top != windowNotesTop else { return }
        windowNotesTop = top
        windowNotes = fit.leavesOutData
            ? fit.notes(files: environment.files, topBeacon: top.map { fit.counts(of: $0, in: events) }) : []
    }

    /// The status message of a re-run that changed no row.
    static let noChange = "no change"

    /// Hands the triage book's false positives to hunt mode, where they count as catalogue entries, and
    /// re-decides when they changed; called whenever the book changes and at start. Judged at the
    /// state's clock, never a fresh one, so the update step stays a function of its inputs. Keeps the
    /// status message and returns what the re-decision changed in hunt mode (`+0 new, −1 gone`), for the
    /// caller to add to its own message; nil when nothing was re-decided or the list is not a hunt.
    @discardableResult
    mutating func syncFalsePositives() -> String? {
        let entries = book.falsePositiveEntries(at: clock)
        guard entries != parameters.hunt.falsePositives else { return nil }
        parameters.hunt.falsePositives = entries
        let said = message
        rerun()
        let change = message
        message = said
        return showsHunt && pendingPreparation == nil ? change : nil
    }

    /// Re-derives the rows after the book or the clock changed (statuses, expiries).
    mutating func rebuildRows() {
        var list = analysis.beacons.enumerated().map { ListRow(candidate: $1, rank: $0 + 1) }
        let options = self.list
        let rejected: [BeaconCandidate]
        switch options.rejectedShown {
        case .none: rejected = []
        case .nearMisses: rejected = analysis.nearMisses
        case .all: rejected = analysis.candidates.filter { !$0.isReported }
        }
        let base = list.count
        list += rejected.enumerated().map { ListRow(candidate: $1, rank: base + $0 + 1) }
        if showsHunt {
            for index in list.indices { list[index].hunt = huntScore(list[index].candidate) }
        }
        if !options.showFalsePositives {
            list.removeAll { status(of: $0.candidate.key).0 == .falsePositive }
        }
        if !options.filter.isEmpty {
            for index in list.indices {
                list[index].matchesFilter = options.filter.matches(list[index].candidate, status: status(of: list[index].candidate.key).0)
            }
            if options.filterHidesRows { list.removeAll { !$0.matchesFilter } }
        }
        let order = options.sort
        let previous = rows
        rows = list.sorted { order.precedes($0, $1) }
        if selectedIndex == nil { selectedKey = Self.successor(of: selectedKey, in: previous, among: rows) }
    }

    /// Where the selection lands when its row left the list: the row that followed it and is still
    /// shown (so working down a list by hiding rows keeps the place), else the one before, else the top.
    static func successor(of key: BeaconKey?, in previous: [ListRow], among rows: [ListRow]) -> BeaconKey? {
        guard let key, let old = previous.firstIndex(where: { $0.candidate.key == key }) else {
            return rows.first?.candidate.key
        }
        let shown = Set(rows.map(\.candidate.key))
        let after = previous[(old + 1)...].first { shown.contains($0.candidate.key) }
        let before = previous[..<old].last { shown.contains($0.candidate.key) }
        return (after ?? before)?.candidate.key ?? rows.first?.candidate.key
    }

    /// A hunt candidate's score, from the memo when this analysis already explained it; nil for a group
    /// with too few callbacks, which the score never looked at.
    private mutating func huntScore(_ candidate: BeaconCandidate) -> HuntScore? {
        guard candidate.distinctTimestampCount >= Periodicity.minimumTimestamps else { return nil }
        let key = candidate.key
        if let known = huntScores[key] { return known }
        let score = candidate.huntScore
        huntScores[key] = score
        return score
    }
}

/// What the console was opened on.
public enum LoadedData: Sendable {
    /// Events, with the threshold-independent part of the last run, reused while only thresholds move.
    case events(EventTable, PreparedQuery)
    /// The rows of a query run in Kusto: thresholds still filter them, the window and the mode need the
    /// events. `basis` is what they were opened with.
    case queryResults([QueryResultRow], basis: QueryBasis)
}
