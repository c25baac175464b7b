/// A TOML value. Integers are 64-bit (a literal outside that range is an error, not a rounding); the four
/// kinds of date and time stay apart, as the spec keeps them.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// `1979-05-27T07:32:00-08:00`: an instant; the offset in minutes east of UTC.
    case offsetDateTime(TOMLDate, TOMLTime, offsetMinutes: Int)
    /// `1979-05-27T07:32:00`: a wall-clock time in no particular zone.
    case localDateTime(TOMLDate, TOMLTime)
    case localDate(TOMLDate)
    case localTime(TOMLTime)
    case array([TOMLValue])
    /// An inline table, a `[table]`, or a table made by dotted keys.
    case table(TOMLTable)

    public var string: String? { if case .string(let value) = self { value } else { nil } }
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    public var float: Double? { if case .float(let value) = self { value } else { nil } }
    public var boolean: Bool? { if case .boolean(let value) = self { value } else { nil } }
    public var array: [TOMLValue]? { if case .array(let value) = self { value } else { nil } }
    public var table: TOMLTable? { if case .table(let value) = self { value } else { nil } }

    /// The kind's name as the spec calls it (`string`, `integer`, `offset date-time`, …), for messages.
    public var kindName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .offsetDateTime: "offset date-time"
        case .localDateTime: "local date-time"
        case .localDate: "local date"
        case .localTime: "local time"
        case .array: "array"
        case .table: "table"
        }
    }

    /// `an integer`, `a string`: the kind's name with its article.
    public var kindWithArticle: String {
        let name = kindName
        return (["a", "e", "i", "o", "u"].contains(name.first.map(String.init) ?? "") ? "an " : "a ") + name
    }

    /// The value written as TOML (strings in double quotes, escaped; tables inline), for messages that
    /// show what a file held. Control and invisible characters are always escaped.
    public var tomlText: String {
        switch self {
        case .string(let text): return quotedTOMLString(text)
        case .integer(let value): return String(value)
        case .float(let value):
            if value.isNaN { return "nan" }
            if value.isInfinite { return value < 0 ? "-inf" : "inf" }
            return "\(value)"
        case .boolean(let value): return value ? "true" : "false"
        case .offsetDateTime(let date, let time, let offset): return "\(date)T\(time)\(offsetText(offset))"
        case .localDateTime(let date, let time): return "\(date)T\(time)"
        case .localDate(let date): return date.description
        case .localTime(let time): return time.description
        case .array(let items): return "[" + items.map(\.tomlText).joined(separator: ", ") + "]"
        case .table(let table):
            if table.isEmpty { return "{}" }
            return "{ " + table.entries.map { quotedKey($0.key) + " = " + $0.value.tomlText }.joined(separator: ", ") + " }"
        }
    }
}

/// A basic string: quote, backslash, controls and invisible characters (format characters such as
/// bidirectional overrides and zero-width spaces, line and paragraph separators) escaped, so that a
/// reviewer reading the file sees a hostile string as it is.
public func quotedTOMLString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format
                || scalar.value == 0x2028 || scalar.value == 0x2029 {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// A key bare when it can be, quoted otherwise.
func quotedKey(_ key: String) -> String {
    !key.isEmpty && key.utf8.allSatisfy(isBareKeyByte) ? key : quotedTOMLString(key)
}
