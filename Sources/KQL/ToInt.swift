/// KQL `toint(x)` of a real: truncated toward zero to a signed 32-bit value.
///
/// Spec S9: `toint(2.3)` = 2 (truncation, so `toint(-2.7)` = -2); null when the
/// conversion fails. The query computes `TotalEventsThresholdMax =
/// toint((starttime - endtime) / 1ms)`, 86 399 000 with defaults. Decision for quirk Q11
/// (UNVERIFIED, probe `print toint((30d - 1s) / 1ms)` in spec S17): a value outside
/// Int32 after truncation, ±infinity and NaN give nil (null), not a wrapped or
/// saturated value — so for starttime >= ~24.86 days no candidate survives.
public func toInt32(truncating value: Double) -> Int32? {
    guard value.isFinite else { return nil }
    let truncated = value.rounded(.towardZero)
    guard truncated >= -2_147_483_648, truncated <= 2_147_483_647 else { return nil }
    return Int32(truncated)
}
