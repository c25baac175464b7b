import Testing
@testable import KQL

/// Unix seconds → 100-ns ticks since the Unix epoch.
private func ticks(unixSeconds: Int64, fractionTicks: Int64 = 0) -> Int64 {
    unixSeconds * 10_000_000 + fractionTicks
}

/// 2017-10-30T23:00:10Z = Unix 1509404410 (checked with `date -u -d @1509404410`).
private let oct30At230010: Int64 = 1_509_404_410

/// Spec S4 'second' row: 2017-10-30 23:00:10.100 vs 23:00:00.900 → 10 (elapsed 9.2 s).
/// Floors: 1509404410 − 1509404400 = 10. (.100 s = 1 000 000 ticks, .900 s = 9 000 000.)
@Test func documentedSecondRow() {
    let a = ticks(unixSeconds: oct30At230010, fractionTicks: 1_000_000)
    let b = ticks(unixSeconds: oct30At230010 - 10, fractionTicks: 9_000_000)
    #expect(datetimeDiffSeconds(a, b) == 10)
    #expect(datetimeDiffSeconds(b, a) == -10)
}

/// Spec S4: 12:00:00.900 → 12:00:01.100 (0.2 s apart) counts one boundary.
/// 2017-10-30T12:00:00Z = 1509404410 − 11 h 0 min 10 s = 1509404410 − 39610 = 1509364800
/// (checked with `date -u -d @1509364800`).
@Test func boundaryCrossingCountsOne() {
    let noon: Int64 = oct30At230010 - 39_610
    let a = ticks(unixSeconds: noon + 1, fractionTicks: 1_000_000)
    let b = ticks(unixSeconds: noon, fractionTicks: 9_000_000)
    #expect(datetimeDiffSeconds(a, b) == 1)
}

/// Spec S4: two events inside the same second give 0, even 0.9999999 s apart.
@Test func sameSecondIsZero() {
    let a = ticks(unixSeconds: oct30At230010, fractionTicks: 9_999_999)
    let b = ticks(unixSeconds: oct30At230010, fractionTicks: 0)
    #expect(datetimeDiffSeconds(a, b) == 0)
}

/// Negative ticks (before the epoch) floor toward −∞: −1 tick is in second −1,
/// −10 000 000 is second −1, −10 000 001 is second −2.
@Test func negativeTicksFloor() {
    #expect(datetimeDiffSeconds(0, -1) == 1)
    #expect(datetimeDiffSeconds(-1, -10_000_000) == 0)
    #expect(datetimeDiffSeconds(-10_000_000, -10_000_001) == 1)
    #expect(datetimeDiffSeconds(5_000_000, -5_000_000) == 1)
    #expect(floorSeconds(-10_000_001) == -2)
}
