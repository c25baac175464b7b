import Testing
@testable import TriageUI

/// `themes/` at the package root, found from this file's path.
let themesDirectory: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    parts.removeLast(3)  // Tests/TriageUITests/ThemeFileTests.swift
    return parts.joined(separator: "/") + "/themes"
}()

@Suite struct ShippedThemeTests {
    @Test(arguments: ["dark", "light", "high-contrast", "mono"])
    func eachShippedFileSetsEveryRoleWithoutWarnings(name: String) throws {
        let result = ThemeFile.load(path: "\(themesDirectory)/\(name).toml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.inheritedRoles.isEmpty)
        #expect(result.theme.missingRoles.isEmpty)
        #expect(Role.allCases.allSatisfy { result.theme.styles[$0] != nil })
        #expect(result.theme.name == name)
    }

    @Test(arguments: Theme.builtIns.map(\.name))
    func eachShippedFileMirrorsItsBuiltInTheme(name: String) throws {
        let builtIn = try #require(Theme.builtIn(named: name))
        let loaded = ThemeFile.load(path: "\(themesDirectory)/\(builtIn.name).toml").theme
        for role in Role.allCases {
            #expect(loaded.style(for: role) == builtIn.style(for: role), "\(builtIn.name) \(role.rawValue)")
        }
    }

    @Test func builtInsCoverEveryRoleAndNeedNoFiles() {
        for theme in Theme.builtIns { #expect(theme.missingRoles.isEmpty, "\(theme.name)") }
        let mono = ThemeFile.resolve("mono", searchDirectories: ["/nonexistent"])
        #expect(mono.theme == Theme.mono && mono.diagnostics.isEmpty)
        #expect(ThemeFile.resolve("high-contrast").theme == Theme.highContrast)
        // The mono theme uses no colour at all.
        #expect(Role.allCases.allSatisfy { Theme.mono.style(for: $0).fg == .default && Theme.mono.style(for: $0).bg == .default })
    }

    @Test func renderingAThemeAndParsingItBackGivesTheSameTheme() {
        for theme in Theme.builtIns {
            let result = ThemeFile.parse(ThemeFile.render(theme, header: ["a header"]), file: "x.toml")
            #expect(result.diagnostics.isEmpty)
            #expect(result.theme == theme)
        }
    }
}

@Suite struct ThemeFileDiagnosticTests {
    let text = """
        # my theme
        name = "mine"
        "status.message" = { fg = "yelow", bg = 236 }
        error = { fg = "red", attrs = ["bold"] }

        [row.selected]
        fg = "blu"
        bg = 24

        [row.selectd]
        fg = "red"

        [hist.outlier]
        fg = "#ff0000"
        attrs = ["bold", "blink"]

        [hist.bar]
        fg = 300

        [axis]
        fg = "bright-black"
        shade = 3
        """

    @Test func eachMistakeIsReportedWithFileAndLine() {
        let result = ThemeFile.parse(text, file: "themes/mine.toml")
        let located = result.diagnostics.map { "\($0.file):\($0.line ?? 0)" }
        #expect(located == ["themes/mine.toml:3", "themes/mine.toml:7", "themes/mine.toml:10", "themes/mine.toml:15",
                            "themes/mine.toml:18", "themes/mine.toml:22"])
        let messages = result.diagnostics.map(\.message)
        #expect(messages[0].hasPrefix("bad colour `yelow` for status.message fg: expected default, an ANSI name"))
        #expect(messages[0].hasSuffix("using the default style for status.message"))
        #expect(messages[1].hasPrefix("bad colour `blu` for row.selected fg"))
        #expect(messages[2].hasPrefix("unknown role `row.selectd`; ignored"))
        #expect(messages[3].hasPrefix("bad attribute `blink` for hist.outlier"))
        #expect(messages[4].hasPrefix("bad colour `300` for hist.bar fg"))
        #expect(messages[5] == "unknown key `shade` in axis (expected fg, bg, attrs); ignored")
        #expect(result.diagnostics[2].description.hasPrefix("themes/mine.toml:10: unknown role `row.selectd`"))
    }

    @Test func theThemeStillLoadsWithDefaultsForTheBrokenRoles() {
        let theme = ThemeFile.parse(text, file: "themes/mine.toml").theme
        #expect(theme.name == "mine")
        #expect(theme.style(for: .rowSelected) == Theme.dark.style(for: .rowSelected))
        #expect(theme.style(for: .statusMessage) == Theme.dark.style(for: .statusMessage))
        #expect(theme.style(for: .histogramOutlier) == Theme.dark.style(for: .histogramOutlier))
        #expect(theme.style(for: .histogramBar) == Theme.dark.style(for: .histogramBar))
        #expect(theme.style(for: .error) == ThemeStyle(fg: .ansi(.red), bold: true))
        #expect(theme.style(for: .axis) == ThemeStyle(fg: .ansi(.brightBlack)))
        #expect(theme.missingRoles.isEmpty)
    }

