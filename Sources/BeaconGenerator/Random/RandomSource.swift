/// A source of 64 random bits, with the few distributions the traffic families need.
///
/// The distributions are written out here (rather than using `Double.random(in:using:)` and friends)
/// because the standard library does not promise its algorithms stay the same, and reproducible bytes
/// need them to. Logarithms and exponentials come from `DeterministicMath`, not the platform's libm,
/// so Linux and macOS write the same file.
public protocol RandomSource {
    mutating func next() -> UInt64
}

extension RandomSource {
    /// Uniform in [0, 1), 53 bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in (0, 1], safe to take the logarithm of.
    public mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// Uniform in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// Uniform integer in 0..<bound (multiply-high; the bias is below bound / 2^64).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "int(below:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform integer in the closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    public mutating func chance(_ probability: Double) -> Bool {
        uniform() < probability
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(below: items.count)]
    }

    /// Exponential with the given mean: the gap between events of a Poisson process.
    public mutating func exponential(mean: Double) -> Double {
        -mean * DeterministicMath.ln(uniformPositive())
    }

    /// Pareto (type I) with scale `minimum` and shape `alpha`: the heavy tail of session sizes and idle
    /// times; alpha below 2 gives the infinite-variance bursts real browsing shows.
    public mutating func pareto(minimum: Double, alpha: Double) -> Double {
        minimum * DeterministicMath.exp(-DeterministicMath.ln(uniformPositive()) / alpha)
    }

    /// Approximately normal (Irwin–Hall: the sum of twelve uniforms minus six), which is plenty for
    /// think times and avoids trigonometric functions whose last bits differ between libms.
    public mutating func standardNormal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += uniform() }
        return sum - 6
    }

    /// Log-normal with the given median and log-scale spread.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * DeterministicMath.exp(sigma * standardNormal())
    }

    /// Fisher–Yates shuffle.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(below: i + 1))
        }
    }
}
