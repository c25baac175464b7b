/// Data strings made safe to print: the events are written by machines an attacker may control, so a
/// process or device name must never reach a terminal as an escape sequence or hide text behind a
/// bidirectional override. Control and invisible characters are shown escaped instead (`\x1b`, `<U+202E>`).
public func terminalSafe(_ text: String) -> String {
    var needsEscaping = false
    for scalar in text.unicodeScalars where isUnsafeForTerminal(scalar) {
        needsEscaping = true
        break
    }
    guard needsEscaping else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
        if !isUnsafeForTerminal(scalar) {
            result.unicodeScalars.append(scalar)
        } else if scalar.value < 0x100 {
            result += "\\x" + hex(scalar.value, digits: 2)
        } else {
            result += "<U+" + hex(scalar.value, digits: 4) + ">"
        }
    }
    return result
}

/// C0 and C1 controls, DEL, bidirectional controls, zero-width and every other invisible format
/// character (Unicode category Cf, which also holds the tag characters U+E0000–U+E007F that can smuggle
/// text no one sees). The one definition of "unsafe to print" for every output of the program.
public func isUnsafeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    // U+2065 is unassigned but sits among the invisible operators and isolates; U+180E lost its Cf
    // category in Unicode 6.3 yet still shows as nothing.
    case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x00AD, 0x061C, 0x180E: return true
    default: return scalar.properties.generalCategory == .format
    }
}

private func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: digits > 2)
    return String(repeating: "0", count: max(0, digits - text.count)) + (digits > 2 ? text : text.lowercased())
}
