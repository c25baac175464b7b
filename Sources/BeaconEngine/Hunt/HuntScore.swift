import Foundation
import KQL

/// Hunt mode's verdict on one group: a score from 0 to 100 and the named factors it is made of.
///
/// The score is a weighted geometric mean: `100 × Π valueᵢ^weightᵢ`, each value in 0...1. A product
/// rather than a sum, so that a factor near zero vetoes (random timing, a destination the whole fleet
/// uses) where a sum would let rarity alone make a beacon of random traffic. Timing proposes and context
/// decides, as BAYWATCH (Hu et al., DSN 2016) puts it; RITA's beacon score weighs the same kinds of
/// evidence (dispersion, coverage, prevalence, first seen). docs/hunt-score.md gives the reasoning and
/// the measured false-alarm rates.
public struct HuntScore: Sendable, Equatable {
    /// 0...100.
    public var score: Double
    /// The period in seconds; nil when the group has too few callbacks for one.
    public var period: Double?
    /// 1 − the false-alarm bound of the period: how sure the timing alone is that this is no random traffic.
    public var periodConfidence: Double
    /// The share of the window between the first and the last callback.
    public var coverage: Double
    /// The factors, in the order they are explained.
    public var factors: [ScoreFactor]
    /// The catalogue entry or false-positive decision that matched, if any.
    public var knownBenign: KnownBenignEntry?
    /// The timing measures the score came from.
    public var periodicity: Periodicity
}

/// One named part of a `HuntScore`: its value, its weight (the exponent it carries in the product) and
/// the measure behind it in words.
public struct ScoreFactor: Sendable, Equatable {
    public var name: String
    /// 0...1; 1 costs nothing.
    public var value: Double
    public var weight: Double
    public var detail: String

    /// The factor's share of the score in points: what the score would gain were the value 1.
    public func pointsLost(score: Double) -> Double {
        guard value > 0 else { return score > 0 ? 100 : 0 }
        return score * (pow(value, -weight) - 1)
    }
}

extension HuntScore {
    /// "Why this score": one line per factor with its value, weight and the points it costs, as the
    /// console's detail pane and `analyze --explain` show them.
    public var explanation: [String] {
        factors.map { factor in
            let lost = factor.pointsLost(score: score)
            let cost = lost >= 0.05 ? " (−\(formatOneDecimal(lost)) points)" : ""
            return "\(factor.name) \(String(format: "%.2f", factor.value)) ^\(formatOneDecimal(factor.weight))\(cost): \(factor.detail)"
        }
    }
}

/// The score's factors as numbers, and their words when a candidate is explained.
enum HuntScoring {
    /// Periodicity strength: a logistic of the evidence, one half at 2.5 (false-alarm bound 1 in 300), 0.82
    /// at 3.5 and 0.95 at 4.5. Not a cut: weak evidence still ranks a group above random traffic.
    static func periodicityStrength(_ evidence: Double) -> Double {
        1 / (1 + exp(-(evidence - periodicityMidpoint) * periodicitySteepness))
    }
    static let periodicityMidpoint = 2.5
    static let periodicitySteepness = 1.5

    /// Fleet prevalence: 1 up to `rareDevices` devices, falling with the logarithm of the devices to
    /// 0.02 when every device of the fleet (at least 30 counted, so a small capture is not a fleet)
    /// reaches the destination.
    static func prevalence(devices: Int, fleet: Int) -> Double {
        guard devices > rareDevices else { return 1 }
        let span = log(Double(max(fleet, 30)) / Double(rareDevices))
        return max(0.02, 1 - log(Double(devices) / Double(rareDevices)) / span)
    }
    static let rareDevices = 3

    /// The share of gaps that fit the period, up to `fullFit`: the evidence's null is a Poisson process,
    /// and real traffic is burstier, so a busy series with a periodic trickle (a resolver's half-hourly job
    /// among its lookups) can be very unlike Poisson while most of its gaps fit no period. A beacon's gaps
    /// mostly fit: misses, bursts and a second implant leave more than half.
    static func fitValue(_ periodicity: Periodicity) -> Double {
        min(1, periodicity.fit / fullFit)
    }
    static let fullFit = 0.6

    /// The longest run of consecutive gaps on the period, up to `fullChain` gaps and `fullChainSeconds`: a
    /// beacon's callbacks follow each other for as long as it runs, where a session of clicks fits a
    /// seconds-wide band for a few seconds at a time.
    static func chainValue(_ periodicity: Periodicity) -> Double {
        min(1, Double(periodicity.longestRun) / Double(fullChain)) * min(1, periodicity.longestRunSeconds / fullChainSeconds)
    }
    static let fullChain = 6
    static let fullChainSeconds = 600.0

    static let knownBenignValue = 0.35
    static let domainSeenValue = 0.92
    static let oldDestinationValue = 0.92
    static let serviceHostValue = 0.7
    /// A destination first seen after this share of the window is new.
    static let newAfter = 0.1

