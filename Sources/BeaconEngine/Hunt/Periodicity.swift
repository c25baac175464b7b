import Foundation

/// How periodic one group's connections are: the period that explains most of its gaps, and how unlikely
/// that many gaps would fit it if the connections came at random (a Poisson process of the same rate).
///
/// The test is built for what real beacons do rather than for a clean timer:
/// - jitter of either style widens the band of one period (`tolerance`), tried at several widths;
/// - a missed callback leaves a gap of k periods, which counts as k periods, not as an outlier;
/// - a gap longer than `offTimeMultiple` periods is off-time (a night, a weekend, a sleeping laptop),
///   neither evidence for nor against, and its time is left out of the rate;
/// - connections a few seconds after a callback (task and result traffic) are one callback;
/// - on a whole-second clock the null is the whole-second one (see `Bands.snapped`).
///
/// The evidence is a false-alarm bound: under the Poisson null each gap independently falls in the
/// period's bands with probability p0, so `hits` of `tested` is a binomial tail, bounded by Chernoff
/// (`tested · KL(hits/tested ‖ p0)`), and the search over band positions and widths is paid for with a
/// Bonferroni term. `evidence` is −log10 of that bound: 3 means at most one chance in a thousand that
/// random traffic fits the period this well.
public struct Periodicity: Sendable, Equatable {
    /// Callbacks after merging bursts (distinct timestamps when nothing merged).
    public var callbacks: Int
    /// The period in seconds; 0 when no band holds two gaps.
    public var period: Double
    /// The band's relative half-width: a gap within period × (1 ± tolerance) (± 1 s for whole-second
    /// clocks) is one period.
    public var tolerance: Double
    /// Gaps tested: all but the off-time gaps.
    public var tested: Int
    /// Gaps of one period.
    public var onePeriod: Int
    /// Gaps of 2 to `maxMissed + 1` periods: the callbacks between them were not logged.
    public var severalPeriods: Int
    /// Callbacks missing inside those gaps.
    public var missedCallbacks: Int
    /// Gaps longer than `offTimeMultiple` periods.
    public var offTimeGaps: Int
    /// The most gaps in a row that fit the period, an off-time gap ending a run: a beacon's callbacks chain
    /// one after another, where bursty traffic (browsing sessions, a resolver's busy minutes) fits a short
    /// band only a few gaps at a time.
    public var longestRun: Int
    /// The time the longest run spans, in seconds.
    public var longestRunSeconds: Double
    /// The chance that a gap of random traffic at the same rate lands in the bands.
    public var nullProbability: Double
    /// −log10 of the false-alarm bound, after the search over bands is paid for; 0 when no fit.
    public var evidence: Double
    /// Whether bursts were merged into callbacks.
    public var mergedBursts: Bool
    /// Whether gaps of several periods counted as missed callbacks (the narrower bands only).
    public var allowsMissedCallbacks: Bool

    /// Gaps that fit the period, with or without missed callbacks.
    public var fitting: Int { onePeriod + severalPeriods }
    /// Share of tested gaps that fit.
    public var fit: Double { tested == 0 ? 0 : Double(fitting) / Double(tested) }

    public static let none = Periodicity(callbacks: 0, period: 0, tolerance: 0, tested: 0, onePeriod: 0,
                                         severalPeriods: 0, missedCallbacks: 0, offTimeGaps: 0, longestRun: 0,
                                         longestRunSeconds: 0, nullProbability: 1, evidence: 0, mergedBursts: false,
                                         allowsMissedCallbacks: false)

    /// Band half-widths tried, from an exact timer to 60 % jitter either way (Empire's ±60 % spans a
    /// ratio of 4 between the shortest and longest sleep; Cobalt Strike's 60 % a ratio of 2.5).
    static let tolerances: [Double] = [0.02, 0.06, 0.15, 0.3, 0.45, 0.62]
    /// Absolute slack of a band, in seconds: Defender and 5156 clocks round to whole seconds.
    static let slackSeconds = 1.0
    /// A gap of up to this many periods is a run of missed callbacks; longer is off-time.
    static let maxMissed = 4
    static var offTimeMultiple: Double { Double(maxMissed) + 1.5 }
    /// Bands wider than this have no several-period bands (see `Bands`).
    static let maxMissedTolerance = 0.3
    /// Connections within this many seconds of a callback are its task and result traffic.
    static let burstSeconds = 10.0
    /// Bursts are merged only when callbacks are this many burst windows apart, so a fast beacon's own
    /// callbacks are never merged.
    static let burstMergeMinimumPeriod = 3.0
    /// Fewer timestamps than this give no verdict: four gaps.
    public static let minimumTimestamps = 5

