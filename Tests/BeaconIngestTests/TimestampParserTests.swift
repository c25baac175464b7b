import BeaconEngine
import BeaconIngest
import Foundation
import Testing

/// Expected epoch seconds were computed with `date -u -d <time> +%s`; fractions by hand (1 tick = 100 ns).
@Suite struct TimestampParserTests {
    // 2017-10-30T23:00:10Z = 1509404410 s.
    static let base: Int64 = 1_509_404_410

    @Test(arguments: [
        ("2017-10-30T23:00:10Z", ticks(base)),
        ("2017-10-30T23:00:10.1Z", ticks(base, 1_000_000)),
        ("2017-10-30T23:00:10.12Z", ticks(base, 1_200_000)),
        ("2017-10-30T23:00:10.123Z", ticks(base, 1_230_000)),
        ("2017-10-30T23:00:10.1234Z", ticks(base, 1_234_000)),
        ("2017-10-30T23:00:10.12345Z", ticks(base, 1_234_500)),
        ("2017-10-30T23:00:10.123456Z", ticks(base, 1_234_560)),
        ("2017-10-30T23:00:10.1234567Z", ticks(base, 1_234_567)),
        ("2017-10-30T23:00:10.1000000Z", ticks(base, 1_000_000)),
        // Beyond 7 digits: truncated to the tick, never rounded (so never into the next second).
        ("2017-10-30T23:00:10.123456789Z", ticks(base, 1_234_567)),
        ("2017-10-30T23:00:10.99999999999Z", ticks(base, 9_999_999)),
        ("2017-10-30T23:00:10.0000001Z", ticks(base, 1)),
    ])
    func fractionDigits(text: String, expected: Int64) {
        #expect(TimestampParser.parse(Substring(text))?.ticks == expected)
    }

    @Test(arguments: [
        "2017-10-30T23:00:10.1",            // no zone: UTC, as Kusto
        "2017-10-30 23:00:10.1Z",           // space instead of T
        "2017-10-30t23:00:10.1z",
        "2017-10-31T01:00:10.1+02:00",
        "2017-10-31T01:00:10.1+0200",
        "2017-10-31T01:00:10.1+02",
        "2017-10-30T17:30:10.1-05:30",
        "2017-10-30T17:30:10.1-0530",
        "2017-10-31T08:45:10.1+09:45",
        "2017-10-30T23:00:10.1+00:00",
        "2017-10-30T23:00:10.1-00:00",
        "  2017-10-30T23:00:10.1Z\t",       // surrounding blanks ignored
    ])
    func zonesAndSeparators(text: String) {
        #expect(TimestampParser.parse(Substring(text))?.ticks == ticks(Self.base, 1_000_000))
    }

    @Test func leapDaysAndCenturies() {
        // 2020-02-29T12:34:56Z = 1582979696 s; 2024-02-29T00:00:00Z = 1709164800 s.
        #expect(TimestampParser.parse("2020-02-29T12:34:56Z")?.ticks == ticks(1_582_979_696))
        #expect(TimestampParser.parse("2024-02-29T00:00:00Z")?.ticks == ticks(1_709_164_800))
        // 2000 is a leap year (divisible by 400): 2000-03-01 = 951868800 s, one day after Feb 29.
        #expect(TimestampParser.parse("2000-03-01T00:00:00Z")?.ticks == ticks(951_868_800))
        #expect(TimestampParser.parse("2000-02-29T00:00:00Z")?.ticks == ticks(951_868_800 - 86_400))
        // 1900 and 2100 are not (divisible by 100, not by 400); 2023 is not.
        #expect(TimestampParser.parse("1900-02-29T00:00:00Z") == nil)
        #expect(TimestampParser.parse("2100-02-29T00:00:00Z") == nil)
        #expect(TimestampParser.parse("2023-02-29T00:00:00Z") == nil)
        #expect(TimestampParser.parse("2016-12-31T23:59:59Z")?.ticks == ticks(1_483_228_799))
    }

    @Test func extremesAndTheEpoch() {
        #expect(TimestampParser.parse("1970-01-01T00:00:00Z")?.ticks == 0)
        // One tick before the epoch.
        #expect(TimestampParser.parse("1969-12-31T23:59:59.9999999Z")?.ticks == -1)
        // Kusto's datetime range: 0001-01-01 = -62135596800 s, 9999-12-31T23:59:59 = 253402300799 s.
        #expect(TimestampParser.parse("0001-01-01T00:00:00Z")?.ticks == ticks(-62_135_596_800))
        #expect(TimestampParser.parse("9999-12-31T23:59:59.9999999Z")?.ticks == ticks(253_402_300_799, 9_999_999))
        // An offset that crosses midnight into the previous year.
        #expect(TimestampParser.parse("2017-01-01T01:00:00+02:00")?.ticks
                == TimestampParser.parse("2016-12-31T23:00:00Z")?.ticks)
    }

    @Test(arguments: [
        "", "   ", "2024", "2024-01-01", "2024-01-01T00:00",
        "0000-01-01T00:00:00Z",
        "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
        "2024-01-00T00:00:00Z", "2024-01-32T00:00:00Z", "2024-04-31T00:00:00Z", "2024-06-31T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z",
        "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.", "2024-01-01T00:00:00.12a",
        "2024-01-01T00:00:00ZZ", "2024-01-01T00:00:00 Z", "2024-01-01T00:00:00X",
        "2024-01-01T00:00:00+2:00", "2024-01-01T00:00:00+02:0", "2024-01-01T00:00:00+24:00",
        "2024-01-01T00:00:00+05:60", "2024-01-01T00:00:00+", "2024-01-01T00:00:00+02:00Z",
        "2024-1-01T00:00:00Z", "2024/01/01T00:00:00Z", "2024-01-01X00:00:00Z", "2024-01-01T00-00-00Z",
        "abcd-01-01T00:00:00Z", "-024-01-01T00:00:00Z", "1509404410",
        "10/30/2017 11:00:10 PM",
    ])
    func rejects(text: String) {
        #expect(TimestampParser.parse(Substring(text)) == nil)
    }

    @Test func byteAndSubstringEntryPointsAgree() {
        let line = "x,2017-10-30T23:00:10.1234567Z,y"
        let start = line.index(line.startIndex, offsetBy: 2)
        let end = line.index(start, offsetBy: 28)
        let substring = line[start..<end]
        #expect(TimestampParser.parse(substring)?.ticks == ticks(Self.base, 1_234_567))
        let bytes = Array(substring.utf8)
        let fromBytes = bytes.withUnsafeBufferPointer { TimestampParser.parse(bytes: $0) }
        #expect(fromBytes?.ticks == ticks(Self.base, 1_234_567))
        let empty: [UInt8] = []
        #expect(empty.withUnsafeBufferPointer { TimestampParser.parse(bytes: $0) } == nil)
    }

    /// The civil-date arithmetic against Foundation's Gregorian calendar (an independent implementation)
    /// on the 1st and 28th of every month and every 29th of February, 1600–2400.
    @Test func civilDatesAgreeWithFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var mismatches: [String] = []
        for year in 1600...2400 {
            for month in 1...12 {
                var days = [1, 28]
                if month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) { days.append(29) }
                for day in days {
                    let components = DateComponents(year: year, month: month, day: day, hour: 13, minute: 7, second: 9)
                    let date = try #require(calendar.date(from: components))
                    let expected = Int64(date.timeIntervalSince1970.rounded()) * 10_000_000
                    let text = String(format: "%04d-%02d-%02dT13:07:09Z", year, month, day)
                    if TimestampParser.parse(Substring(text))?.ticks != expected { mismatches.append(text) }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
