import KQL

/// A CSV cell per RFC 4180, defused for spreadsheets as OWASP recommends: text from the data that starts
/// with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so it shows as text, not a formula.
/// Control and invisible characters are then escaped as the table prints them (`terminalSafe`: `\x1b`,
/// `\x0a`, `<U+202E>`), tab, CR and LF included, so that `cat` of the file cannot drive the terminal and
/// every record is one line; the JSON export keeps such values exactly. A cell longer than a spreadsheet
/// holds is cut with a marker naming where the whole value is (`fullValue`, see `fittedToCellLimit`).
public func csvCell(_ value: OutputValue, fullValue: String = "in the JSON export") -> String {
    var text = value.plainText
    if value.isTextFromData, let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
        text = "'" + text
    }
    return csvQuoted(fittedToCellLimit(terminalSafe(text), value: value, fullValue: fullValue))
}

/// RFC 4180 quoting: a field with a comma, quote, CR or LF is quoted, quotes doubled.
public func csvQuoted(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
        return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
