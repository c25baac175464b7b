/// How many colours the terminal can show, from ncurses' `COLORS` (and `NO_COLOR`): themes are written
/// once, in the richest form, and degraded to this at load time.
public enum ColorDepth: Int, Hashable, Sendable, Comparable {
    /// No colour at all (`NO_COLOR`, `--no-color`, `has_colors() == false`): attributes only.
    case monochrome = 0
    case ansi8 = 8
    case ansi16 = 16
    case indexed256 = 256

    /// The depth for ncurses' `COLORS` (`tmux-256color` and `xterm-256color` give 256, `screen` 8).
    public init(colors: Int) {
        switch colors {
        case 256...: self = .indexed256
        case 16..<256: self = .ansi16
        case 8..<16: self = .ansi8
        default: self = .monochrome
        }
    }

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The RGB value xterm gives palette index `index` (0–255): its default 16 colours, the 6×6×6 cube
/// (levels 0, 95, 135, …, 255) and the 24-step grey ramp (8, 18, …, 238).
public func xtermRGB(index: Int) -> (red: Int, green: Int, blue: Int) {
    let system: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]
    let index = min(max(0, index), 255)
    if index < 16 { return system[index] }
    if index >= 232 {
        let grey = 8 + 10 * (index - 232)
        return (grey, grey, grey)
    }
    let cube = index - 16
    return (cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
}

private let cubeLevels = [0, 95, 135, 175, 215, 255]

private func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
    let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
    return dr * dr + dg * dg + db * db
}

/// The xterm-256 index nearest to an RGB colour, among the cube and the grey ramp (16–231, 232–255).
/// The 16 system colours are left out on purpose: users redefine them, so their RGB is unknown.
/// Ties go to the cube. (The same method as tmux's `colour_find_rgb`.)
public func nearestXterm256(red: Int, green: Int, blue: Int) -> Int {
    func cubeStep(_ value: Int) -> Int {
        value < 48 ? 0 : value < 115 ? 1 : min(5, (value - 35) / 40)
    }
    let r = cubeStep(red), g = cubeStep(green), b = cubeStep(blue)
    let cubeIndex = 16 + 36 * r + 6 * g + b
    let cubeColour = (cubeLevels[r], cubeLevels[g], cubeLevels[b])
    let average = (red + green + blue) / 3
    let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
    let greyValue = 8 + 10 * greyStep
    let target = (red, green, blue)
    if distance((greyValue, greyValue, greyValue), target) < distance(cubeColour, target) {
        return 232 + greyStep
    }
    return cubeIndex
}

/// The ANSI colour (0–15) nearest to palette index `index`, by xterm's default RGB values; 0–15 map
/// to themselves.
public func nearestANSI16(index: Int) -> Int {
    if (0..<16).contains(index) { return index }
    let rgb = xtermRGB(index: index)
    return nearestANSI16(red: rgb.red, green: rgb.green, blue: rgb.blue)
}

/// The ANSI colour (0–15) nearest to an RGB colour, by xterm's default RGB values for them (ties go
/// to the lower index).
public func nearestANSI16(red: Int, green: Int, blue: Int) -> Int {
    let target = (red, green, blue)
    return (0..<16).min { a, b in
        let da = distance(xtermRGB(index: a), target), db = distance(xtermRGB(index: b), target)
        return da != db ? da < db : a < b
    }!
}

/// The 8-colour equivalent of an ANSI colour (0–15): the bright half maps onto the normal half.
/// (`ThemeStyle.adapted(to:)` adds bold to a bright foreground, which most terminals show brighter.)
public func nearestANSI8(ansi16 index: Int) -> Int { min(max(0, index), 15) % 8 }

extension ThemeColor {
    /// This colour as the terminal can show it: RGB becomes a 256 index, a 256 index or RGB the
    /// nearest ANSI colour, a bright ANSI colour a normal one, and on a monochrome terminal everything
    /// is `default`.
    public func adapted(to depth: ColorDepth) -> ThemeColor {
        switch depth {
        case .monochrome:
            return .default
        case .indexed256:
            return ThemeColor(index: paletteIndex) ?? .default
        case .ansi16:
            switch self {
            case .default, .ansi: return self
            case .indexed(let index): return .ansi(ANSIColor(rawValue: nearestANSI16(index: Int(index)))!)
            case .rgb(let r, let g, let b):
                return .ansi(ANSIColor(rawValue: nearestANSI16(red: Int(r), green: Int(g), blue: Int(b)))!)
            }
        case .ansi8:
            guard case .ansi(let color) = adapted(to: .ansi16) else { return .default }
            return .ansi(ANSIColor(rawValue: nearestANSI8(ansi16: color.rawValue))!)
        }
    }

    /// The number the backend hands to ncurses after `adapted(to:)`: -1 for the terminal default,
    /// else the palette index.
    public var paletteIndex: Int {
        switch self {
        case .default: return -1
        case .ansi(let color): return color.rawValue
        case .indexed(let index): return Int(index)
        case .rgb(let r, let g, let b): return nearestXterm256(red: Int(r), green: Int(g), blue: Int(b))
        }
    }

    /// True for the bright half of the ANSI colours.
    var isBrightANSI: Bool {
        if case .ansi(let color) = self { return color.rawValue >= 8 }
        return false
    }
}