    @Test func aBaseThemeFillsTheRolesAFileLeavesOut() {
        let result = ThemeFile.parse("base = \"mono\"\n[row.selected]\nattrs = [\"underline\"]\n", file: "/tmp/partial.toml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.theme.name == "partial")
        #expect(result.theme.style(for: .rowSelected) == ThemeStyle(underline: true))
        #expect(result.theme.style(for: .status) == Theme.mono.style(for: .status))
        #expect(result.inheritedRoles.count == Role.allCases.count - 1)
    }

    @Test func inlineTablesAreTheSameRolesAsTables() {
        let text = "\"row.selected\" = { fg = 255, bg = 24, attrs = [\"bold\"] }\nhist.bar = { fg = \"#5fafff\" }\n"
        let result = ThemeFile.parse(text, file: "inline.toml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.theme.style(for: .rowSelected) == ThemeStyle(fg: .indexed(255), bg: .indexed(24), bold: true))
        #expect(result.theme.style(for: .histogramBar) == ThemeStyle(fg: .rgb(red: 0x5f, green: 0xaf, blue: 0xff)))
        let bad = ThemeFile.parse("x = 1\nhist.bar = { fg = \"nope\" }\n", file: "inline.toml")
        #expect(bad.diagnostics.map(\.line) == [1, 2])
    }

    @Test func aRawControlCharacterIsATOMLErrorAndItsMessageIsEscaped() {
        let result = ThemeFile.parse("[row.fp]\nfg = \"\u{1b}[31m\"\n", file: "t.toml")
        #expect(result.diagnostics.count == 1 && result.diagnostics[0].line == 2)
        #expect(!result.diagnostics[0].description.contains("\u{1b}"))
    }

    @Test func aFileThatIsNotTOMLGivesTheDarkThemeAndTheParsersLine() {
        let result = ThemeFile.parse("name = \"x\"\n[row.selected\nfg = 1\n", file: "broken.toml")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics[0].line == 2)
        #expect(result.diagnostics[0].message.hasPrefix("not a valid TOML file"))
        #expect(result.theme.styles == Theme.dark.styles && result.theme.name == "broken")
    }

    @Test func unreadableOrUnknownThemesFallBackWithAMessage() {
        let missing = ThemeFile.load(path: "/nonexistent/theme.toml")
        #expect(missing.diagnostics.first?.description == "/nonexistent/theme.toml: cannot read the theme file; using the dark theme")
        #expect(missing.theme.styles == Theme.dark.styles)
        let unknown = ThemeFile.resolve("solarized", searchDirectories: [themesDirectory])
        #expect(unknown.diagnostics.count == 1 && unknown.theme == Theme.dark)
        let byPath = ThemeFile.resolve("\(themesDirectory)/light.toml")
        #expect(byPath.theme == Theme.light && byPath.diagnostics.isEmpty)
    }

    @Test func topLevelMistakesAndHostileTextAreReportedSafely() {
        // TOML spells the escape character \u001b inside a string; the message must not print it raw.
        let result = ThemeFile.parse("colour = 3\nbase = \"neon\"\n[row.fp]\nfg = \"\\u001b[31m\"\n", file: "t.toml")
        let descriptions = result.diagnostics.map(\.description)
        #expect(descriptions.count == 3)
        #expect(descriptions.contains { $0.hasPrefix("t.toml:1: unknown key `colour`") })
        #expect(descriptions.contains { $0.hasPrefix("t.toml:2: unknown base theme `neon`") })
        #expect(descriptions.contains { $0.hasPrefix("t.toml:4: bad colour `\\x1b[31m` for row.fp fg") })
        #expect(!descriptions.joined().contains("\u{1b}"))
    }

    @Test func aTableHeaderWithoutARoleNameIsADiagnosticNotAnAbort() {
        // `[&row.selected]` made the C++ TOML parser used before (toml++) fail an assertion and abort (found by the theme fuzz
        // target): now the file is reported at its line and the dark theme used.
        let result = ThemeFile.parse("name = \"mine\"\n[&row.selected]\nfg = 1\n", file: "mine.toml")
        #expect(result.diagnostics.map(\.line) == [2])
        #expect(result.inheritedRoles.count == Role.allCases.count)
    }
}
