import BeaconEngine
import TOMLKit
import TOMLPrecheck

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
        if let line = TOMLPrecheck.unsafeTableHeaderLine(in: text) {
            diagnostics.append(ThemeDiagnostic(file: file, line: line,
                                               message: "not a valid TOML file: a table header must start with a role name; using the dark theme"))
            return ThemeLoadResult(theme: renamed(.dark, defaultName), diagnostics: diagnostics, inheritedRoles: Role.allCases)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            diagnostics.append(ThemeDiagnostic(file: file, line: error.source.begin.line,
                                               message: "not a valid TOML file: \(terminalSafe(error.description)); using the dark theme"))
            return ThemeLoadResult(theme: renamed(.dark, defaultName), diagnostics: diagnostics, inheritedRoles: Role.allCases)
        } catch {
            diagnostics.append(ThemeDiagnostic(file: file, line: nil, message: "could not be read as TOML; using the dark theme"))
            return ThemeLoadResult(theme: renamed(.dark, defaultName), diagnostics: diagnostics, inheritedRoles: Role.allCases)
        }
        let lines = ThemeSourceLines(text: text)
        func report(_ path: [String], _ message: String) {
            diagnostics.append(ThemeDiagnostic(file: file, line: lines.line(for: path), message: message))
        }

        var name = defaultName
        var base = Theme.dark
        var roleTables: [(path: [String], values: [(String, TOMLValueConvertible)])] = []
        collectRoleTables(table, path: [], into: &roleTables)
        for key in table.keys.sorted() where table[key]?.table == nil {
            let value = table[key]!
            switch key {
            case "name":
                if let text = value.string { name = text } else { report([key], "`name` must be a string") }
            case "base":
                if let text = value.string, let theme = Theme.builtIn(named: text) {
                    base = theme
                } else {
                    report([key], "unknown base theme \(describe(value)) (expected dark, light, high-contrast or mono); using dark")
                }
            default:
                report([key], "unknown key `\(key)` (a role is a table such as [row.selected]); ignored")
            }
        }

        var styles = base.styles
        var setRoles: Set<Role> = []
        for (path, values) in roleTables.sorted(by: { (lines.line(for: $0.path) ?? 0) < (lines.line(for: $1.path) ?? 0) }) {
            let roleName = path.joined(separator: ".")
            guard let role = Role(rawValue: roleName) else {
                report(path, "unknown role `\(roleName)`; ignored (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            if setRoles.contains(role) { report(path, "role `\(roleName)` is set twice; the later one wins") }
            setRoles.insert(role)
            var style = ThemeStyle()
            var broken = false
            for (key, value) in values {
                switch key {
                case "fg", "bg":
                    guard let colour = parseColour(value) else {
                        report(path + [key], "bad colour \(describe(value)) for \(roleName) \(key): \(expectedColour); using the default style for \(roleName)")
                        broken = true
                        continue
                    }
                    if key == "fg" { style.fg = colour } else { style.bg = colour }
                case "attrs":
                    // A list of names; a single name is accepted too.
                    let items: [TOMLValueConvertible] = value.array.map { Array($0) } ?? [value]
                    for item in items {
                        if let attribute = item.string, style.setAttribute(attribute) { continue }
                        report(path + [key], "bad attribute \(describe(item)) for \(roleName) (expected a list of \(ThemeStyle.attributeNames.joined(separator: ", "))); using the default style for \(roleName)")
                        broken = true
                    }
                default:
                    report(path + [key], "unknown key `\(key)` in \(roleName) (expected fg, bg, attrs); ignored")
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

    /// Every table that holds a value (or holds nothing), by its key path: `[row.selected]` is
    /// `row` → `selected`, and `[border]` may hold both `fg` and the table `focus`.
    private static func collectRoleTables(_ table: TOMLTable, path: [String],
                                          into result: inout [(path: [String], values: [(String, TOMLValueConvertible)])]) {
        var values: [(String, TOMLValueConvertible)] = []
        var hasSubtables = false
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            if let subtable = value.table {
                hasSubtables = true
                collectRoleTables(subtable, path: path + [key], into: &result)
            } else if !path.isEmpty {
                values.append((key, value))
            }
        }
        if !path.isEmpty, !values.isEmpty || !hasSubtables { result.append((path, values)) }
    }

    private static func parseColour(_ value: TOMLValueConvertible) -> ThemeColor? {
        if let text = value.string { return ThemeColor(parsing: text) }
        if value.type == .int, let index = value.int { return ThemeColor(index: index) }
        return nil
    }

    /// A value for a message, escaped: a theme file is data too.
    private static func describe(_ value: TOMLValueConvertible) -> String {
        if let text = value.string { return "`\(terminalSafe(text))`" }
        return "`\(terminalSafe(value.tomlValue.debugDescription))`"
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