    struct Inputs {
        var periodicity: Periodicity
        var shape: SeriesShape
        var destination: FleetContext.Destination
        var fleetDevices: Int
        var windowStart: Int64
        var windowEnd: Int64
        var hasDomain: Bool
        var serviceHostUnderServiceAccount: Bool
        var knownBenign: KnownBenignEntry?

        var windowSeconds: Double { Double(max(1, windowEnd - windowStart)) }
        /// The share of the window between the first and the last callback.
        var coverage: Double { min(1, Double(max(0, shape.last - shape.first)) / windowSeconds) }
        /// How far into the window any device first reached the address, as a share of it.
        var firstSeenShare: Double { Double(destination.firstSeen - windowStart) / windowSeconds }
        var isNewDestination: Bool { firstSeenShare > newAfter }
    }

    /// The factors in explanation order, as (name, value, weight); the words follow in `explain`.
    static func values(_ inputs: Inputs) -> [(name: String, value: Double, weight: Double)] {
        let strength = inputs.periodicity.callbacks < Periodicity.minimumTimestamps ? 0
            : periodicityStrength(inputs.periodicity.evidence)
        return [
            ("periodicity", strength, 1),
            ("fit", fitValue(inputs.periodicity), 1),
            ("chain", chainValue(inputs.periodicity), 1),
            ("prevalence", prevalence(devices: Int(inputs.destination.devices), fleet: inputs.fleetDevices), 1.5),
            ("knownBenign", inputs.knownBenign == nil ? 1 : knownBenignValue, 1),
            ("coverage", 0.7 + 0.3 * inputs.coverage, 1),
            ("regularDays", 0.8 + 0.2 * inputs.shape.regularDays, 1),
            ("domain", inputs.hasDomain ? domainSeenValue : 1, 1),
            ("novelty", inputs.isNewDestination ? 1 : oldDestinationValue, 1),
            ("processIdentity", inputs.serviceHostUnderServiceAccount ? serviceHostValue : 1, 1),
        ]
    }

    static func score(_ inputs: Inputs) -> Double { product(values(inputs)) }

    private static func product(_ values: [(name: String, value: Double, weight: Double)]) -> Double {
        100 * values.reduce(1) { $0 * pow($1.value, $1.weight) }
    }

    static func explain(_ inputs: Inputs) -> HuntScore {
        let values = values(inputs)
        let p = inputs.periodicity
        let details = [
            periodicityDetail(p),
            "\(percent(p.fit)) of the gaps fit the period (\(percent(fullFit)) or more costs nothing)",
            "longest chain: \(p.longestRun) gap\(p.longestRun == 1 ? "" : "s") in a row on the period over \(formatHumanDuration(seconds: p.longestRunSeconds)) (\(fullChain) gaps and \(formatHumanDuration(seconds: fullChainSeconds)) cost nothing)",
            "\(inputs.destination.devices) of \(inputs.fleetDevices) devices and \(inputs.destination.processes) process name\(inputs.destination.processes == 1 ? "" : "s") reach the address",
            inputs.knownBenign.map { "\($0.name) (\($0.category)): \($0.source)" } ?? "no catalogue entry or false-positive mark matches",
            "callbacks span \(percent(inputs.coverage)) of the window",
            "\(percent(inputs.shape.regularDays)) of the days spanned have a regular share of callbacks",
            inputs.hasDomain ? "a domain was seen for the address" : "no domain seen: a bare address",
            inputs.isNewDestination ? "address first seen \(percent(inputs.firstSeenShare)) into the window"
                : "address seen from the window's start",
            inputs.serviceHostUnderServiceAccount ? "a Windows service host under a built-in service account"
                : "no service-host identity to vouch for it",
        ]
        let factors = zip(values, details).map { ScoreFactor(name: $0.name, value: $0.value, weight: $0.weight, detail: $1) }
        return HuntScore(score: product(values), period: p.period > 0 ? p.period : nil,
                         periodConfidence: max(0, 1 - pow(10, -p.evidence)), coverage: inputs.coverage, factors: factors,
                         knownBenign: inputs.knownBenign, periodicity: p)
    }

    static func periodicityDetail(_ p: Periodicity) -> String {
        guard p.callbacks >= Periodicity.minimumTimestamps else {
            return "\(p.callbacks) callbacks: fewer than \(Periodicity.minimumTimestamps), no period"
        }
        guard p.period > 0 else { return "no two gaps agree on a period" }
        var words = "period \(formatHumanDuration(seconds: p.period)) ± \(Int((p.tolerance * 100).rounded())) %: \(p.fitting) of \(p.tested) gaps fit"
        if p.missedCallbacks > 0 { words += " (\(p.missedCallbacks) callbacks missed)" }
        if p.offTimeGaps > 0 { words += ", \(p.offTimeGaps) off-time gap\(p.offTimeGaps == 1 ? "" : "s")" }
        if p.mergedBursts { words += ", bursts merged" }
        words += "; random traffic at this rate fits as well with p ≤ 10^-\(formatOneDecimal(p.evidence))"
        return words
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }
}
