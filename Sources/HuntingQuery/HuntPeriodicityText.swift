import BeaconEngine

/// Hunt mode's periodicity test in KQL (the engine's `Periodicity`): the gaps between a group's distinct
/// timestamps, one band around the median gap, missed callbacks and off-time, the chance that random
/// traffic of the same rate fits as well, and the logistic strength the score takes from it.
///
/// The engine searches six band widths and every band position for the densest band; this text picks one
/// period (the median gap) and one width (from the quartiles), at the cost of one `percentiles()` per group.
enum HuntPeriodicityText {
    /// The engine's band half-widths (`Periodicity.tolerances`), from an exact timer to ±62 % jitter.
    static let tolerances: [Double] = [0.02, 0.06, 0.15, 0.3, 0.45, 0.62]
    /// `Periodicity.slackSeconds`: whole-second clocks.
    static let slackSeconds = 1.0
    /// `Periodicity.maxMissed`: bands of 2 to maxMissed + 1 periods.
    static let maxMissed = 4
    /// `Periodicity.offTimeMultiple`.
    static let offTimeMultiple = 5.5
    /// `Periodicity.maxMissedTolerance`: wider bands have no several-period bands.
    static let maxMissedTolerance = 0.3
    /// Gaps under this are one callback logged twice (`Periodicity.fit`).
    static let minimumGap = 0.5

