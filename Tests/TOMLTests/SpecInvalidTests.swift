import Testing
@testable import TOML

/// Every example the TOML 1.0.0 spec marks invalid, and the rules it states in prose, each with the line
/// and column of the error counted by hand (columns in characters, 1-based) and a word of its message.
@Suite struct SpecInvalidTests {
    @Test(arguments: [
        // Key/value pairs
        ("key = # INVALID", 1, 7, "expected a value"),
        ("first = \"Tom\" last = \"Preston-Werner\" # INVALID", 1, 15, "end of the line"),
        ("key =\n\"value\"", 1, 6, "found a newline"),
        // Keys
        ("= \"no key name\"  # INVALID", 1, 1, "expected a key"),
        ("name = \"Tom\"\nname = \"Pradyun\"", 2, 1, "already defined at line 1"),
        ("spelling = \"favorite\"\n\"spelling\" = \"favourite\"", 2, 1, "already defined at line 1"),
        ("fruit.apple = 1\nfruit.apple.smooth = true", 2, 7, "already an integer (line 1)"),
        ("\"\"\"key\"\"\" = 1", 1, 1, "multi-line"),
        ("a.\n= 1", 1, 3, "after the `.`"),
        // Strings
        ("str5 = \"\"\"Here are three quotation marks: \"\"\".\"\"\"", 1, 46, "end of the line"),
        ("apos15 = '''Here are fifteen apostrophes: ''''''''''''''''''", 1, 48, "too many quotes"),
        ("s = \"unterminated\nt = 1", 1, 18, "no closing"),
        ("s = 'a\u{7}b'", 1, 7, "U+0007"),
        ("s = \"a\u{1B}b\"", 1, 7, "U+001B"),
        ("s = \"\"\"a\u{7F}\"\"\"", 1, 9, "U+007F"),
        ("s = \"\\x41\"", 1, 6, "unknown escape"),
        ("s = \"a\\ b\"", 1, 7, "unknown escape"),
        ("s = \"\\uD800\"", 1, 6, "not a Unicode scalar"),
        ("s = \"\\U00110000\"", 1, 6, "not a Unicode scalar"),
        ("s = \"\\u12\"", 1, 6, "4 hexadecimal digits"),
        ("s = \"\"\"\nabc", 2, 4, "no closing"),
        // Integers
        ("a = 0123", 1, 5, "leading zeros"),
        ("a = +0x1F", 1, 5, "no sign"),
        ("a = 1__000", 1, 5, "between two digits"),
        ("a = 1000_", 1, 5, "between two digits"),
        ("a = _1000", 1, 5, "expected a value"),
        ("a = 0x_1F", 1, 5, "between two digits"),
        ("a = 0xG", 1, 5, "not a valid"),
        ("a = 9223372036854775808", 1, 5, "64-bit"),
        ("a = -9223372036854775809", 1, 5, "64-bit"),
        ("a = 0x8000000000000000", 1, 5, "64-bit"),
        // Floats
        ("invalid_float_1 = .7", 1, 19, "expected a value"),
        ("invalid_float_2 = 7.", 1, 19, "not a valid number"),
        ("invalid_float_3 = 3.e+20", 1, 19, "not a valid number"),
        ("a = 01.5", 1, 5, "leading zeros"),
        ("a = 1e", 1, 5, "not a valid number"),
        ("a = 1.5_", 1, 5, "between two digits"),
        ("a = infinity", 1, 5, "not a valid number"),
        // Booleans are lower case
        ("a = True", 1, 5, "expected a value"),
        // Dates and times
        ("a = 1979-02-29", 1, 5, "not a real date"),
        ("a = 1979-04-31", 1, 5, "not a real date"),
        ("a = 1979-13-01", 1, 5, "not a real date"),
        ("a = 1979-05-27T24:00:00", 1, 16, "not a valid time"),
        ("a = 07:60:00", 1, 5, "not a valid time"),
        ("a = 1979-05-27T07:32", 1, 21, "seconds"),
        ("a = 1979-05-27T", 1, 16, "expected a time"),
        ("a = 1979-05-27T07:32:00+24:00", 1, 24, "offset"),
        ("a = 1979-05-27T07:32:00.", 1, 25, "fraction"),
        ("a = 1979-5-27", 1, 11, "2 digits"),
        // Newlines
        ("a = 1\rb = 2", 1, 6, "carriage return"),
        ("# comment with \u{0} inside", 1, 16, "U+0000"),
        ("# comment \u{7F}", 1, 11, "U+007F"),
        // Arrays
        ("a = [1 2]", 1, 8, "expected `,` or `]`"),
        ("a = [1,,2]", 1, 8, "expected a value"),
        ("a = [,]", 1, 6, "expected a value"),
        ("a = [1, 2", 1, 10, "end of the text"),
        // Inline tables
        ("a = { b = 1, }", 1, 14, "trailing comma"),
        ("a = { b = 1\n}", 1, 12, "one line"),
        ("a = { b = 1, b = 2 }", 1, 14, "already defined"),
        ("[product]\ntype = { name = \"Nail\" }\ntype.edible = false", 3, 1, "inline table (line 2)"),
        ("[product]\ntype.name = \"Nail\"\ntype = { edible = false }", 3, 1, "already defined at line 2"),
        ("a = { b = { c = 1 }, b.d = 2 }", 1, 22, "inline table"),
        // Tables
        ("[fruit]\napple = \"red\"\n\n[fruit]\norange = \"orange\"", 4, 2, "already defined at line 1"),
        ("[fruit]\napple = \"red\"\n\n[fruit.apple]\ntexture = \"smooth\"", 4, 8, "already a string (line 2)"),
        ("[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n\n[fruit.apple]", 5, 8, "already defined at line 2"),
        ("[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n\n[fruit.apple.taste]", 5, 14, "already defined at line 3"),
        ("[a.b.c]\nz = 9\n\n[a]\nb.c.t = 1", 5, 3, "defined at line 1"),
        ("[a]\n[a.b]\n[a]", 3, 2, "already defined at line 1"),
        ("[]", 1, 2, "expected a key"),
        ("[a]b = 1", 1, 4, "end of the line after the table header"),
        ("[a\nb = 1", 1, 3, "`]`"),
        ("[[a]\nb = 1", 1, 4, "`]]`"),
        ("[ [a] ]", 1, 3, "expected a key"),
        ("a = 1\n[a]", 2, 2, "already an integer (line 1)"),
        // Arrays of tables
        ("[fruit.physical]\ncolor = \"red\"\nshape = \"round\"\n\n[[fruit]]\nname = \"apple\"", 5, 3, "already a table (line 1)"),
        ("fruits = []\n\n[[fruits]] # Not allowed", 3, 3, "static array (line 1)"),
        ("[[fruits]]\nname = \"apple\"\n\n[[fruits.varieties]]\nname = \"red delicious\"\n\n# INVALID: This table conflicts with the previous array of tables\n[fruits.varieties]\nname = \"granny smith\"",
         8, 9, "already an array of tables (line 4)"),
        ("[[fruits]]\nname = \"apple\"\n\n[fruits.physical]\ncolor = \"red\"\nshape = \"round\"\n\n# INVALID: This array of tables conflicts with the previous table\n[[fruits.physical]]\ncolor = \"green\"",
         9, 10, "already a table (line 4)"),
        ("[[a]]\nb.c = 1\n[a.b]", 3, 4, "already defined at line 2"),
    ] as [(String, Int, Int, String)])
    func isRefusedAtItsPlace(text: String, line: Int, column: Int, message: String) {
        guard let error = failure(text) else { return }
        #expect(error.line == line, "\(error)")
        #expect(error.column == column, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func columnsCountCharactersNotBytes() {
        // `é` is two bytes of UTF-8, `😀` four; the backslash is the 7th and 8th character.
        #expect(failure("s = \"é\\q\"")?.column == 7)
        #expect(failure("s = \"😀é\\q\"")?.column == 8)
    }

    @Test func linesCountAcrossMultiLineStringsArraysAndCRLF() {
        let text = "a = \"\"\"\none\ntwo\"\"\"\r\nb = [\n  1,\n  # c\n]\nc = '''\r\nx\r\n'''\nd = tru\n"
        let error = failure(text)
        #expect(error?.line == 11)
        #expect(error?.column == 5)
        #expect(error?.description == "11:5: expected a value (a string, number, boolean, date, array or inline table), found `t`")
    }

    @Test func messagesNeverHoldRawControlCharacters() {
        let hostile = ["\u{1B}[31m = 1", "a = 1\n\"\u{202E}x\" = 2\n\"\u{202E}x\" = 3", "a = \u{1B}", "[\"\u{1B}\"]\n[\"\u{1B}\"]"]
        for text in hostile {
            guard let error = failure(text) else { continue }
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E }, "\(error)")
        }
    }
}
