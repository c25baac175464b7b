import ArgumentParser
import BeaconEngine
import BeaconIngest
import KQL
import Triage

/// The query's parameters as command-line options, shared by every command that runs the analysis. The
/// defaults are read from `QueryBasis()` and `Thresholds()`, which hold the query's own values.
struct QueryOptions: ParsableArguments {
    private static let basis = QueryBasis()
    private static let thresholds = Thresholds()

    @Option(help: ArgumentHelp("now() for the query, as an ISO 8601 time. Default: the latest event plus the --end offset, so historical exports are analysed where their data is.", valueName: "time"))
    var now: String?

    @Option(help: ArgumentHelp("Window start: a span before now (starttime, e.g. 1d, 12h, 90m) or an ISO 8601 time.", valueName: "span|time"))
    var start: String = spanText(basis.start)

    @Option(help: ArgumentHelp("Window end: a span before now (endtime, e.g. 1s) or an ISO 8601 time.", valueName: "span|time"))
    var end: String = spanText(basis.end)

    @Option(name: .customLong("min-events"), help: "TotalEventsThresholdMin: a group needs more distinct timestamps than this.")
    var minEvents: Int = thresholds.minEvents

    @Option(name: .customLong("max-events"), help: "Override TotalEventsThresholdMax (default toint((start-end)/1ms), null when that overflows, quirk Q11).")
    var maxEvents: Int?

    @Option(help: "JitterThreshold in percent: keep groups with Jitter below it.")
    var jitter: Double = thresholds.jitter

    @Option(name: .customLong("outlier-max"), help: "OutlierThresholdMax: a delta scoring above it is an outlier.")
    var outlierMax: Double = thresholds.outlierMax

    @Option(name: .customLong("outlier-count-max"), help: "OutlierCountMax: more outliers than this make a beacon impossible.")
    var outlierCountMax: Int = thresholds.outlierCountMax

    @Option(name: .customLong("device-count-max"), help: "CompromisedDeviceCountMax: drop destinations beaconed to from more devices than this.")
    var deviceCountMax: Int = thresholds.deviceCountMax

    @Option(name: .customLong("action-types"), help: ArgumentHelp("Comma-separated ActionTypes to analyse (default: the mode's list).", valueName: "list"))
    var actionTypes: String?

    @Option(help: ArgumentHelp("faithful: the query exactly as written, quirks included. corrected: changes exactly \(QueryQuirk.allCases.map(\.rawValue).joined(separator: ", ")) (see below). hunt: the corrected mode's row filters, then a beacon score (0-100) for every group instead of the query's cuts; see docs/hunt-score.md.", valueName: "faithful|corrected|hunt"))
    var mode: String = basis.mode.rawValue

    @Option(name: .customLong("min-score"), help: ArgumentHelp("Hunt mode: report groups scoring at least this, 0-100.", valueName: "score"))
    var minScore: Double = thresholds.hunt.minScore

    @Flag(name: .customLong("no-catalogue"), help: "Hunt mode: do not lower the scores of well-known periodic services (the catalogue of known-benign software). The triage file's false positives still count.")
    var noCatalogue = false

    @Option(help: ArgumentHelp("Hunt mode: the known-benign catalogue, a TOML file (default: catalogue/known-benign.toml of this checkout).", valueName: "file"))
    var catalogue: String?

    @Option(name: .customLong("zero-spread"), help: ArgumentHelp("Outlier score of a delta outside zero-width P10/P90 fences, which Kusto does not document (Q13): inf (IEEE division, counted as an outlier) or zero.", valueName: "inf|zero"))
    var zeroSpread: String = basis.zeroSpread.rawValue

    @Option(name: .customLong("variance-form"), help: ArgumentHelp("series_stats variance arithmetic: welford (default) or sums; they differ in the last digits only.", valueName: "welford|sums"))
    var varianceForm: String = basis.varianceForm.rawValue

    @Flag(name: .customLong("keep-private"), help: "Keep private destinations (RemoteIPType Private, RFC 1918 addresses) for east-west C2 and proxies; the query drops them.")
    var keepPrivate = false

