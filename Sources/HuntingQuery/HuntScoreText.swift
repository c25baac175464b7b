/// Hunt mode's score in KQL (the engine's `HuntScoring`): the context factors, the weighted product, the
/// cut at `MinScore`, Kusto's period finder as a cross-check on the rows returned, and the output columns.
enum HuntScoreText {
    // `HuntScoring`'s constants (a test holds them to the engine's).
    static let evidenceMidpoint = 2.5
    static let evidenceSteepness = 1.5
    static let fullFit = 0.6
    static let fullChain = 6
    static let fullChainSeconds = 600.0
    static let rareDevices = 3
    static let minimumFleet = 30
    static let prevalenceFloor = 0.02
    static let prevalenceWeight = 1.5
    static let knownBenignValue = 0.35
    static let domainSeenValue = 0.92
    static let oldDestinationValue = 0.92
    static let newAfter = 0.1
    static let serviceHostValue = 0.7

    /// The constants as `let`s the analyst can read and change.
    static var constantLines: [String] {
        let real = HuntPeriodicityText.real
        return [
            "// The score (HuntScore.swift): 100 * the product of the factors, each raised to its weight. The periodicity strength is a",
            "// logistic of the evidence, one half at EvidenceMidpoint; the fit is the share of gaps on the period, full from FullFit; the",
            "// chain the longest run of gaps on it, full from FullChain gaps and FullChainSeconds; prevalence (weight PrevalenceWeight) is 1",
            "// up to RareDevices devices, then falls with the logarithm of the devices to PrevalenceFloor when every device of the fleet (at",
            "// least MinimumFleet) is among them; the other factors take these values when they apply, 1 otherwise.",
            "let EvidenceMidpoint = \(real(evidenceMidpoint)); let EvidenceSteepness = \(real(evidenceSteepness));",
            "let FullFit = \(real(fullFit)); let FullChain = \(fullChain); let FullChainSeconds = \(real(fullChainSeconds));",
            "let RareDevices = \(rareDevices); let MinimumFleet = \(minimumFleet); let PrevalenceFloor = \(real(prevalenceFloor)); let PrevalenceWeight = \(real(prevalenceWeight));",
            "let KnownBenignValue = \(real(knownBenignValue)); let DomainSeenValue = \(real(domainSeenValue)); let OldDestinationValue = \(real(oldDestinationValue)); let NewAfter = \(real(newAfter));",
            "let ServiceHostValue = \(real(serviceHostValue));",
            "// The cross-check's bins: a minute, or wider so that the window holds at most 10,080 of them (a week of minutes).",
            "let PeriodBinSeconds = max_of(60.0, ceiling(WindowSeconds / 10080.0 / 60.0) * 60.0);",
        ]
    }

    /// `SeriesShape.regularDays`.
    static let regularDayLines = [
        "// Regular days (SeriesShape.swift): of the UTC days from the first callback's to the last's, the share with at least half",
        "// the callbacks of the median active day (the upper median, as the engine takes it); 1 within one day.",
        "| extend DayOffsets = Offsets",
        "| mv-apply DayOffsets to typeof(real) on (",
        "    summarize DayCallbacks = count() by CallbackDay = floor((WindowStartInDay + DayOffsets) / 86400.0, 1.0)",
        "    | summarize DayCounts = make_list(DayCallbacks), FirstDay = min(CallbackDay), LastDay = max(CallbackDay)",
        "    )",
        "| extend MedianDayCallbacks = todouble(array_sort_asc(DayCounts)[array_length(DayCounts) / 2])",
        "| extend RegularDayCounts = DayCounts",
        "| mv-apply RegularDayCounts to typeof(long) on (summarize RegularDays = countif(2 * RegularDayCounts >= MedianDayCallbacks))",
        "| extend RegularDayShare = iff(LastDay > FirstDay, RegularDays / (LastDay - FirstDay + 1.0), 1.0)",
    ]

    /// Windows' service hosts and the built-in accounts they run under (`HuntMeasures`).
    static let serviceHosts = ["svchost.exe", "services.exe", "lsass.exe", "spoolsv.exe"]
    static let serviceAccounts = ["system", "local service", "network service", "localservice", "networkservice"]

