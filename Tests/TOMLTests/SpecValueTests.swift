import Testing
@testable import TOML

/// The value examples of the TOML 1.0.0 spec (https://toml.io/en/v1.0.0), each with the value the spec's
/// prose gives it, written out by hand.
@Suite struct SpecValueTests {
    @Test func comments() throws {
        let table = try #require(parsed("""
            # This is a full-line comment
            key = "value"  # This is a comment at the end of a line
            another = "# This is not a comment"
            """))
        #expect(table.keys == ["key", "another"])
        #expect(table["key"] == .string("value"))
        #expect(table["another"] == .string("# This is not a comment"))
    }

    @Test func basicStrings() throws {
        let table = try #require(parsed(#"str = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF.""#))
        #expect(table["str"] == .string("I'm a string. \"You can quote me\". Name\tJos\u{E9}\nLocation\tSF."))
    }

    @Test func multiLineBasicStrings() throws {
        let table = try #require(parsed(#"""
            str1 = """
            Roses are red
            Violets are blue"""

            str2 = """
            The quick brown \


              fox jumps over \
                the lazy dog."""

            str3 = """\
                   The quick brown \
                   fox jumps over \
                   the lazy dog.\
                   """
            str4 = """Here are two quotation marks: "". Simple enough."""
            str5 = """Here are three quotation marks: ""\"."""
            str6 = """Here are fifteen quotation marks: ""\"""\"""\"""\"""\"."""
            str7 = """"This," she said, "is just a pointless statement.""""
            """#))
        #expect(table["str1"] == .string("Roses are red\nViolets are blue"))
        let fox = "The quick brown fox jumps over the lazy dog."
        #expect(table["str2"] == .string(fox))
        #expect(table["str3"] == .string(fox))
        #expect(table["str4"] == .string("Here are two quotation marks: \"\". Simple enough."))
        #expect(table["str5"] == .string("Here are three quotation marks: \"\"\"."))
        #expect(table["str6"] == .string("Here are fifteen quotation marks: " + String(repeating: "\"", count: 15) + "."))
        #expect(table["str7"] == .string("\"This,\" she said, \"is just a pointless statement.\""))
    }

    @Test func literalStrings() throws {
        let table = try #require(parsed(#"""
            winpath  = 'C:\Users\nodejs\templates'
            winpath2 = '\\ServerX\admin$\system32\'
            quoted   = 'Tom "Dubs" Preston-Werner'
            regex    = '<\i\c*\s*>'
            regex2 = '''I [dw]on't need \d{2} apples'''
            lines  = '''
            The first newline is
            trimmed in raw strings.
               All other whitespace
               is preserved.
            '''
            quot15 = '''Here are fifteen quotation marks: """""""""""""""'''
            apos15 = "Here are fifteen apostrophes: '''''''''''''''"
            str = ''''That,' she said, 'is still pointless.''''
            """#))
        #expect(table["winpath"] == .string(#"C:\Users\nodejs\templates"#))
        #expect(table["winpath2"] == .string(#"\\ServerX\admin$\system32\"#))
        #expect(table["quoted"] == .string("Tom \"Dubs\" Preston-Werner"))
        #expect(table["regex"] == .string(#"<\i\c*\s*>"#))
        #expect(table["regex2"] == .string(#"I [dw]on't need \d{2} apples"#))
        #expect(table["lines"] == .string("The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n"))
        #expect(table["quot15"] == .string("Here are fifteen quotation marks: " + String(repeating: "\"", count: 15)))
        #expect(table["apos15"] == .string("Here are fifteen apostrophes: " + String(repeating: "'", count: 15)))
        #expect(table["str"] == .string("'That,' she said, 'is still pointless.'"))
    }

    @Test func escapesReachEveryScalarIncludingNUL() throws {
        let table = try #require(parsed(#"s = "\b\t\n\f\r\"\\\u0000\u00e9\U0001F600\U0010FFFF""#))
        #expect(table["s"] == .string("\u{8}\t\n\u{C}\r\"\\\u{0}\u{E9}\u{1F600}\u{10FFFF}"))
        #expect(table["s"]?.string?.unicodeScalars.count == 11)
    }

    @Test func crlfInAMultiLineStringIsALineFeed() throws {
        let table = try #require(parsed("s = \"\"\"\r\none\r\ntwo\\\r\n   three\"\"\"\r\nt = '''\r\na\r\n'''\r\n"))
        #expect(table["s"] == .string("one\ntwothree"))
        #expect(table["t"] == .string("a\n"))
    }

    @Test func integers() throws {
        let table = try #require(parsed("""
            int1 = +99
            int2 = 42
            int3 = 0
            int4 = -17
            int5 = 1_000
            int6 = 5_349_221
            int7 = 53_49_221  # Indian number system grouping
            int8 = 1_2_3_4_5  # VALID but discouraged
            hex1 = 0xDEADBEEF
            hex2 = 0xdeadbeef
            hex3 = 0xdead_beef
            oct1 = 0o01234567
            oct2 = 0o755 # useful for Unix file permissions
            bin1 = 0b11010110
            plus0 = +0
            minus0 = -0
            max = 9_223_372_036_854_775_807
            min = -9223372036854775808
            hexmax = 0x7FFFFFFFFFFFFFFF
            """))
        let expected: [(String, Int64)] = [
            ("int1", 99), ("int2", 42), ("int3", 0), ("int4", -17), ("int5", 1000), ("int6", 5_349_221), ("int7", 5_349_221),
            ("int8", 12345), ("hex1", 3_735_928_559), ("hex2", 3_735_928_559), ("hex3", 3_735_928_559),
            ("oct1", 342_391), ("oct2", 493), ("bin1", 214), ("plus0", 0), ("minus0", 0),
            ("max", 9_223_372_036_854_775_807), ("min", -9_223_372_036_854_775_807 - 1), ("hexmax", 9_223_372_036_854_775_807),
        ]
        #expect(table.keys == expected.map(\.0))
        for (key, value) in expected { #expect(table[key] == .integer(value), "\(key)") }
    }

    @Test func floats() throws {
        let table = try #require(parsed("""
            flt1 = +1.0
            flt2 = 3.1415
            flt3 = -0.01
            flt4 = 5e+22
            flt5 = 1e06
            flt6 = -2E-2
            flt7 = 6.626e-34
            flt8 = 224_617.445_991_228
            sf1 = inf  # positive infinity
            sf2 = +inf # positive infinity
            sf3 = -inf # negative infinity
            sf4 = nan
            sf5 = +nan
            sf6 = -nan
            zero = -0.0
            """))
        let expected: [(String, Double)] = [
            ("flt1", 1.0), ("flt2", 3.1415), ("flt3", -0.01), ("flt4", 5e22), ("flt5", 1_000_000), ("flt6", -0.02),
            ("flt7", 6.626e-34), ("flt8", 224_617.445_991_228), ("sf1", .infinity), ("sf2", .infinity), ("sf3", -.infinity),
        ]
        for (key, value) in expected { #expect(table[key] == .float(value), "\(key)") }
        for key in ["sf4", "sf5", "sf6"] { #expect(table[key]?.float?.isNaN == true, "\(key)") }
        #expect(table["zero"]?.float?.sign == .minus)
    }

    @Test func booleans() throws {
        let table = try #require(parsed("bool1 = true\nbool2 = false\n"))
        #expect(table["bool1"] == .boolean(true))
        #expect(table["bool2"] == .boolean(false))
    }

    @Test func datesAndTimes() throws {
        let table = try #require(parsed("""
            odt1 = 1979-05-27T07:32:00Z
            odt2 = 1979-05-27T00:32:00-07:00
            odt3 = 1979-05-27T00:32:00.999999-07:00
            odt4 = 1979-05-27 07:32:00Z
            odt5 = 1979-05-27t07:32:00.123456789123z
            ldt1 = 1979-05-27T07:32:00
            ldt2 = 1979-05-27T00:32:00.999999
            ld1 = 1979-05-27
            lt1 = 07:32:00
            lt2 = 00:32:00.999999
            leap = 2000-02-29
            ind = 2024-05-04T10:00:00+05:30
            """))
        let may27 = try #require(TOMLDate(year: 1979, month: 5, day: 27))
        func time(_ h: Int, _ m: Int, _ s: Int, _ ns: Int = 0) throws -> TOMLTime {
            try #require(TOMLTime(hour: h, minute: m, second: s, nanosecond: ns))
        }
        #expect(table["odt1"] == .offsetDateTime(may27, try time(7, 32, 0), offsetMinutes: 0))
        #expect(table["odt2"] == .offsetDateTime(may27, try time(0, 32, 0), offsetMinutes: -420))
        #expect(table["odt3"] == .offsetDateTime(may27, try time(0, 32, 0, 999_999_000), offsetMinutes: -420))
        #expect(table["odt4"] == .offsetDateTime(may27, try time(7, 32, 0), offsetMinutes: 0))
        // Digits past the nanosecond are truncated, not rounded.
        #expect(table["odt5"] == .offsetDateTime(may27, try time(7, 32, 0, 123_456_789), offsetMinutes: 0))
        #expect(table["ldt1"] == .localDateTime(may27, try time(7, 32, 0)))
        #expect(table["ldt2"] == .localDateTime(may27, try time(0, 32, 0, 999_999_000)))
        #expect(table["ld1"] == .localDate(may27))
        #expect(table["lt1"] == .localTime(try time(7, 32, 0)))
        #expect(table["lt2"] == .localTime(try time(0, 32, 0, 999_999_000)))
        #expect(table["leap"] == .localDate(try #require(TOMLDate(year: 2000, month: 2, day: 29))))
        #expect(table["ind"] == .offsetDateTime(try #require(TOMLDate(year: 2024, month: 5, day: 4)), try time(10, 0, 0), offsetMinutes: 330))
    }

    @Test func calendarRules() {
        #expect(TOMLDate(year: 2024, month: 2, day: 29) != nil)
        #expect(TOMLDate(year: 2023, month: 2, day: 29) == nil)
        #expect(TOMLDate(year: 1900, month: 2, day: 29) == nil)  // divisible by 100, not by 400
        #expect(TOMLDate(year: 2000, month: 2, day: 29) != nil)
        #expect(TOMLDate(year: 2024, month: 4, day: 31) == nil)
        #expect(TOMLDate(year: 2024, month: 12, day: 31) != nil)
        #expect(TOMLDate(year: 2024, month: 13, day: 1) == nil)
        #expect(TOMLDate(year: 2024, month: 0, day: 1) == nil)
        #expect(TOMLTime(hour: 23, minute: 59, second: 59, nanosecond: 999_999_999) != nil)
        #expect(TOMLTime(hour: 24, minute: 0, second: 0) == nil)
        #expect(TOMLTime(hour: 0, minute: 60, second: 0) == nil)
    }

    @Test func arrays() throws {
        let table = try #require(parsed("""
            integers = [ 1, 2, 3 ]
            colors = [ "red", "yellow", "green" ]
            nested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]
            nested_mixed_array = [ [ 1, 2 ], ["a", "b", "c"] ]
            string_array = [ "all", 'strings', \"\"\"are the same\"\"\", '''type''' ]
            numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]
            contributors = [
              "Foo Bar <foo@example.com>",
              { name = "Baz Qux", email = "bazqux@example.com", url = "https://example.com/bazqux" }
            ]
            integers2 = [
              1, 2, 3
            ]
            integers3 = [
              1,
              2, # this is ok
            ]
            empty = [ # nothing
            ]
            """))
        #expect(table["integers"] == .array([.integer(1), .integer(2), .integer(3)]))
        #expect(table["colors"] == .array([.string("red"), .string("yellow"), .string("green")]))
        #expect(table["nested_arrays_of_ints"] == .array([.array([.integer(1), .integer(2)]), .array([.integer(3), .integer(4), .integer(5)])]))
        #expect(table["nested_mixed_array"] == .array([.array([.integer(1), .integer(2)]), .array([.string("a"), .string("b"), .string("c")])]))
        #expect(table["string_array"] == .array(["all", "strings", "are the same", "type"].map(TOMLValue.string)))
        #expect(table["numbers"] == .array([.float(0.1), .float(0.2), .float(0.5), .integer(1), .integer(2), .integer(5)]))
        var baz = TOMLTable()
        baz.append(.init(key: "name", value: .string("Baz Qux"), line: 0))
        baz.append(.init(key: "email", value: .string("bazqux@example.com"), line: 0))
        baz.append(.init(key: "url", value: .string("https://example.com/bazqux"), line: 0))
        #expect(table["contributors"] == .array([.string("Foo Bar <foo@example.com>"), .table(baz)]))
        #expect(table["contributors"]?.array?[1].table?.line == 9)
        #expect(table["integers2"] == .array([.integer(1), .integer(2), .integer(3)]))
        #expect(table["integers3"] == .array([.integer(1), .integer(2)]))
        #expect(table["empty"] == .array([]))
    }
}