    /// A real literal with a decimal point, so that no arithmetic on it is integer arithmetic.
    static func real(_ value: Double) -> String {
        let text = KustoLiteral.real(value)
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    static var constantLines: [String] {
        [
            "// Periodicity (Periodicity.swift): a verdict needs MinTimestamps distinct timestamps; a band is Period * (1 +- Tolerance)",
            "// +- SlackSeconds (whole-second clocks); a gap of 2 to \(maxMissed + 1) periods holds missed callbacks, for a Tolerance up to",
            "// MaxMissedTolerance only; beyond OffTimeMultiple periods a gap is off-time (a night, a sleeping laptop), neither for nor against;",
            "// gaps under MinimumGap seconds are one callback logged twice.",
            "let MinTimestamps = \(Periodicity.minimumTimestamps);",
            "let SlackSeconds = \(real(slackSeconds));",
            "let OffTimeMultiple = \(real(offTimeMultiple));",
            "let MaxMissedTolerance = \(real(maxMissedTolerance));",
            "let MinimumGap = \(real(minimumGap));",
        ]
    }

    /// `Tolerance = case(QuartileWidth <= 0.02, 0.02, ..., 0.62)`: the narrowest width that reaches it.
    static var toleranceCase: String {
        let steps = tolerances.dropLast().map { "QuartileWidth <= \(real($0)), \(real($0))" }
        return "case(" + (steps + [real(tolerances.last!)]).joined(separator: ", ") + ")"
    }

    static var bands: ClosedRange<Int> { 1...(maxMissed + 1) }

    static var bandLines: [String] {
        var lines = [
            "| extend Band1Low = Period * (1 - Tolerance) - SlackSeconds, Band1High = Period * (1 + Tolerance) + SlackSeconds",
        ]
        for k in bands.dropFirst() {
            lines.append("| extend Band\(k)Low = max_of(\(k) * Period - Period * Tolerance - SlackSeconds, Band\(k - 1)High)")
            lines.append("| extend Band\(k)High = max_of(Band\(k)Low, \(k) * Period + Period * Tolerance + SlackSeconds)")
        }
        lines.append("| extend OffTimeStartMisses = max_of(OffTimeMultiple * Period, iff(SeveralBands, Band\(bands.upperBound)High, Band1High)), OffTimeStartOne = max_of(OffTimeMultiple * Period, Band1High)")
        return lines
    }

    /// `first + iff(SeveralBands, second + ..., 0.0)` over the bands.
    static func sumOverBands(_ term: (Int) -> String) -> String {
        let several = bands.dropFirst().map(term).joined(separator: " + ")
        return "\(term(1)) + iff(SeveralBands, \(several), 0.0)"
    }

    /// The two variants the engine weighs for a width up to `maxMissedTolerance` (`Periodicity.fit`): with
    /// the several-period bands (`Misses`) and with the first band alone (`One`).
    struct Variant {
        let suffix: String
        let withMisses: Bool

        var offTime: String { "OffTimeStart\(suffix)" }

        func bandSum(_ term: (Int) -> String) -> String {
            withMisses ? HuntPeriodicityText.sumOverBands(term) : term(1)
        }

        /// Its null probability, fit and evidence before the search's term.
        var lines: [String] {
            let s = suffix, limit = offTime
            let mass = bandSum { "exp(-Rate\(s) * max_of(0.0, Band\($0)Low)) - exp(-Rate\(s) * max_of(0.0, Band\($0)High))" }
            let width = bandSum { "max_of(0.0, min_of(Band\($0)High, \(limit)) - max_of(0.0, Band\($0)Low))" }
            let fitting = withMisses ? "OnePeriod + SeveralPeriods" : "OnePeriod"
            return [
                "| extend MeanGap\(s) = iff(Tested\(s) > 0, TestedSeconds\(s) / Tested\(s), real(null))",
                "| extend Rate\(s) = iff(MeanGap\(s) > 0 and MeanGap\(s) < \(limit) / 2, 1 / MeanGap\(s), 0.0)",
                "| extend Null\(s) = min_of(1.0, iff(Rate\(s) > 0, (\(mass)) / max_of(1e-300, 1 - exp(-Rate\(s) * \(limit))), (\(width)) / \(limit)))",
                "| extend Fit\(s) = iff(Tested\(s) > 0, todouble(\(fitting)) / Tested\(s), 0.0), ClampedNull\(s) = min_of(max_of(Null\(s), 1e-300), 1 - 1e-16)",
                "| extend Evidence\(s) = iff(TestedSeconds\(s) > 0 and Fit\(s) > Null\(s), Tested\(s) * (iff(Fit\(s) > 0, Fit\(s) * log(Fit\(s) / ClampedNull\(s)), 0.0) + iff(Fit\(s) < 1, (1 - Fit\(s)) * log((1 - Fit\(s)) / (1 - ClampedNull\(s))), 0.0)) / log(10.0), 0.0)",
            ]
        }
    }

    static let withMisses = Variant(suffix: "Misses", withMisses: true)
    static let firstBandOnly = Variant(suffix: "One", withMisses: false)

    static var lines: [String] {
        var lines = [
            "// Periodicity (Periodicity.swift): the gaps between the group's distinct timestamps, in seconds.",
            "| extend SortedOffsets = array_sort_asc(Offsets)",
            "| extend Gaps = series_subtract(array_slice(SortedOffsets, 1, -1), array_slice(SortedOffsets, 0, -2))",
            "// differs: bursts (connections within 10 s of a callback's first: its task and result traffic) are not merged into one callback, as merging is a sequential scan KQL has no loop for; where they outnumber the callbacks, the median gap is a burst gap and the score falls, where the engine tries both series",
            "// differs: the period is the median gap and the band's width is chosen once, from the quartiles; the engine slides a band of each of six widths over the sorted gaps and keeps the densest band's midpoint that gives the most evidence. One percentiles() per group is what a fleet-wide query affords, and the quartiles ignore up to a quarter of stray gaps on either side (missed callbacks, off-time, bursts), so the band sits where the engine's does for a beacon with a majority of regular gaps",
            "// Kusto's percentiles are nearest-rank estimates; gaps under MinimumGap are left out of them, as the engine leaves them out of its band search.",
            "| extend QuartileGaps = Gaps",
            "| mv-apply QuartileGaps to typeof(real) on (",
            "    where QuartileGaps >= MinimumGap",
            "    | summarize percentiles(QuartileGaps, 25, 50, 75), ShortestGap = min(QuartileGaps), LongestGap = max(QuartileGaps)",
            "    | project GapQ1 = percentile_QuartileGaps_25, GapMedian = percentile_QuartileGaps_50, GapQ3 = percentile_QuartileGaps_75, ShortestGap, LongestGap",
            "    )",
            "// Tolerance: the narrowest of the engine's widths \(tolerances.map(real).joined(separator: ", ")) that reaches (Q3 - Q1) / Period,",
            "// the whole jitter of a sleep uniform over P * (1 +- j) or, Cobalt Strike's style, over S * (1 - j) .. S: the band then holds all",
            "// such gaps, and 82 % of normally jittered ones. \(real(tolerances.last!)) at most, the engine's widest; its grid keeps the two comparable.",
            "| extend Period = GapMedian, QuartileWidth = (GapQ3 - GapQ1) / GapMedian",
            "| extend Tolerance = \(toleranceCase)",
            "// The bands: one period, then k = 2..\(bands.upperBound) periods (k - 1 callbacks missed), each held to one period's width (a sum of",
            "// k jittered sleeps would admit almost any gap at high jitter) and starting where the previous ends at the latest; beyond",
            "// MaxMissedTolerance a missed callback is not told from jitter, so there is only the first band. Off-time beyond the last.",
            "| extend SeveralBands = Tolerance <= MaxMissedTolerance",
        ]
        lines += bandLines
        lines += [
            "// Every gap judged: k periods (1..\(bands.upperBound)) or no fit (0); tested against the off-time limit of either variant.",
            "| extend BandGaps = Gaps",
            "| mv-apply BandGaps to typeof(real) on (",
            "    extend Periods = case(BandGaps between (Band1Low .. Band1High), 1,",
        ]
        for k in bands.dropFirst() {
            lines.append("        SeveralBands and BandGaps between (Band\(k)Low .. Band\(k)High), \(k),")
        }
        lines += [
            "        0)",
            "    | summarize OnePeriod = countif(Periods == 1), SeveralPeriods = countif(Periods > 1),",
            "        TestedMisses = countif(BandGaps <= OffTimeStartMisses), TestedSecondsMisses = sumif(BandGaps, BandGaps <= OffTimeStartMisses),",
            "        TestedOne = countif(BandGaps <= OffTimeStartOne), TestedSecondsOne = sumif(BandGaps, BandGaps <= OffTimeStartOne)",
            "    )",
            "// For each variant, the null hypothesis, random traffic: exponential gaps at the tested gaps' rate, conditioned on not being",
            "// off-time (Null: the chance that such a gap lands in a band); then the evidence, -log10 of a false-alarm bound: Chernoff's",
            "// bound on the binomial tail, Tested * KL(Fit || Null) / ln 10.",
            "// differs: the rate is 1 / the mean tested gap; the engine solves by bisection for the rate of an exponential truncated at the off-time limit, which KQL cannot loop over. With the mean near one period and the limit at 5.5 periods the two differ by about 2 %; where the mean reaches half the limit both take the gaps as uniform",
        ]
        lines += withMisses.lines + firstBandOnly.lines
        lines += [
            "// The engine keeps the variant with more evidence (the several-period bands on a tie), and only the first band beyond",
            "// MaxMissedTolerance; less log10 of the band positions a search across the spread of the gaps tries (its Bonferroni term),",
            "// and no period without two gaps in the first band.",
            "// differs: the KQL searched no positions (the period is the median) but pays the same term, so that its evidence errs low and stays on the engine's scale",
            "| extend UsesMisses = SeveralBands and EvidenceMisses >= EvidenceOne",
            "| extend HasPeriod = isnotnull(Period) and OnePeriod >= 2",
            "| extend OffTimeStart = iff(UsesMisses, OffTimeStartMisses, OffTimeStartOne), Fit = iff(UsesMisses, FitMisses, FitOne)",
            "| extend SearchPositions = max_of(1.0, log(max_of(LongestGap, 1.0) / max_of(ShortestGap, MinimumGap)) / log((1 + Tolerance) / (1 - Tolerance) + 2 * SlackSeconds / Period))",
            "| extend Evidence = iff(HasPeriod, iff(UsesMisses, EvidenceMisses, EvidenceOne) - log10(SearchPositions), 0.0)",
            "| extend Evidence = max_of(0.0, coalesce(Evidence, 0.0))",
            "// The longest chain (Periodicity.longestChain): the most gaps in a row on the period, and the seconds they span. A gap from",
            "// the first band up to the off-time limit continues it (missed callbacks, whatever the jitter), and so does a connection",
            "// between two callbacks whose two gaps make one period together; an off-time gap or a gap too short for the period breaks it.",
            "// differs: a gap that pairs with the next into one period consumes that next gap, as in the engine, but whether the next gap itself starts a pair is not looked at again (a window function sees one row back, not the engine's running skip); the two differ only where several short gaps follow each other",
            "| extend ChainGaps = Gaps",
            "| mv-apply with_itemindex = GapIndex ChainGaps to typeof(real) on (",
            "    order by GapIndex asc",
            "    | extend NextGap = next(ChainGaps)",
            "    | extend OnPeriod = ChainGaps >= Band1Low and ChainGaps <= OffTimeStart",
            "    | extend Paired = not(OnPeriod) and ChainGaps <= OffTimeStart and isnotnull(NextGap) and (ChainGaps + NextGap) between (Band1Low .. Band1High)",
            "    | extend Consumed = coalesce(prev(Paired), false)",
            "    | extend Breaks = not(Consumed) and not(OnPeriod) and not(Paired)",
            "    | extend RunId = row_cumsum(iff(Breaks, 1, 0))",
            "    | summarize RunGaps = countif(not(Consumed) and not(Breaks)), RunSeconds = sum(iff(Consumed or Breaks, 0.0, iff(Paired, ChainGaps + NextGap, ChainGaps))) by RunId",
            "    | order by RunGaps desc, RunSeconds desc",
            "    | take 1",
            "    | project LongestRun = RunGaps, LongestRunSeconds = RunSeconds",
            "    )",
            "// The strength the score takes: a logistic of the evidence, one half at EvidenceMidpoint; the confidence 1 - 10^-evidence.",
            "| extend PeriodicityStrength = 1.0 / (1.0 + exp(-(Evidence - EvidenceMidpoint) * EvidenceSteepness))",
            "| extend PeriodConfidence = max_of(0.0, 1.0 - pow(10.0, -Evidence))",
            "| extend Period = iff(HasPeriod, Period, real(null))",
        ]
        return lines
    }
}
