import KQL
import Testing

/// `parseDurationSeconds`, the list filter's sleep grammar, built on the timespan literal's exact decimals.
@Suite struct DurationTextTests {
    @Test func unitsCombineLargestFirst() {
        #expect(parseDurationSeconds("300") == 300)
        #expect(parseDurationSeconds("4.5") == 4.5)
        #expect(parseDurationSeconds("90S") == 90)
        #expect(parseDurationSeconds("5m30s") == 330)
        #expect(parseDurationSeconds("1D2H") == 93_600)  // 86400 + 7200
        #expect(parseDurationSeconds("1h0.5m") == 3630)
        #expect(parseDurationSeconds("5.") == 5)
        #expect(parseDurationSeconds(".5") == 0.5)
    }

    /// Decimal, not binary: 1.1 × 60 is 66.000…01 in doubles, 66 in ticks.
    @Test func decimalsAreExactToTheTick() {
        #expect(parseDurationSeconds("1.1m") == 66)
        #expect(parseDurationSeconds("0.1h") == 360)
        #expect(parseDurationSeconds("0.00000005s") == 0.000_000_1)  // half a tick rounds up
        #expect(parseDurationSeconds("0.00000004s") == 0)
    }

    @Test func limits() {
        // Int64.max ticks is 10,675,199 days and some hours.
        #expect(parseDurationSeconds("10675199d") == 922_337_193_600)
        #expect(parseDurationSeconds("10675200d") == nil)
        #expect(parseDurationSeconds("1234567890123456789") == nil)  // over 18 digits
    }

    @Test(arguments: ["", "m", "5x", "30m1h", "5m5m", "1h30", "1..5s", "-5m", "+5m", "1ms", "1h 30m", "1e3", "00:05:00", "time(5m)"])
    func rejects(text: String) {
        #expect(parseDurationSeconds(text) == nil)
    }
}
