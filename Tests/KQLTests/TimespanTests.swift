import Testing
@testable import KQL

/// Hand values: 1 s = 10⁷ ticks, 1 ms = 10⁴, 1 min = 6·10⁸, 1 h = 3.6·10¹⁰, 1 d = 8.64·10¹¹.
private let second: Int64 = 10_000_000
private let millisecond: Int64 = 10_000
private let day: Int64 = 864_000_000_000

/// Spec S9: `1d/1s` = 86400 (timespan / timespan is real).
@Test func dayOverSecond() throws {
    let d = try #require(parseTimespan("1d"))
    let s = try #require(parseTimespan("1s"))
    #expect(Double(d) / Double(s) == 86_400)
    #expect(d == day)
}

/// Spec S9: `make_timespan(0,0,0.001)` = 1 ms = 10 000 ticks; the literal 0.001s is the
/// same exact value (decimal, not binary, arithmetic).
@Test func oneMillisecond() {
    #expect(parseTimespan("0.001s") == millisecond)
    #expect(parseTimespan("1ms") == millisecond)
}

/// Spec S9: TotalEventsThresholdMax = toint((1d − 1s)/1ms) = 863 990 000 000 / 10 000
/// = 86 399 000.
@Test func totalEventsThresholdMax() {
    let quotient = Double(day - second) / Double(millisecond)
    #expect(toInt32(truncating: quotient) == 86_399_000)
}

/// Spec S9 / quirk Q11: (30d − 1s)/1ms = 2 591 999 000 > 2³¹ − 1 = 2 147 483 647 → null.
@Test func totalEventsThresholdOverflowIsNil() {
    let quotient = Double(30 * day - second) / Double(millisecond)
    #expect(quotient == 2_591_999_000)
    #expect(toInt32(truncating: quotient) == nil)
}

/// Spec S9: `toint(2.3)` = 2 (doc); truncation toward zero gives −2 for −2.7.
@Test func toIntTruncates() {
    #expect(toInt32(truncating: 2.3) == 2)
    #expect(toInt32(truncating: -2.7) == -2)
    #expect(toInt32(truncating: 2_147_483_647.9) == Int32.max)
    #expect(toInt32(truncating: -2_147_483_648.9) == Int32.min)
    #expect(toInt32(truncating: 2_147_483_648) == nil)
    #expect(toInt32(truncating: -2_147_483_649) == nil)
    #expect(toInt32(truncating: .nan) == nil)
    #expect(toInt32(truncating: .infinity) == nil)
    #expect(toInt32(truncating: -.infinity) == nil)
}

/// KQL timespan literal forms, ticks by hand.
@Test(arguments: [
    ("2d", 2 * 864_000_000_000),
    ("1.5h", 54_000_000_000),  // 1.5 · 3.6·10¹⁰
    ("30m", 18_000_000_000),
    ("10s", 100_000_000),
    ("0.1s", 1_000_000),
    ("100ms", 1_000_000),
    ("10microsecond", 100),
    ("1tick", 1),
    ("3ticks", 3),
    ("2days", 1_728_000_000_000),
    ("1hr", 36_000_000_000), ("2hrs", 72_000_000_000), ("1hour", 36_000_000_000),
    ("1min", 600_000_000), ("2minutes", 1_200_000_000),
    ("1sec", 10_000_000), ("1second", 10_000_000), ("2seconds", 20_000_000),
    ("1milli", 10_000), ("2millis", 20_000), ("1millisecond", 10_000), ("3milliseconds", 30_000),
    ("2microseconds", 20),
    (".5s", 5_000_000),
    ("0.00000005s", 1),  // 0.5 tick rounds half away from zero
    ("-1d", -864_000_000_000),
    ("time(15 seconds)", 150_000_000),
    ("time(2)", 1_728_000_000_000),  // a bare number inside time() is days
    ("time(1d)", 864_000_000_000),
    ("time(0.12:34:56.7)", 452_967_000_000),  // 12·3600 + 34·60 + 56.7 = 45 296.7 s
    ("1.12:30:55.123", 1_314_551_230_000),  // 86 400 + 45 055.123 = 131 455.123 s
    ("00:30", 18_000_000_000),
    ("01:02:03", 37_230_000_000),  // 3723 s
    ("-00:00:01", -10_000_000),
    ("00:00:00.0000001", 1),
    (" 1d ", 864_000_000_000),
] as [(String, Int64)])
func parsesLiterals(text: String, ticks: Int64) {
    #expect(parseTimespan(text) == ticks)
}

@Test(arguments: [
    "", "1", "d", "1x", "1 d", "1.2.3s", "1d2h", "+1d", "--1d", "1D", "24:00", "00:60",
    "00:00:60", "1:2:3:4", "00:00:00.12345678", "00:00:00.", "time(1d", "time()", "1e3s",
    "99999999999999999999d", "1000000000d",
])
func rejectsNonLiterals(text: String) {
    #expect(parseTimespan(text) == nil)
}

/// Compact display, by hand.
@Test(arguments: [
    (864_000_000_000, "1d"),
    (36 * 36_000_000_000, "36h"),
    (18_000_000_000, "30m"),
    (10_000_000, "1s"),
    (90 * 10_000_000, "90s"),
    (2_500_000, "250ms"),
    (0, "0s"),
    (-864_000_000_000, "-1d"),
    (1, "00:00:00.0000001"),
    (864_000_000_001, "1.00:00:00.0000001"),
    (1_314_551_230_001, "1.12:30:55.1230001"),
    (-15, "-00:00:00.0000015"),
] as [(Int64, String)])
func formatsTimespans(ticks: Int64, text: String) {
    #expect(formatTimespan(ticks) == text)
}

@Test func formatExtremesDoNotTrap() {
    #expect(formatTimespan(Int64.min).hasPrefix("-"))
    #expect(!formatTimespan(Int64.max).isEmpty)
}
