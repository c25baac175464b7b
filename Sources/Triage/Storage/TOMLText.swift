import BeaconEngine
import KQL
import Foundation
import TOML

/// The pieces of TOML the triage file is written with. The file is rendered by hand, with a header
/// comment and a fixed, readable key order; the TOML module reads it back.
enum TOMLText {
    /// A basic string. Besides what TOML requires escaped (quote, backslash, control characters), anything
    /// invisible or reordering (bidirectional overrides, zero-width characters) is written as `\uXXXX`, so
    /// a reviewer reading a diff of the file sees a hostile process name as it is.
    static func string(_ text: String) -> String { quotedTOMLString(text) }

    /// Control characters (which TOML forbids raw), and the invisible and bidirectional characters
    /// `terminalSafe` escapes.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF, 0x00AD, 0x061C, 0x180E: true
        default: false
        }
    }

    /// An offset date-time in UTC to the millisecond: `2024-05-01T10:00:00.250Z`.
    static func dateTime(_ date: Date) -> String {
        let milliseconds = millisecondsSince1970(date)
        let (days, millisecondOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let second = millisecondOfDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2)).\(pad(millisecondOfDay % 1000, 3))Z"
    }
}

/// Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil), the inverse of
/// the engine's `civilDate`.
func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

private func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a / b, r = a % b
    return r < 0 ? (q - 1, r + b) : (q, r)
}

private func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(abs(value))
    return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
}
