/// Making attacker-controlled data safe to print in one line: the events come from machines an attacker
/// may control, so a value must never reach a terminal as an escape sequence, a line break or hidden
/// bidirectional text.

/// `text` with C0/C1 controls, DEL and invisible or bidirectional format characters escaped
/// (`\n`, `\r`, `\t`, `\x1b`, `<U+202E>`); with `escapeBackslash`, backslashes and double quotes too, so the
/// result can sit between quotes unambiguously.
func escapeForTerminal(_ text: String, escapeBackslash: Bool = false) -> String {
    var needsEscaping = false
    for scalar in text.unicodeScalars where isUnsafe(scalar) || (escapeBackslash && (scalar == "\\" || scalar == "\"")) {
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
            if !isUnsafe(scalar) {
                result.unicodeScalars.append(scalar)
            } else if scalar.value < 0x100 {
                result += "\\x" + hexDigits(scalar.value, width: 2)
            } else {
                result += "<U+" + hexDigits(scalar.value, width: 4).uppercased() + ">"
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

private func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x00AD, 0x061C, 0x180E: return true
    default: return false
    }
}

private func hexDigits(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