    /// Measures a group's ascending distinct timestamps (100 ns ticks).
    public static func measure(_ timestamps: [Int64]) -> Periodicity {
        timestamps.withUnsafeBufferPointer { measure($0) }
    }

    /// Measures a group's ascending distinct timestamps (100 ns ticks).
    public static func measure(_ timestamps: UnsafeBufferPointer<Int64>) -> Periodicity {
        guard timestamps.count >= minimumTimestamps else {
            var result = Periodicity.none
            result.callbacks = timestamps.count
            return result
        }
        let seconds = timestamps.map { Double($0 - timestamps[0]) / Double(Instant.ticksPerSecond) }
        // Whole-second clocks (Sysmon, Security 5156, many exports) make every gap a whole number of seconds,
        // and a band then holds whole seconds, not its continuous width: the null counts them so.
        let grid = timestamps.allSatisfy({ ($0 - timestamps[0]) % Instant.ticksPerSecond == 0 }) ? 1.0 : 0
        var best = fit(seconds, deadTime: 0, grid: grid)
        let merged = mergeBursts(seconds)
        if merged.count < seconds.count && merged.count >= minimumTimestamps {
            let gaps = zip(merged.dropFirst(), merged).map { $0 - $1 }.sorted()
            if gaps[gaps.count / 2] >= burstMergeMinimumPeriod * burstSeconds {
                // Two series tried: the better pays for the choice.
                let alternative = fit(merged, deadTime: burstSeconds, grid: grid)
                best.evidence -= log10Two
                if alternative.evidence - log10Two > best.evidence {
                    best = alternative
                    best.evidence -= log10Two
                }
            }
        }
        best.evidence = max(0, best.evidence)
        return best
    }

    private static let log10Two = 0.30103

    /// Callback starts: a connection within `burstSeconds` of the current callback's first belongs to it.
    static func mergeBursts(_ seconds: [Double]) -> [Double] {
        var starts: [Double] = []
        starts.reserveCapacity(seconds.count)
        for time in seconds where starts.last.map({ time - $0 > burstSeconds }) ?? true { starts.append(time) }
        return starts
    }

    /// The best band over every tolerance for a series of times in seconds, ascending.
    /// `deadTime`: no gap can be shorter than this by construction (merged bursts), so the null's gaps are
    /// this plus an exponential wait: under Poisson traffic the next callback starts at the first
    /// connection after the burst window.
    /// `grid`: the clock's resolution in seconds when every gap is a multiple of it, 0 otherwise.
    static func fit(_ seconds: [Double], deadTime: Double, grid: Double = 0) -> Periodicity {
        let mergedBursts = deadTime > 0
        let gaps = zip(seconds.dropFirst(), seconds).map { $0 - $1 }
        let sorted = SortedGaps(gaps.sorted())
        var best = Periodicity.none
        best.callbacks = seconds.count
        best.mergedBursts = mergedBursts
        for tolerance in tolerances {
            guard let band = densestBand(sorted.values, tolerance: tolerance) else { continue }
            var fitsEveryGap = false
            // With and without missed callbacks: the several-period bands cost a beacon that misses none.
            for allowsMisses in tolerance <= maxMissedTolerance ? [true, false] : [false] {
                guard var candidate = fit(sorted, band: band, tolerance: tolerance, allowsMisses: allowsMisses,
                                          deadTime: deadTime, grid: grid) else { continue }
                candidate.callbacks = seconds.count
                candidate.mergedBursts = mergedBursts
                if candidate.evidence > best.evidence || best.period == 0 { best = candidate }
                fitsEveryGap = fitsEveryGap || (candidate.offTimeGaps == 0 && candidate.onePeriod == candidate.tested)
            }
            // Every gap one period already: a wider band holds no more and is likelier by chance.
            if fitsEveryGap { break }
        }
        // The chain only for the fit chosen: it is a factor of the score, not a criterion of the choice.
        if best.period > 0 {
            let bands = Bands(period: best.period, tolerance: best.tolerance, allowsMisses: best.allowsMissedCallbacks)
            (best.longestRun, best.longestRunSeconds) = longestChain(gaps, bands: bands)
        }
        return best
    }