    static var factorLines: [String] {
        let hosts = serviceHosts.map(KustoLiteral.string).joined(separator: ", ")
        let accounts = serviceAccounts.map(KustoLiteral.string).joined(separator: ", ")
        return [
            "// The shape of the fit: the share of gaps on the period, and the longest chain of them (no period, no fit and no chain).",
            "| extend FitFactor = iff(HasPeriod, min_of(1.0, Fit / FullFit), 0.0)",
            "| extend ChainFactor = iff(HasPeriod, min_of(1.0, LongestRun / todouble(FullChain)) * min_of(1.0, LongestRunSeconds / FullChainSeconds), 0.0)",
            "// The context factors (HuntScore.swift).",
            "| extend Prevalence = iff(DestinationDevices <= RareDevices, 1.0, max_of(PrevalenceFloor, 1.0 - log(DestinationDevices / todouble(RareDevices)) / log(max_of(FleetDevices, MinimumFleet) / todouble(RareDevices))))",
            "| extend KnownBenignFactor = iff(isnotempty(KnownBenign), KnownBenignValue, 1.0)",
            "| extend Coverage = min_of(1.0, max_of(0.0, LastOffset - FirstOffset) / WindowSeconds)",
            "| extend CoverageFactor = 0.7 + 0.3 * Coverage",
            "| extend RegularDaysFactor = 0.8 + 0.2 * RegularDayShare",
            "| extend DomainFactor = iff(coalesce(DomainsSeen, 0) > 0, DomainSeenValue, 1.0)",
            "| extend NoveltyFactor = iff(DestinationFirstOffset / WindowSeconds > NewAfter, 1.0, OldDestinationValue)",
            "// A Windows service host under a built-in service account is the usual Windows service traffic (under a user's account, a masquerade).",
            "// differs: in~ folds case as Kusto does, which may go beyond the ASCII letters the engine folds",
            "| extend ProcessIdentityFactor = iff(InitiatingProcessFileName in~ (\(hosts)) and InitiatingProcessAccountName in~ (\(accounts)), ServiceHostValue, 1.0)",
            "| extend BeaconScore = 100.0 * PeriodicityStrength * FitFactor * ChainFactor * pow(Prevalence, PrevalenceWeight) * KnownBenignFactor * CoverageFactor * RegularDaysFactor * DomainFactor * NoveltyFactor * ProcessIdentityFactor",
            "| where BeaconScore >= MinScore",
        ]
    }

    static let crossCheckLines = [
        "// Cross-check, on the rows returned only: Kusto's own period finder, series_periods_detect, over the count of callbacks per",
        "// PeriodBinSeconds. It takes no part in the score; KustoPeriod (seconds) is null where it finds none, and periods under two",
        "// bins are out of its sight.",
        "// differs: the engine has no such cross-check; KustoPeriod and KustoPeriodScore are columns of the KQL alone",
        "// Cost: make-series builds WindowSeconds / PeriodBinSeconds bins a row: 1,440 a day at one-minute bins, 43,200 over 30 days,",
        "// which is why the bins widen past a week (five minutes over 30 days). Over every candidate of a fleet (10^5 groups and more)",
        "// that would be billions of cells, so it runs after the MinScore cut, on the few rows left.",
        "| extend SeriesOffsets = Offsets",
        "| mv-apply SeriesOffsets to typeof(real) on (",
        "    make-series Callbacks = count() default = 0 on SeriesOffsets from 0.0 to WindowSeconds step PeriodBinSeconds",
        "    )",
        "| extend (KustoPeriods, KustoPeriodScores) = series_periods_detect(Callbacks, 2.0, max_of(4.0, WindowSeconds / PeriodBinSeconds / 4.0), 1)",
        "| extend KustoPeriodScore = todouble(KustoPeriodScores[0])",
        "| extend KustoPeriod = iff(KustoPeriodScore > 0, todouble(KustoPeriods[0]) * PeriodBinSeconds, real(null))",
    ]

    /// The factors by the engine's names, in its order.
    static let factorColumns: [(name: String, column: String)] = [
        ("periodicity", "PeriodicityStrength"), ("fit", "FitFactor"), ("chain", "ChainFactor"), ("prevalence", "Prevalence"),
        ("knownBenign", "KnownBenignFactor"), ("coverage", "CoverageFactor"), ("regularDays", "RegularDaysFactor"),
        ("domain", "DomainFactor"), ("novelty", "NoveltyFactor"), ("processIdentity", "ProcessIdentityFactor"),
    ]

    /// The output columns after the group-by columns.
    static let scoreColumns = ["BeaconScore", "Period", "PeriodConfidence", "Coverage", "ScoreFactors", "KnownBenign",
                               "KustoPeriod", "KustoPeriodScore"]

    static func outputLines(groupColumns: [String]) -> [String] {
        let factors = factorColumns.map { "\(KustoLiteral.string($0.name)), \($0.column)" }.joined(separator: ", ")
        return [
            "// The factors by name, each a value from 0 to 1 before its weight (prevalence's is PrevalenceWeight, the others' 1).",
            "| extend ScoreFactors = bag_pack(\(factors))",
            "| project \((groupColumns + scoreColumns).joined(separator: ", "))",
            "// Highest score first, ties in the order of the group-by columns as the engine breaks them.",
            "// differs: Kusto orders strings by its own comparison, which may differ from the engine's UTF-8 byte order outside ASCII",
            "| order by BeaconScore desc, " + groupColumns.map { "\($0) asc" }.joined(separator: ", "),
        ]
    }
}
