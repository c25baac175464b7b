import KQL
import TOML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem in a theme file, located as `file:line: message` so an editor can jump to it.
public struct ThemeDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the key could not be found in the text.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// A theme as loaded from a file: always a usable theme, plus what was wrong with the file.
public struct ThemeLoadResult: Sendable {
    public var theme: Theme
    public var diagnostics: [ThemeDiagnostic]
    /// The roles the file did not set, which came from its base theme.
    public var inheritedRoles: [Role]
}

/// Theme files: TOML, one table per role (see `themes/README.md`).
///
/// ```toml
/// name = "dark"      # optional; the file name otherwise
/// base = "dark"      # optional; the built-in theme that supplies roles the file leaves out
///
/// [row.selected]     # a role, by its name (`Role.rawValue`)
/// fg = 255           # default | an ANSI name (red, bright-red, …) | 0–255 | "#rrggbb"
/// bg = "#005f87"
/// attrs = ["bold"]   # any of bold, dim, reverse, underline, italic
/// ```
///
/// The same roles may be written as inline tables (`"row.selected" = { fg = 255, attrs = ["bold"] }`):
/// TOML gives both spellings the same key path. A mistake never stops the console: an unknown role
/// or key is reported and ignored, a bad colour or attribute is reported and that role keeps its
/// base style, and a file that is not TOML at all yields the dark theme with the parser's message.
public enum ThemeFile {
    static let styleKeys: Set<String> = ["fg", "bg", "attrs"]
    static let expectedColour = "expected default, an ANSI name (red, bright-red, …), 0–255 or #rrggbb"