    /// The densest band of one width over the sorted gaps: its period (the midpoint of the gaps it holds)
    /// and the number of positions the search tried, one per band width across the gaps' spread.
    static func densestBand(_ sorted: [Double], tolerance: Double) -> (period: Double, positions: Double)? {
        let ratio = (1 + tolerance) / (1 - tolerance)
        // Gaps under half a second are the same callback logged twice, not a period.
        guard let low = sorted.firstIndex(where: { $0 >= 0.5 }) else { return nil }
        var bestCount = 0, bestStart = low, bestEnd = low
        sorted.withUnsafeBufferPointer { sorted in
            var end = low
            let count = sorted.count, slack = 2 * slackSeconds
            for start in low..<count {
                let limit = sorted[start] * ratio + slack
                if end < start { end = start }
                while end < count && sorted[end] <= limit { end += 1 }
                if end - start > bestCount {
                    bestCount = end - start
                    bestStart = start
                    bestEnd = end
                }
            }
        }
        guard bestCount >= 2 else { return nil }
        let period = (sorted[bestStart] + sorted[bestEnd - 1]) / 2
        let spread = log(max(sorted[sorted.count - 1], 1) / max(sorted[low], 0.5))
        return (period, max(1, spread / log(ratio + 2 * slackSeconds / period)))
    }

    /// Every gap judged against a band's period, the search paid for; nil when the missed-callback bands
    /// are asked for and no gap spans several periods (they could only raise the null's chance).
    static func fit(_ sorted: SortedGaps, band: (period: Double, positions: Double), tolerance: Double,
                    allowsMisses: Bool, deadTime: Double, grid: Double = 0) -> Periodicity? {
        let period = band.period
        if allowsMisses {
            let oneBand = period * (1 + tolerance) + slackSeconds
            let several = (Double(maxMissed) + 1) * period * (1 + tolerance) + slackSeconds
            guard sorted.countAtMost(several) > sorted.countAtMost(oneBand) else { return nil }
        }
        var result = judge(sorted, period: period, tolerance: tolerance, allowsMisses: allowsMisses, deadTime: deadTime,
                           grid: grid)
        result.evidence -= log10(band.positions)
        return result
    }

    /// Every gap against one period and tolerance, and the false-alarm bound of the fit. Counted on the
    /// sorted gaps by binary search: a dozen bands are tried for each of hundreds of thousands of groups,
    /// and a pass over every gap for each made hunt mode's preparation twice the query's.
    static func judge(_ gaps: SortedGaps, period: Double, tolerance: Double, allowsMisses: Bool,
                      deadTime: Double = 0, grid: Double = 0) -> Periodicity {
        let bands = Bands(period: period, tolerance: tolerance, allowsMisses: allowsMisses)
        let tested = gaps.countAtMost(bands.offTimeStart)
        let testedSeconds = gaps.sum(ofFirst: tested)
        var onePeriod = 0, several = 0, missed = 0
        for (index, range) in bands.ranges.enumerated() {
            // A band that starts where the previous ends leaves that edge to the previous one.
            let shared = index > 0 && range.low == bands.ranges[index - 1].high
            let first = shared ? gaps.countAtMost(range.low) : gaps.countBelow(range.low)
            let inside = max(0, gaps.countAtMost(range.high) - first)
            if index == 0 {
                onePeriod = inside
            } else {
                several += inside
                missed += index * inside
            }
        }
        var result = Periodicity(callbacks: 0, period: period, tolerance: tolerance, tested: tested, onePeriod: onePeriod,
                                 severalPeriods: several, missedCallbacks: missed, offTimeGaps: gaps.count - tested,
                                 longestRun: 0, longestRunSeconds: 0, nullProbability: 1, evidence: 0,
                                 mergedBursts: false, allowsMissedCallbacks: allowsMisses)
        guard tested > 0, testedSeconds > 0 else { return result }
        // The null: exponential gaps (after the dead time) conditioned on not being off-time, at the rate that
        // explains the tested gaps' mean under that condition (the plain mean of truncated gaps would
        // overstate the rate).
        //
        // On a whole-second clock the distinct seconds that hold a connection are what is seen: under the
        // null each second is taken independently, so a gap of g seconds is geometric, the floor of one more
        // grid step of dead time plus an exponential wait. Its bands hold whole seconds, a value g standing
        // for [g, g + 1) of that wait, and the mean of the wait is the mean of the floors plus half a step.
        let null = grid > 0 ? bands.snapped(to: grid) : bands
        let dead = deadTime + grid
        let limit = null.offTimeStart - dead
        let rate = truncatedExponentialRate(mean: testedSeconds / Double(tested) - dead + grid / 2, limit: limit)
        let inside = rate > 0 ? -expm1(-rate * limit) : 1
        let p0 = min(1, rate > 0 ? null.probability(rate: rate, after: dead) / max(1e-300, inside)
                        : null.width / null.offTimeStart)
        result.nullProbability = p0
        let share = Double(onePeriod + several) / Double(tested)
        if share > p0 { result.evidence = Double(tested) * klDivergence(share, p0) / log(10) }
        return result
    }