    @Flag(name: .customLong("domains-drop-empty"), help: "Leave the empty string out of Domains (Kusto's make_set is assumed to keep it).")
    var domainsDropEmpty = false

    /// Checks every value while the command line is parsed. ArgumentParser reports an error thrown here
    /// with the usage of the command the options were given to; thrown from `run()`, the same error would
    /// be reported against the root command and print `beacon-triage`'s usage instead.
    func validate() throws {
        _ = try optionValues()
    }

    /// The query's parameters, with hunt mode's catalogue loaded.
    func parameters() throws -> QueryParameters {
        var parameters = try optionValues()
        if parameters.mode == .hunt && !noCatalogue { parameters.hunt.catalogue = try Self.loadCatalogue(catalogue) }
        return parameters
    }

    /// The parameters the options spell, without reading any file: a `ValidationError` for a value that
    /// does not parse.
    func optionValues() throws -> QueryParameters {
        guard let mode = QueryMode(rawValue: mode) else {
            throw ValidationError("--mode must be faithful, corrected or hunt, not '\(mode)'")
        }
        guard minScore.isFinite && (0...100).contains(minScore) else {
            throw ValidationError("--min-score must be between 0 and 100, not \(minScore)")
        }
        guard let zeroSpread = ZeroSpreadScore(rawValue: zeroSpread) else {
            throw ValidationError("--zero-spread must be inf or zero, not '\(zeroSpread)'")
        }
        guard let varianceForm = VarianceForm(rawValue: varianceForm) else {
            throw ValidationError("--variance-form must be welford or sums, not '\(varianceForm)'")
        }
        var parameters = QueryParameters(mode: mode)
        if let now {
            guard let instant = TimestampParser.parse(Substring(now)) else {
                throw ValidationError("--now: '\(now)' is not an ISO 8601 time (e.g. 2024-04-22T00:00:00Z)")
            }
            parameters.now = instant
        }
        parameters.start = try Self.windowBound(start, option: "--start")
        parameters.end = try Self.windowBound(end, option: "--end")
        parameters.minEvents = minEvents
        parameters.maxEventsOverride = maxEvents
        parameters.jitter = jitter
        parameters.outlierMax = outlierMax
        parameters.outlierCountMax = outlierCountMax
        parameters.deviceCountMax = deviceCountMax
        parameters.actionTypesOverride = actionTypes.map {
            $0.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        }
        parameters.zeroSpread = zeroSpread
        parameters.varianceForm = varianceForm
        parameters.domainsKeepEmpty = !domainsDropEmpty
        parameters.keepPrivate = keepPrivate
        parameters.hunt.minScore = minScore
        parameters.hunt.usesCatalogue = !noCatalogue
        return parameters
    }

    /// The shipped catalogue, or the one `--catalogue` names; a broken file stops with its file, line and
    /// field, since a silently missing catalogue would raise every known agent's score.
    static func loadCatalogue(_ path: String?) throws -> [KnownBenignEntry] {
        do {
            return try KnownBenignCatalogue.load(path: cataloguePath(path))
        } catch {
            printError("beacon-triage: \(terminalSafe(String(describing: error)))")
            throw ExitCode(2)
        }
    }

    /// `--catalogue`, or the catalogue shipped beside the demo data.
    static func cataloguePath(_ given: String?) -> String {
        given ?? DemoData.repositoryFolder(DemoData.cataloguePath)
    }

    /// A bound as `--start` and `--end` spell it: `1d` for `ago(1d)`, else the instant.
    static func spanText(_ bound: WindowBound) -> String {
        switch bound {
        case .ago(let ticks): formatTimespan(ticks)
        case .at(let instant): formatKustoDatetime(instant)
        }
    }

    static func windowBound(_ text: String, option: String) throws -> WindowBound {
        if let ticks = parseTimespan(text) { return .ago(ticks: ticks) }
        if let instant = TimestampParser.parse(Substring(text)) { return .at(instant) }
        throw ValidationError("\(option): '\(text)' is neither a timespan (1d, 12h, 30m, 1s) nor an ISO 8601 time")
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
