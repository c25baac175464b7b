/// Why a text is not valid TOML, and where: `line:column`, both 1-based, the column counted in Unicode
/// scalars. The message is plain English and never holds raw bytes of the input: a key it names is escaped
/// (see `printable`), so a caller may print it, though callers still pass it through their own escaping.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `3:14: expected a value`.
    public var description: String { "\(line):\(column): \(message)" }
}

/// A key or text from the document made safe for a message: control, invisible and bidirectional
/// characters are written as `\u{…}`, so a hostile key cannot drive the terminal that shows the error.
func printable(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format
            || scalar.value == 0x2028 || scalar.value == 0x2029 {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