    /// The rate λ of an exponential conditioned on being at most `limit` whose mean is `mean`: the mean
    /// `1/λ − limit/(e^{λ·limit} − 1)` falls from limit/2 (λ → 0, uniform) to 0, so Newton's method on
    /// x = λ·limit, kept inside a shrinking bracket, finds it in a few steps (every group of every
    /// tolerance needs one, so a bisection's hundred exponentials were most of hunt mode's time);
    /// 0 when the mean is limit/2 or more.
    static func truncatedExponentialRate(mean: Double, limit: Double) -> Double {
        guard mean > 0, limit > 0, mean < limit / 2 else { return 0 }
        let target = mean / limit
        // The truncated mean over the limit, and its derivative, as functions of x.
        func shape(_ x: Double) -> (value: Double, slope: Double) {
            if x < 1e-3 { return (0.5 - x / 12, -1.0 / 12) }
            if x > 700 { return (1 / x, -1 / (x * x)) }
            let e = expm1(x)
            return (1 / x - 1 / e, -1 / (x * x) + (e + 1) / (e * e))
        }
        var low = 0.0, high = Double.infinity
        var x = 1 / target
        for _ in 0..<60 {
            let (value, slope) = shape(x)
            let error = value - target
            if abs(error) <= 1e-14 * target { break }
            if error > 0 { low = x } else { high = x }
            var next = x - error / slope
            if !(next > low && next < high) { next = high.isFinite ? (low + high) / 2 : 2 * x }
            x = next
        }
        return x / limit
    }

    /// The most consecutive gaps on the period, and the time they span. A gap longer than a period but not
    /// off-time (missed callbacks, whatever the jitter) continues the chain, and so does a connection between
    /// two callbacks (a second implant's, a task's) when the two gaps around it make one period together;
    /// an off-time gap or a gap too short for the period breaks it.
    static func longestChain(_ gaps: [Double], bands: Bands) -> (gaps: Int, seconds: Double) {
        var run = 0, longest = 0, runSeconds = 0.0, longestSeconds = 0.0
        var index = 0
        while index < gaps.count {
            let gap = gaps[index]
            if gap <= bands.offTimeStart && (bands.periods(gap) > 0 || gap > bands.ranges[0].high) {
                run += 1
                runSeconds += gap
            } else if gap <= bands.offTimeStart, index + 1 < gaps.count, bands.periods(gap + gaps[index + 1]) == 1 {
                run += 1
                runSeconds += gap + gaps[index + 1]
                index += 1
            } else {
                run = 0
                runSeconds = 0
            }
            if run > longest || (run == longest && runSeconds > longestSeconds) {
                longest = run
                longestSeconds = runSeconds
            }
            index += 1
        }
        return (longest, longestSeconds)
    }

    /// Relative entropy of Bernoulli(q) from Bernoulli(p), in nats.
    static func klDivergence(_ q: Double, _ p: Double) -> Double {
        let p = min(max(p, 1e-300), 1 - 1e-16)
        var total = 0.0
        if q > 0 { total += q * log(q / p) }
        if q < 1 { total += (1 - q) * log((1 - q) / (1 - p)) }
        return total
    }
}

/// The gap lengths that count as one period, or as k periods with k − 1 callbacks missed.
struct Bands {
    /// `(low, high)` in seconds for k = 1, 2, ...; each band starts where the previous ends at the latest.
    let ranges: [(low: Double, high: Double)]
    let offTimeStart: Double
    /// Whether the bands are k periods ± one half-width, which `probability` takes a shortcut on.
    let evenlySpaced: Bool

