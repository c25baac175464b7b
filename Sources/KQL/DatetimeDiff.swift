/// Ticks (100 ns) per second: datetimes are 100-ns ticks (spec S4).
let ticksPerSecond: Int64 = 10_000_000

/// KQL `datetime_diff('second', a, b)` on 100-ns tick values.
///
/// Spec S4: the result counts second *boundaries* between the instants, signed `a − b`:
/// each operand is floored to its second first, then subtracted
/// (`floor(a / 10⁷) − floor(b / 10⁷)`), so 12:00:00.900 → 12:00:01.100 is 1 although only
/// 0.2 s elapsed. The ticks may count from any epoch that is a whole number of seconds
/// (Unix, 0001-01-01) because flooring commutes with such a shift. Negative ticks (before
/// the epoch) are floored toward −∞, not truncated toward zero, so boundaries are still
/// counted correctly there.
public func datetimeDiffSeconds(_ a: Int64, _ b: Int64) -> Int64 {
    floorSeconds(a) - floorSeconds(b)
}

/// `floor(ticks / 10⁷)`; Swift's `/` truncates toward zero, so correct negative remainders.
func floorSeconds(_ ticks: Int64) -> Int64 {
    let quotient = ticks / ticksPerSecond
    return ticks % ticksPerSecond < 0 ? quotient - 1 : quotient
}
