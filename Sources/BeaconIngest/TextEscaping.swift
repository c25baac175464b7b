import KQL

/// Making attacker-controlled data safe to print in one line: the events come from machines an attacker
/// may control, so a value must never reach a terminal as an escape sequence, a line break or hidden
/// bidirectional text. Which characters are escaped is `isUnsafeForTerminal`'s one definition (KQL), shared
/// with the table, the console and CSV; messages spell line breaks and tabs as `\n`, `\r`, `\t` for reading.

/// `text` with C0/C1 controls, DEL and invisible or bidirectional format characters escaped
/// (`\n`, `\r`, `\t`, `\x1b`, `<U+202E>`); with `escapeBackslash`, backslashes and double quotes too, so the
/// result can sit between quotes unambiguously.
func escapeForTerminal(_ text: String, escapeBackslash: Bool = false) -> String {
    var needsEscaping = false
    for scalar in text.unicodeScalars where isUnsafeForTerminal(scalar) || (escapeBackslash && (scalar == "\\" || scalar == "\"")) {
        needsEscaping = true
        break
    }
    guard needsEscaping else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\\" where escapeBackslash: result += "\\\\"
        case "\"" where escapeBackslash: result += "\\\""
        default:
            if isUnsafeForTerminal(scalar) {
                result += terminalSafe(String(scalar))  // `\x1b`, `<U+202E>`: the notation of every output
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result
}

/// A data value for a message: in double quotes, escaped, and cut after `limit` characters.
func quoted(_ value: String, limit: Int = 80) -> String {
    var text = value
    var cut = false
    if text.count > limit {
        text = String(text.prefix(limit))
        cut = true
    }
    return "\"" + escapeForTerminal(text, escapeBackslash: true) + "\"" + (cut ? "…" : "")
}