    init(period: Double, tolerance: Double, allowsMisses: Bool) {
        let slack = Periodicity.slackSeconds
        var ranges = [(low: period * (1 - tolerance) - slack, high: period * (1 + tolerance) + slack)]
        // Several periods: the sum of k jittered sleeps, but held to one period's width, since a wider band
        // would admit almost any gap at high jitter.
        // At high jitter the sums overlap and cover nearly every gap: beyond `maxMissedTolerance` a missed
        // callback is not told from jitter, and such gaps count against the fit.
        let severalPeriods = allowsMisses && tolerance <= Periodicity.maxMissedTolerance ? Periodicity.maxMissed + 1 : 1
        for k in 2..<(severalPeriods + 1) {
            let centre = Double(k) * period
            let low = max(centre - period * tolerance - slack, ranges[ranges.count - 1].high)
            let high = centre + period * tolerance + slack
            ranges.append((low: low, high: max(low, high)))
        }
        self.ranges = ranges
        offTimeStart = max(Periodicity.offTimeMultiple * period, ranges[ranges.count - 1].high)
        evenlySpaced = true
    }

    private init(ranges: [(low: Double, high: Double)], offTimeStart: Double) {
        self.ranges = ranges
        self.offTimeStart = offTimeStart
        evenlySpaced = false
    }

    /// The bands as a clock of this resolution fills them: each holds the multiples of `grid` inside it,
    /// a multiple g standing for [g, g + grid) (a band 2.2 s wide around 5 s holds 4, 5 and 6 s: three
    /// seconds' worth, not 2.2).
    func snapped(to grid: Double) -> Bands {
        let snapped = ranges.map { range -> (low: Double, high: Double) in
            let low = (range.low / grid).rounded(.up) * grid
            let high = (range.high / grid).rounded(.down) * grid + grid
            return (low: max(0, low), high: max(max(0, low), high))
        }
        // Snapping can make neighbours share a multiple; each keeps it once, in the earlier band.
        var disjoint = snapped
        for index in disjoint.indices.dropFirst() where disjoint[index].low < disjoint[index - 1].high {
            disjoint[index].low = disjoint[index - 1].high
            disjoint[index].high = max(disjoint[index].high, disjoint[index].low)
        }
        return Bands(ranges: disjoint, offTimeStart: (offTimeStart / grid).rounded(.down) * grid + grid)
    }

    /// How many periods a gap spans, or 0 when it fits none.
    func periods(_ gap: Double) -> Int {
        for (index, range) in ranges.enumerated() where gap >= range.low && gap <= range.high { return index + 1 }
        return 0
    }

    /// Total length of the bands up to the off-time limit, for the uniform limit of the null.
    var width: Double { ranges.reduce(0) { $0 + max(0, min($1.high, offTimeStart) - max(0, $1.low)) } }

    /// The chance that an exponential gap of this rate falls in a band.
    ///
    /// The bands are k periods ± one half-width, so their edges' survival values are powers of one
    /// exponential times one spread factor: three exponentials instead of two a band (this runs a dozen
    /// times for each of hundreds of thousands of groups). Bands reaching below the dead time, or rates
    /// that would overflow the spread, take the plain sum.
    func probability(rate: Double, after deadTime: Double = 0) -> Double {
        let halfWidth = (ranges[0].high - ranges[0].low) / 2, period = (ranges[0].high + ranges[0].low) / 2
        guard evenlySpaced, ranges[0].low - deadTime >= 0, rate * halfWidth < 300, rate * period < 300 else {
            return ranges.reduce(0) { total, range in
                total + exp(-rate * max(0, range.low - deadTime)) - exp(-rate * max(0, range.high - deadTime))
            }
        }
        let spread = exp(rate * halfWidth), step = exp(-rate * period)
        var centre = exp(-rate * (period - deadTime)) / step
        var total = 0.0, previousHigh = 0.0
        for (index, range) in ranges.enumerated() {
            centre *= step
            let low = index > 0 && range.low == ranges[index - 1].high ? previousHigh : centre * spread
            let high = range.high > range.low ? centre / spread : low
            total += low - high
            previousHigh = high
        }
        return total
    }
}

/// A group's gaps in ascending order with their running sums, for counting and summing by binary search.
struct SortedGaps {
    let values: [Double]
    /// `prefix[i]` is the sum of the first i gaps.
    let prefix: [Double]

    init(_ sorted: [Double]) {
        values = sorted
        var sums = [0.0]
        sums.reserveCapacity(sorted.count + 1)
        for value in sorted { sums.append(sums[sums.count - 1] + value) }
        prefix = sums
    }

    var count: Int { values.count }

    /// Gaps of at most `limit`.
    func countAtMost(_ limit: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Gaps strictly under `limit`.
    func countBelow(_ limit: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func sum(ofFirst count: Int) -> Double { prefix[count] }
}
