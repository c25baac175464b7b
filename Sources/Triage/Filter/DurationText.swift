/// A sleep as analysts type it: seconds (`300`, `4.5`), or with units `s`, `m`, `h`, `d`, combined
/// (`5m`, `1h30m`, `2.5m`). Nil for anything else.
public func parseDurationSeconds(_ text: String) -> Double? {
    guard !text.isEmpty else { return nil }
    let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
    var total = 0.0
    var number = ""
    var sawUnit = false
    var lastUnitScale = Double.infinity
    for character in text.lowercased() {
        if character.isASCII && (character.isNumber || character == ".") {
            number.append(character)
        } else if let scale = units[character] {
            // Units must go from large to small, once each (`1h30m`, not `30m1h` or `5m5m`).
            guard let value = Double(number), scale < lastUnitScale else { return nil }
            total += value * scale
            number = ""
            sawUnit = true
            lastUnitScale = scale
        } else {
            return nil
        }
    }
    if !number.isEmpty {
        // A trailing bare number is seconds, but only on its own: `1h30` is ambiguous.
        guard !sawUnit, let value = Double(number) else { return nil }
        total += value
    }
    return total
}
