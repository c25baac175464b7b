import BeaconEngine
@testable import BeaconIngest
import Testing

/// The small pieces the native readers stand on: JSON values with exact numbers, epoch times, IP text,
/// synthetic DeviceIds. Expected values from the RFCs and FIPS 180 examples, or worked out by hand.
@Suite struct NativeValueTests {
    @Test func jsonKeepsNumberTextAndDecodesStrings() throws {
        let value = try JSONTextParser.parse(#" {"ts": 1588317685.417361, "n": -0.5e-3, "s": "a\"b\\c\u00e9\ud83d\ude00\n", "t": true, "z": null, "a": [1, {"k": "v"}], "k": 1, "k": 2} "#)
        #expect(value["ts"] == .number("1588317685.417361"))
        #expect(value["n"] == .number("-0.5e-3"))
        #expect(value["s"] == .string("a\"b\\cé😀\n"))
        #expect(value["t"] == .bool(true))
        #expect(value["z"] == .null)
        #expect(value["a"] == .array([.number("1"), .object(["k": .string("v")])]))
        #expect(value["k"] == .number("1"))   // the first of duplicate names
        #expect(value["missing"] == nil)
        #expect(value["ts"]?.scalarText == "1588317685.417361")
        // A lone surrogate is replaced, not an error.
        #expect(try JSONTextParser.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
    }

    @Test func membersNotKeptAreSteppedOver() throws {
        let text = #"{"skip": {"a": [1, "x\"}]", {"b": null}]}, "keep": "v", "also": -1.5e3, "s2": "\u0041\"", "n": {"k": true}}"#
        let value = try text.withUTF8Buffer { try JSONTextParser.parse($0, keepingMembers: ["keep", "n"]) }
        #expect(value == .object(["keep": .string("v"), "n": .object(["k": .bool(true)])]))
        // Skipped members are still checked for structure.
        #expect(throws: JSONTextParser.Failure.self) {
            try #"{"skip": {"a": [1, 2}, "keep": 1}"#.withUTF8Buffer { try JSONTextParser.parse($0, keepingMembers: ["keep"]) }
        }
        #expect(throws: JSONTextParser.Failure.self) {
            try #"{"skip": "unterminated, "keep": 1"#.withUTF8Buffer { try JSONTextParser.parse($0, keepingMembers: ["keep"]) }
        }
    }

    @Test func jsonErrorsSayWhere() {
        #expect(throws: JSONTextParser.Failure(offset: 7, reason: "expected ',' or '}' in an object")) {
            try JSONTextParser.parse(#"{"a":1 "b":2}"#)
        }
        #expect(throws: JSONTextParser.Failure(offset: 1, reason: "invalid value")) { try JSONTextParser.parse("[x1]") }
        #expect(throws: JSONTextParser.Failure(offset: 3, reason: "unexpected text after the JSON value")) { try JSONTextParser.parse("{} x") }
        #expect(throws: JSONTextParser.Failure(offset: 3, reason: "control character in a string (it must be escaped)")) {
            try JSONTextParser.parse("\"ab\u{01}\"")
        }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONTextParser.Failure(offset: 64, reason: "nested deeper than 64 levels")) { try JSONTextParser.parse(deep) }
    }

    @Test func epochSecondsToTicksExactly() {
        // 1713484795.943239 s = 17134847959432390 ticks; a Double would be off in the last digits.
        #expect(EpochTime.parse("1713484795.943239")?.ticks == 17_134_847_959_432_390)
        #expect(EpochTime.parse("1713484795")?.ticks == 17_134_847_950_000_000)
        #expect(EpochTime.parse("1.713484795943239e9")?.ticks == 17_134_847_959_432_390)
        #expect(EpochTime.parse("1.5e-3")?.ticks == 15_000)
        #expect(EpochTime.parse("0.00000001")?.ticks == 0)
        // Digits past the tick are truncated, as ISO 8601 fractions are.
        #expect(EpochTime.parse("1.123456789")?.ticks == 11_234_567)
        #expect(EpochTime.parse("-1.5")?.ticks == -15_000_000)
        for bad in ["", "-", "1.2.3", "12a", "1e", "abc", "1e99999"] { #expect(EpochTime.parse(bad) == nil, "\(bad)") }
    }

    /// Zeek's resolution is the microsecond: a JSON writer's spurious seventh digit is rounded away.
    @Test func zeekTimesAreRoundedToTheMicrosecond() {
        #expect(ZeekConnMapping.time("1588317141.9032831")?.ticks == 15_883_171_419_032_830)
        #expect(ZeekConnMapping.time("1588317141.9032835")?.ticks == 15_883_171_419_032_840)
        #expect(ZeekConnMapping.time("1588317141.903283")?.ticks == 15_883_171_419_032_830)
        #expect(ZeekConnMapping.time("2020-05-01T07:12:21.903283Z")?.ticks == 15_883_171_419_032_830)
    }

    /// RFC 5952 section 4 and its examples.
    @Test func ipv6IsWrittenInItsRecommendedForm() {
        let cases = [
            "2001:0db8::0001": "2001:db8::1",
            "2001:db8:0:0:0:0:2:1": "2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1": "2001:db8:0:1:1:1:1:1",      // one zero group stays
            "2001:0:0:1:0:0:0:1": "2001:0:0:1::1",               // the longest run
            "2001:db8:0:0:1:0:0:1": "2001:db8::1:0:0:1",         // the first of equal runs
            "2001:DB8::AbCd": "2001:db8::abcd",
            "fe80:0:0:0:3816:b2ee:1b9b:324b": "fe80::3816:b2ee:1b9b:324b",
            "0:0:0:0:0:0:0:1": "::1",
            "::": "::",
            "1::": "1::",
            "::ffff:10.1.2.3": "::ffff:10.1.2.3",
            "0:0:0:0:0:ffff:a01:203": "::ffff:10.1.2.3",
            "fe80::1%12": "fe80::1%12",
            "10.10.10.5": "10.10.10.5",
            "010.001.0.9": "10.1.0.9",
        ]
        for (written, canonical) in cases {
            #expect(IPAddressValue(written)?.canonicalText == canonical, "\(written)")
        }
        for bad in ["", "1.2.3", "1.2.3.256", "::1::", "12345::", "fe80::g", "1:2:3:4:5:6:7:8:9"] {
            #expect(IPAddressValue(bad) == nil, "\(bad)")
        }
    }

    @Test func deviceIdsAreSHA1OfTheConvertersText() {
        // FIPS 180-2 appendix A.1.
        #expect(DeviceIdentity.sha1Hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        // The shared converted CSVs: WORKSTATION5.theshire.local and Zeek originator 10.136.0.18.
        #expect(DeviceIdentity.windowsHost("WORKSTATION5.theshire.local") == "be279f07c29d5bb7369b2c2c63828186a94f50b6")
        #expect(DeviceIdentity.zeekOriginator("10.136.0.18") == "a5e3c9f1b93acc90a3a042126b1a70125d826ab0")
    }
}

extension String {
    /// The UTF-8 bytes of a copy, for parsers that read buffers.
    func withUTF8Buffer<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        var copy = self
        return try copy.withUTF8(body)
    }
}
