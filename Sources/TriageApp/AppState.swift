import BeaconEngine
import Foundation
import Triage
import TriageUI

/// The console's one model: everything the screen shows is derived from it, and only `update` changes it.
public struct AppState: Sendable {
    public var dataSetName: String
    public var events: EventTable
    public var parameters: QueryParameters
    public private(set) var analysis: BeaconAnalysis
    /// The threshold-independent part of the last run, reused while only thresholds move.
    private var prepared: PreparedQuery
    /// The rows of a query run in Kusto, when that is what was loaded instead of events: thresholds
    /// still filter them, the window and the mode need the events.
    public private(set) var queryResults: [QueryResultRow]?
    /// The parameters a Kusto result was opened with: its thresholds may move, nothing else.
    private var queryResultsBasis = QueryParameters()
    public var sort = SortOrder()
    /// Which rejected candidates follow the reported ones (`x` cycles).
    public var rejectedShown = RejectedRows.none
    /// Whether any rejected candidates are listed.
    public var showNearMisses: Bool { rejectedShown != .none }
    /// The rows shown, in display order; derived from the analysis, the toggles and the sort.
    public private(set) var rows: [ListRow] = []
    /// The selected beacon, kept by key so that it survives re-runs and re-sorts.
    public var selectedKey: BeaconKey?
    public var scrollOffset = 0
    /// Beacons picked with space or `a`, for export; kept by key across re-runs.
    public var picked: Set<BeaconKey> = []
    public var focusedSlider: Threshold = .jitter
    public var showingHelp = false
    public var helpScroll = 0
    /// The detail pane takes the list's place too (small terminals show the whole trail this way).
    public var detailZoomed = false
    /// A transient line for the status bar (`+3 new, −1 gone`).
    public var message: String?
    public var size = (width: 80, height: 24)
    public var isQuitting = false
    /// The analyst's decisions, saved to the triage file after every change.
    public var book = TriageBook()
    /// Who the decisions are recorded as, and the time they are judged at (expiries).
    public var author = "analyst"
    public var clock = Date()
    /// Set by a change the runner must write to the triage file.
    public var saveRequested = false
    /// Why the triage file cannot be written (it is corrupt); marks are then refused, never lost.
    public var readOnlyReason: String?
    /// An export for the runner to write.
    public var exportRequest: ExportRequest?
    /// The triage file's path (`K` writes the query beside it), and a query file for the runner to write.
    public var triagePath: String?
    public var queryRequest: QueryFileRequest?
    /// The question being asked, if any.
    public var prompt: Prompt?
    /// The list filter typed after `/`; rows that do not match are hidden, or only unmarked (`&`).
    public var filter = BeaconFilter.all
    /// Whether the filter hides the rows it does not match; when not, `n`/`N` jump between its matches.
    public var filterHidesRows = true
    /// Whether a window or mode change prepares the query on the runner's thread (the console) rather
    /// than inside `update` (tests, small data).
    public var preparesInBackground = false
    /// Parameters whose preparation the runner owes the state; cleared when a fitting one arrives.
    public internal(set) var pendingPreparation: QueryParameters?
    /// Whether beacons marked false positive stay in the list (dimmed).
    public var showFalsePositives = false
    /// The themes `t` cycles through, and the one in use.
    public var themes: [Theme] = Theme.builtIns
    public var themeIndex = 0
    /// Hunt scores already put into words, by group, so re-sorting, re-filtering or moving the score cut
    /// does not explain every group again. A score depends on the preparation and the known-benign
    /// entries, not on the cut: the memo is emptied when either changes.
    private var huntScores: [BeaconKey: HuntScore] = [:]
    private var huntScoresBasis: [KnownBenignEntry] = []

    public var theme: Theme { themes[themeIndex] }

    public init(dataSetName: String, events: EventTable, parameters: QueryParameters, book: TriageBook = TriageBook()) {
        self.dataSetName = dataSetName
        self.book = book
        self.events = events
        self.parameters = parameters
        sort = SortColumn.defaultOrder(in: parameters.mode)
        focusedSlider = Threshold.shown(in: parameters.mode)[0]
        prepared = BeaconQuery.prepare(events, parameters: parameters)
        analysis = BeaconQuery.decide(prepared, parameters: parameters)
        rebuildRows()
        selectedKey = rows.first?.candidate.key
    }

    /// The console over a Kusto result: the rows the enterprise-wide run returned, no events behind them.
    public init(dataSetName: String, queryResults: [QueryResultRow], parameters: QueryParameters,
                book: TriageBook = TriageBook()) {
        self.dataSetName = dataSetName
        self.book = book
        self.events = EventTable()
        self.parameters = parameters
        self.queryResults = queryResults
        queryResultsBasis = parameters
        sort = SortColumn.defaultOrder(in: parameters.mode)
        focusedSlider = Threshold.shown(in: parameters.mode)[0]
        prepared = BeaconQuery.prepare(events, parameters: parameters)
        analysis = QueryResultTriage.decide(queryResults, parameters: parameters)
        rebuildRows()
        selectedKey = rows.first?.candidate.key
    }

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

