import Testing
@testable import TOML
import Triage
import TriageUI

/// The inputs on which the C++ parser used before (toml++) failed an assertion and
/// aborted the process (found by the `triage-toml` and `theme` fuzz targets), through the triage file's and
/// the theme file's readers: each must be a message at its line, and the theme must still load.
@Suite struct AbortRegressionTests {
    /// A line to put inside a well-formed file (it lands on line 5, or 3 in a theme), and what toml++ did with it.
    static let shapes: [(line: String, why: String)] = [
        ("created = 2024-05-04Tq1:00:00Z", "parse_time: Assertion 'is_decimal_digit(*cp)'"),
        ("created = 2024-05-04T", "a date-time cut after its T"),
        ("fg = ,", "parse_value: Assertion '!is_value_terminator(*cp)'"),
        ("fg = ]", "parse_value on a closing bracket"),
        ("fg = }", "parse_value on a closing brace"),
        ("fg =", "parse_value at the end of the line"),
        ("[&decision]]", "parse_key: a table header without a key"),
        ("[[ =x]]", "parse_key: an array-of-tables header without a key"),
    ]

    @Test(arguments: shapes.map(\.line))
    func aTriageFileWithTheShapeIsAnErrorAtItsLine(line: String) {
        let text = "format = 1\n\n[[decision]]\nid = \"a\"\n\(line)\n"
        guard case .failure(let error) = TriageFileFormat.parse(text, file: "team.triage.toml") else {
            Issue.record("parsed: \(line)")
            return
        }
        #expect(error.line == 5, "\(error)")
        #expect(error.message.hasPrefix("not valid TOML: "), "\(error)")
        #expect(error.description.hasPrefix("team.triage.toml:5: not valid TOML: "))
    }

    @Test(arguments: shapes.map(\.line))
    func aThemeFileWithTheShapeGivesTheDarkThemeAndItsLine(line: String) {
        let result = ThemeFile.parse("name = \"mine\"\n[row.selected]\n\(line)\n", file: "mine.toml")
        #expect(result.diagnostics.map(\.line) == [3])
        #expect(result.diagnostics.first?.message.hasPrefix("not a valid TOML file: ") == true)
        #expect(result.theme.styles == Theme.dark.styles)
    }

    @Test func aNULWrittenAsAnEscapeIsKeptWithoutAWorkaround() throws {
        let text = "[[decision]]\nid = \"a\\u0000b\"\nstatus = \"new\"\nscope = \"process\"\n"
            + "process = \"\"\"x\\U00000000\ny\"\"\"\ncreated = 2024-05-01T10:00:00Z\n"
        let decisions = try TriageFileFormat.parse(text, file: "t").get()
        #expect(decisions.first?.id == "a\u{0}b")
        #expect(decisions.first?.scope == .process("x\u{0}\ny"))
    }
}

/// Nesting that would overflow the stack of a recursive parser is an error instead.
@Suite struct DepthTests {
    @Test func arraysAHundredThousandDeepAreAnError() {
        let error = failure("a = " + String(repeating: "[", count: 100_000))
        #expect(error?.line == 1)
        #expect(error?.message.contains("nested more than \(TOMLDocument.maxDepth) deep") == true)
    }

    @Test func inlineTablesAHundredThousandDeepAreAnError() {
        let error = failure("a = " + String(repeating: "{ a = ", count: 100_000))
        #expect(error?.message.contains("nested more than") == true)
    }

    @Test func keysOfAHundredThousandPartsAreAnError() {
        let dotted = Array(repeating: "a", count: 100_000).joined(separator: ".")
        #expect(failure("[" + dotted + "]")?.message.contains("dotted parts") == true)
        #expect(failure(dotted + " = 1")?.message.contains("dotted parts") == true)
        #expect(failure("[[" + dotted + "]]")?.message.contains("dotted parts") == true)
    }

    @Test func depthsAHandWrittenFileUsesAreFine() throws {
        let text = "a = " + String(repeating: "[", count: 50) + "1" + String(repeating: "]", count: 50) + "\n"
            + "[" + Array(repeating: "t", count: 50).joined(separator: ".") + "]\nk = { x = { y = [ { z = 1 } ] } }\n"
        let table = try #require(parsed(text))
        var value = try #require(table["a"])
        for _ in 0..<50 { value = try #require(value.array?.first) }
        #expect(value == .integer(1))
        var inner = try #require(table["t"]?.table)
        for _ in 1..<50 { inner = try #require(inner["t"]?.table) }
        #expect(inner["k"]?.table?["x"]?.table?["y"]?.array?.first?.table?["z"] == .integer(1))
    }
}
