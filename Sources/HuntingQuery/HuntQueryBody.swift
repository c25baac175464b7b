import BeaconEngine

/// Hunt mode as KQL (`--mode hunt`): the local engine's beacon score (`Sources/BeaconEngine/Hunt/`) for
/// every group, computed where the data is. Not an edit of the seed query: its own text, reusing the
/// corrected mode's row filters, the flavour's time column, the window's `let`s and the literal escaping.
///
/// The stages, each a block of the text:
/// - the groups: the corrected row filters, then one row per group key with its distinct timestamps as
///   seconds after the window's start;
/// - the fleet: devices per destination address and when it was first seen, over every group;
/// - the candidates: groups with at least `Periodicity.minimumTimestamps` distinct timestamps, and the
///   domains of their addresses;
/// - the periodicity of each candidate (`HuntPeriodicityText`), the context factors and the score;
/// - on the rows at or above `MinScore`, Kusto's own `series_periods_detect` as a cross-check.
///
/// Wherever the KQL computes differently from the engine, the line follows a `// differs:` comment saying how
/// and why (docs/kql-hunt.md collects them).
struct HuntQueryBody {
    let query: HuntingQuery
    let window: WindowText
    let knownBenign: HuntKnownBenignText

    init(_ query: HuntingQuery) {
        self.query = query
        window = WindowText(query.parameters)
        knownBenign = HuntKnownBenignText(exclusions: query.exclusions, catalogue: Self.catalogue(query.parameters))
    }

    /// The catalogue entries the engine would score with. The analyst's false positives come from the
    /// triage decisions (`HuntingQuery.exclusions`), matched on their scopes, not from
    /// `HuntSettings.falsePositives`, whose entries are a looser copy of the same marks.
    static func catalogue(_ parameters: QueryParameters) -> [KnownBenignEntry] {
        parameters.hunt.usesCatalogue ? parameters.hunt.catalogue : []
    }

    var parameters: QueryParameters { query.parameters }
    var timeColumn: String { query.flavor.timeColumn }

    /// The group-by columns, in the query's order.
    static let groupColumns = ScopeColumns.Column.allCases.map(\.name)

    func lines() -> [String] {
        parameterLines() + groupLines() + fleetLines() + candidateLines() + domainLines() + scoreLines()
    }

    // MARK: Parameters

    func parameterLines() -> [String] {
        [
            "let MinScore = \(KustoLiteral.real(parameters.hunt.minScore));",
            "// Query parameters:",
            window.startLet,
            window.endLet,
            "let WindowStart = \(window.startExpression);",
            "let WindowEnd = \(window.endExpression);",
            "// The window's length in seconds, at least one tick as the engine takes it.",
            "let WindowSeconds = max_of((WindowEnd - WindowStart) / 1s, 1e-7);",
            "// Seconds from the UTC midnight before WindowStart to WindowStart, to number the days of a callback.",
            "let WindowStartInDay = (WindowStart - startofday(WindowStart)) / 1s;",
        ] + HuntPeriodicityText.constantLines + HuntScoreText.constantLines
    }

    // MARK: Groups

    /// The corrected mode's row filters as that mode renders them (flavour, --keep-private and --action-types
    /// included), without the exclusions: hunt mode labels false positives instead of removing their events.
    func rowFilterLines() -> [String] {
        var corrected = query
        corrected.parameters.mode = .corrected
        corrected.exclusions = []
        let body = QueryBody(corrected)
        return body.render(.timeWindowFilter) + body.render(.remoteIPTypeFilter)
            + [Self.remoteIPPresentFilter] + body.render(.privateAddressFilter)
            + body.actionTypeFilter(seed: .actionTypeFilter)
    }

    /// The seed's own line, the same in every mode.
    static let remoteIPPresentFilter = #"| where isnotempty(RemoteIP) and RemoteIP !in ("0.0.0.0")"#