    /// Runs the query again with the current parameters (re-deciding only, when just thresholds moved)
    /// and says what changed.
    mutating func rerun() {
        if queryResults != nil && !parameters.differsOnlyInThresholds(from: queryResultsBasis) {
            var kept = queryResultsBasis
            kept.minEvents = parameters.minEvents
            kept.maxEventsOverride = parameters.maxEventsOverride
            kept.jitter = parameters.jitter
            kept.outlierMax = parameters.outlierMax
            kept.outlierCountMax = parameters.outlierCountMax
            kept.deviceCountMax = parameters.deviceCountMax
            kept.hunt = parameters.hunt
            parameters = kept
            message = "needs raw events: this is a Kusto query result (thresholds only)"
            return
        }
        if queryResults == nil && !prepared.serves(parameters) {
            if preparesInBackground {
                // The list keeps showing the last analysis until the runner hands in the new preparation.
                pendingPreparation = parameters
                message = "re-running the query …"
                return
            }
            prepared = BeaconQuery.prepare(events, parameters: parameters)
            huntScores = [:]
        }
        pendingPreparation = nil
        redecide()
    }

    /// Takes a preparation computed off the UI loop; one that no longer fits the parameters (the slider
    /// moved again meanwhile) is dropped, and the runner is still owed the current one.
    public mutating func adopt(_ preparation: PreparedQuery) {
        guard preparation.serves(parameters) else { return }
        let modeChanged = preparation.basis.mode != analysis.parameters.mode
        prepared = preparation
        huntScores = [:]
        pendingPreparation = nil
        redecide()
        // `M` said the mode while the query re-ran; the outcome replaces that message, so it says it again.
        if modeChanged { message = "\(parameters.mode.rawValue) mode: " + (message ?? "") }
    }

    private mutating func redecide() {
        let before = Set(analysis.beacons.map(\.key))
        if let queryResults {
            analysis = QueryResultTriage.decide(queryResults, parameters: parameters)
        } else {
            analysis = BeaconQuery.decide(prepared, parameters: parameters)
        }
        if parameters.hunt.knownBenign != huntScoresBasis {
            huntScores = [:]
            huntScoresBasis = parameters.hunt.knownBenign
        }
        let after = Set(analysis.beacons.map(\.key))
        let added = after.subtracting(before).count, removed = before.subtracting(after).count
        message = added == 0 && removed == 0 ? Self.noChange : "+\(added) new, −\(removed) gone"
        rebuildRows()
    }

    /// The status message of a re-run that changed no row.
    static let noChange = "no change"

    /// Where the analyst stands on a beacon, and the decision that says so.
    public func status(of key: BeaconKey) -> (TriageStatus, TriageDecision?) {
        book.status(of: key, at: clock)
    }

    /// Re-derives the shown rows after the book or toggles changed outside the update step (start-up).
    public mutating func rebuildList() { rebuildRows() }

    /// Hands the triage book's false positives to hunt mode, where they count as catalogue entries, and
    /// re-decides when they changed; called whenever the book changes and at start. Judged at the
    /// state's clock, never a fresh one, so the update step stays a function of its inputs. Keeps the
    /// status message and returns what the re-decision changed in hunt mode (`+0 new, −1 gone`), for the
    /// caller to add to its own message; nil when nothing was re-decided or the list is not a hunt.
    @discardableResult
    public mutating func syncFalsePositives() -> String? {
        let entries = book.falsePositiveEntries(at: clock)
        guard entries != parameters.hunt.falsePositives else { return nil }
        parameters.hunt.falsePositives = entries
        let said = message
        rerun()
        let change = message
        message = said
        return showsHunt && pendingPreparation == nil ? change : nil
    }

    mutating func rebuildRows() {
        var list = analysis.beacons.enumerated().map { ListRow(candidate: $1, rank: $0 + 1) }
        let rejected: [BeaconCandidate]
        switch rejectedShown {
        case .none: rejected = []
        case .nearMisses: rejected = analysis.nearMisses
        case .all: rejected = analysis.candidates.filter { !$0.isReported }
        }
        let base = list.count
        list += rejected.enumerated().map { ListRow(candidate: $1, rank: base + $0 + 1) }
        if showsHunt {
            for index in list.indices { list[index].hunt = huntScore(list[index].candidate) }
        }
        if !showFalsePositives {
            list.removeAll { status(of: $0.candidate.key).0 == .falsePositive }
        }
        if !filter.isEmpty {
            for index in list.indices {
                list[index].matchesFilter = filter.matches(list[index].candidate, status: status(of: list[index].candidate.key).0)
            }
            if filterHidesRows { list.removeAll { !$0.matchesFilter } }
        }
        let order = sort
        rows = list.sorted { order.precedes($0, $1) }
        if selectedIndex == nil { selectedKey = rows.first?.candidate.key }
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