    /// Parses a theme file's text; `file` names it in messages (and the theme when it has no `name`).
    public static func parse(_ text: String, file: String) -> ThemeLoadResult {
        var diagnostics: [ThemeDiagnostic] = []
        let defaultName = themeName(fromPath: file)
        let table: TOMLTable
        do {
            table = try TOMLDocument.parse(text)
        } catch {
            diagnostics.append(ThemeDiagnostic(file: file, line: error.line,
                                               message: "not a valid TOML file: \(terminalSafe(error.message)) (column \(error.column)); using the dark theme"))
            return ThemeLoadResult(theme: renamed(.dark, defaultName), diagnostics: diagnostics, inheritedRoles: Role.allCases)
        }
        func report(_ line: Int, _ message: String) {
            diagnostics.append(ThemeDiagnostic(file: file, line: line, message: message))
        }

        var name = defaultName
        var base = Theme.dark
        var roleTables: [RoleTable] = []
        collectRoleTables(table, path: [], into: &roleTables)
        for entry in table.entries where entry.value.table == nil {
            switch entry.key {
            case "name":
                if let text = entry.value.string { name = text } else { report(entry.line, "`name` must be a string") }
            case "base":
                if let text = entry.value.string, let theme = Theme.builtIn(named: text) {
                    base = theme
                } else {
                    report(entry.line, "unknown base theme \(describe(entry.value)) (expected dark, light, high-contrast or mono); using dark")
                }
            default:
                report(entry.line, "unknown key `\(terminalSafe(entry.key))` (a role is a table such as [row.selected]); ignored")
            }
        }

        var styles = base.styles
        var setRoles: Set<Role> = []
        for roleTable in roleTables.sorted(by: { $0.line < $1.line }) {
            let roleName = terminalSafe(roleTable.path.joined(separator: "."))
            guard let role = Role(rawValue: roleTable.path.joined(separator: ".")) else {
                report(roleTable.line, "unknown role `\(roleName)`; ignored (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            if setRoles.contains(role) { report(roleTable.line, "role `\(roleName)` is set twice; the later one wins") }
            setRoles.insert(role)
            var style = ThemeStyle()
            var broken = false
            for entry in roleTable.values {
                let key = entry.key, value = entry.value
                switch key {
                case "fg", "bg":
                    guard let colour = parseColour(value) else {
                        report(entry.line, "bad colour \(describe(value)) for \(roleName) \(key): \(expectedColour); using the default style for \(roleName)")
                        broken = true
                        continue
                    }
                    if key == "fg" { style.fg = colour } else { style.bg = colour }
                case "attrs":
                    // A list of names; a single name is accepted too.
                    for item in value.array ?? [value] {
                        if let attribute = item.string, style.setAttribute(attribute) { continue }
                        report(entry.line, "bad attribute \(describe(item)) for \(roleName) (expected a list of \(ThemeStyle.attributeNames.joined(separator: ", "))); using the default style for \(roleName)")
                        broken = true
                    }
                default:
                    report(entry.line, "unknown key `\(terminalSafe(key))` in \(roleName) (expected fg, bg, attrs); ignored")
                }
            }
            styles[role] = broken ? base.style(for: role) : style
        }
        let inherited = Role.allCases.filter { !setRoles.contains($0) }
        return ThemeLoadResult(theme: Theme(name: name, styles: styles, fallback: base.fallback), diagnostics: diagnostics,
                               inheritedRoles: inherited)
    }

    /// Reads and parses a theme file; an unreadable file yields the dark theme and a message.
    public static func load(path: String) -> ThemeLoadResult {
        guard let text = readTextFile(path) else {
            return ThemeLoadResult(theme: renamed(.dark, themeName(fromPath: path)),
                                   diagnostics: [ThemeDiagnostic(file: path, line: nil, message: "cannot read the theme file; using the dark theme")],
                                   inheritedRoles: Role.allCases)
        }
        return parse(text, file: path)
    }

    /// What `--theme NAME|PATH` means: a path (anything with a `/` or ending in `.toml`) is loaded;
    /// a built-in name is the compiled-in theme, with no file involved; any other name is looked for as
    /// `NAME.toml` in `searchDirectories`, in order.
    public static func resolve(_ nameOrPath: String, searchDirectories: [String] = []) -> ThemeLoadResult {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") { return load(path: nameOrPath) }
        if let theme = Theme.builtIn(named: nameOrPath) {
            return ThemeLoadResult(theme: theme, diagnostics: [], inheritedRoles: [])
        }
        for directory in searchDirectories {
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + nameOrPath + ".toml"
            if let text = readTextFile(path) { return parse(text, file: path) }
        }
        let known = Theme.builtIns.map(\.name).joined(separator: ", ")
        return ThemeLoadResult(theme: .dark,
                               diagnostics: [ThemeDiagnostic(file: nameOrPath, line: nil, message: "no such theme (built in: \(known)); using dark")],
                               inheritedRoles: Role.allCases)
    }

    /// A theme as a theme file, every role written out: the format documented above, for users who
    /// want to start their own theme from a built-in one.
    public static func render(_ theme: Theme, header: [String] = []) -> String {
        var out = header.map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n")
        if !out.isEmpty { out += "\n\n" }
        out += "name = \"\(theme.name)\"\n"
        for role in Role.allCases {
            let style = theme.style(for: role)
            out += "\n# \(role.themeDescription)\n[\(role.rawValue)]\n"
            out += "fg = \(tomlColour(style.fg))\n"
            out += "bg = \(tomlColour(style.bg))\n"
            out += "attrs = [" + style.attributes.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
        }
        return out
    }

    private static func tomlColour(_ colour: ThemeColor) -> String {
        if case .indexed(let index) = colour { return String(index) }
        return "\"\(colour)\""
    }

    /// A table of the file that may be a role: its key path, the line of its header (or key), and the
    /// keys that are not tables.
    struct RoleTable {
        var path: [String]
        var line: Int
        var values: [TOMLTable.Entry]
    }

    /// Every table that holds a value (or holds nothing), by its key path: `[row.selected]` is
    /// `row` → `selected`, and `[border]` may hold both `fg` and the table `focus`.
    private static func collectRoleTables(_ table: TOMLTable, path: [String], into result: inout [RoleTable]) {
        var values: [TOMLTable.Entry] = []
        var hasSubtables = false
        for entry in table.entries {
            if let subtable = entry.value.table {
                hasSubtables = true
                collectRoleTables(subtable, path: path + [entry.key], into: &result)
            } else if !path.isEmpty {
                values.append(entry)
            }
        }
        if !path.isEmpty, !values.isEmpty || !hasSubtables { result.append(RoleTable(path: path, line: table.line, values: values)) }
    }

    private static func parseColour(_ value: TOMLValue) -> ThemeColor? {
        if let text = value.string { return ThemeColor(parsing: text) }
        if let index = value.integer { return Int(exactly: index).flatMap(ThemeColor.init(index:)) }
        return nil
    }

    /// A value for a message, escaped: a theme file is data too.
    private static func describe(_ value: TOMLValue) -> String {
        if let text = value.string { return "`\(terminalSafe(text))`" }
        return "`\(terminalSafe(value.tomlText))`"
    }

    private static func renamed(_ theme: Theme, _ name: String) -> Theme {
        var copy = theme
        copy.name = name
        return copy
    }

    static func themeName(fromPath path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".toml") { name.removeLast(5) }
        return name
    }
}

/// The file's bytes as UTF-8 text (invalid sequences replaced), or nil when it cannot be read.
func readTextFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
        if count < chunk.count { break }
    }
    if ferror(file) != 0 { return nil }
    return String(decoding: bytes, as: UTF8.self)
}