    func groupLines() -> [String] {
        var lines = [
            "// The groups: the corrected mode's row filters, then one row per (device, account, process, destination)",
            "// with its distinct timestamps as seconds after WindowStart.",
            "let HuntGroups = materialize (",
            "DeviceNetworkEvents",
        ]
        lines += rowFilterLines()
        lines += [
            "// corrected: Q8 a null RemotePort is carried as -1 (never a port) through the summarize, whose null-key grouping Kusto does not document; it is null again right after",
            "| extend RemotePort = coalesce(RemotePort, int(-1))",
        ]
        if query.flavor == .sentinel {
            lines.append("// sentinel: \(timeColumn) is the table's time column")
        }
        lines += [
            "// differs: times are real seconds after WindowStart, not 100 ns ticks, so that series functions can subtract them; distinct ticks stay distinct (a double tells 100 ns apart up to 14 years after WindowStart)",
            "| extend CallbackOffset = (\(timeColumn) - WindowStart) / 1s",
            "// differs: make_set keeps at most 1,048,576 distinct timestamps of a group (Kusto's cap); the engine keeps all",
            "| summarize hint.strategy=shuffle Offsets = make_set(CallbackOffset), FirstOffset = min(CallbackOffset), LastOffset = max(CallbackOffset) by \(Self.groupColumns.joined(separator: ", "))",
            "| extend RemotePort = iff(RemotePort == -1, int(null), RemotePort)",
            ");",
        ]
        return lines
    }

    // MARK: Fleet

    func fleetLines() -> [String] {
        [
            "// The fleet (FleetContext.swift), over every group whatever its number of timestamps: the devices reaching each",
            "// destination address, when any group first reached it, and the devices of the whole fleet.",
            "// differs: dcount() is Kusto's HyperLogLog estimate of the distinct devices (about 1.6 % error on large counts); the engine counts them exactly",
            "let HuntDestinations = HuntGroups",
            "| summarize DestinationDevices = dcount(DeviceId), DestinationFirstOffset = min(FirstOffset) by RemoteIP;",
            "let FleetDevices = toscalar(HuntGroups | summarize dcount(DeviceId));",
        ]
    }

    // MARK: Candidates and domains

    func candidateLines() -> [String] {
        [
            "// The candidates: groups with at least MinTimestamps distinct timestamps (four gaps), as the engine needs for a verdict.",
            "let HuntCandidates = materialize (",
            "HuntGroups",
            "| where array_length(Offsets) >= MinTimestamps",
            "| lookup kind=leftouter HuntDestinations on RemoteIP",
            ");",
            "let HuntCandidateAddresses = HuntCandidates | distinct RemoteIP;",
        ]
    }

    /// The query's Domains enrichment (its stage 7, which the engine reuses): the same lookback, the same
    /// domain extraction, for the candidates' addresses only.
    func domainLines() -> [String] {
        var lines = [
            "// The domains of each candidate's address, as the query's own enrichment finds them: the RemoteUrl of any event",
            "// from a day before the window on (no upper bound), the host's last three labels. Whether any was seen is the domain",
            "// factor; which catalogue entries' suffixes they fall under is part of the known-benign match.",
            "let HuntDomains = DeviceNetworkEvents",
        ]
        lines += QueryBody(query).render(.domainLookback)
        lines += [
            "| where RemoteIP in (HuntCandidateAddresses)",
            #"| extend Host=tostring(parse_url(iif(RemoteUrl !startswith "http", strcat(@'http://',RemoteUrl),RemoteUrl)).Host)"#,
            #"| extend domain = reverse(replace(@'([A-z0-9-]+\.[A-z0-9-]+\.[A-z0-9-]+)\..*',@'\1',reverse(Host)))"#,
            "| summarize by RemoteIP, domain",
        ]
        lines += knownBenign.domainLines()
        lines[lines.count - 1] += ";"
        return lines
    }

    // MARK: Score

    func scoreLines() -> [String] {
        var lines = [
            "HuntCandidates",
            "| lookup kind=leftouter HuntDomains on RemoteIP",
        ]
        lines += HuntPeriodicityText.lines
        lines += HuntScoreText.regularDayLines
        lines += knownBenign.labelLines()
        lines += HuntScoreText.factorLines
        lines += HuntScoreText.crossCheckLines
        lines += HuntScoreText.outputLines(groupColumns: Self.groupColumns)
        return lines
    }
}
