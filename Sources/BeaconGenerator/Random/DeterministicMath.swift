/// Natural logarithm and exponential from IEEE basic operations only.
///
/// Platform libms (glibc, Apple's) may differ in the last bit, and a last-bit difference in a random gap
/// can move a timestamp by a tick and change the output file. These series need about 1e-15 relative
/// accuracy, not correct rounding, and give the same bits everywhere.
public enum DeterministicMath {
    static let ln2 = 0.693_147_180_559_945_3
    // fdlibm's split of ln 2, so that k * ln2Hi is exact for the exponent range used.
    static let ln2Hi = 6.931_471_803_691_238_164_90e-01
    static let ln2Lo = 1.908_214_929_270_587_700_02e-10

    /// ln(x) for finite x > 0; -inf at 0, NaN below.
    public static func ln(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        // x = m * 2^e with m in [1, 2), then folded into [sqrt(1/2), sqrt(2)).
        var exponent = Double(x.exponent)
        var m = x.significand
        if m > 1.414_213_562_373_095_1 {
            m /= 2
            exponent += 1
        }
        // ln m = 2 atanh(f), f = (m - 1) / (m + 1), |f| <= 0.1716: the series converges fast.
        let f = (m - 1) / (m + 1)
        let f2 = f * f
        var term = f
        var sum = 0.0
        var k = 1.0
        while true {
            let next = sum + term / k
            if next == sum { break }
            sum = next
            term *= f2
            k += 2
        }
        return exponent * ln2Hi + (2 * sum + exponent * ln2Lo)
    }

    /// e^x; 0 below -745, +inf above 709.8.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x > 709.78 { return .infinity }
        if x < -745.2 { return 0 }
        // x = k ln2 + r, |r| <= ln2 / 2, e^x = 2^k e^r.
        let k = (x / ln2).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo
        var term = 1.0
        var sum = 1.0
        var n = 1.0
        while true {
            term *= r / n
            let next = sum + term
            if next == sum { break }
            sum = next
            n += 1
        }
        return scaleByPowerOfTwo(sum, Int(k))
    }

    /// sum * 2^k in steps that stay representable (k can reach ±1075 near the limits).
    private static func scaleByPowerOfTwo(_ value: Double, _ k: Int) -> Double {
        var result = value
        var remaining = k
        while remaining > 1000 { result *= 0x1p1000; remaining -= 1000 }
        while remaining < -1000 { result *= 0x1p-1000; remaining += 1000 }
        return result * Double(sign: .plus, exponent: remaining, significand: 1)
    }
}
