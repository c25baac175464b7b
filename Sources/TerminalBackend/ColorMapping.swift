/// Fits xterm-256 colour indexes to what the terminal has: 256, 16, 8, or none.
public enum ColorMapping {
    /// The palette size the backend works with for a terminal reporting `colors` (ncurses' COLORS):
    /// 256 (also for 88 or direct-colour terminals, whose first 256 indexes are not all the xterm ones
    /// but close enough), 16, 8, or 0 when fewer than 8 colours exist.
    public static func paletteSize(forTerminalColors colors: Int) -> Int {
        if colors >= 256 { return 256 }
        if colors >= 16 { return 16 }
        if colors >= 8 { return 8 }
        return 0
    }

    /// `index` (-1 default, 0–255) fitted to a palette of `palette` colours (256/16/8). Returns -1
    /// for "the terminal's default". Out-of-range indexes become the default.
    public static func fit(_ index: Int32, palette: Int) -> Int32 {
        guard index >= 0, index <= 255 else { return -1 }
        if palette >= 256 { return index }
        let sixteen = index < 16 ? index : nearestSixteen(rgb(of: Int(index)))
        if palette >= 16 { return sixteen }
        if palette >= 8 {
            // Bright colours become their normal counterparts; bright black (grey) becomes white
            // (light grey) rather than black, which would vanish on a dark background.
            if sixteen == 8 { return 7 }
            return sixteen >= 8 ? sixteen - 8 : sixteen
        }
        return -1
    }

    /// The nearest xterm-256 index for a 24-bit colour (the 6×6×6 cube or the grey ramp).
    public static func nearest256(red: Int, green: Int, blue: Int) -> Int32 {
        let levels = [0, 95, 135, 175, 215, 255]
        func cubeStep(_ value: Int) -> Int {
            var best = 0
            for step in 1..<levels.count where abs(levels[step] - value) < abs(levels[best] - value) { best = step }
            return best
        }
        let r = cubeStep(red), g = cubeStep(green), b = cubeStep(blue)
        let cube = 16 + 36 * r + 6 * g + b
        let average = (red + green + blue) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let grey = 232 + greyStep
        let target = (red, green, blue)
        return Int32(distance(rgb(of: cube), target) <= distance(rgb(of: grey), target) ? cube : grey)
    }

    /// The RGB value xterm uses for a palette index.
    static func rgb(of index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16: return ansi[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let n = index - 16
            return (levels[n / 36], levels[(n / 6) % 6], levels[n % 6])
        default:
            let v = 8 + 10 * (min(255, max(232, index)) - 232)
            return (v, v, v)
        }
    }

    private static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func nearestSixteen(_ colour: (Int, Int, Int)) -> Int32 {
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in ansi.enumerated() {
            let d = distance(candidate, colour)
            if d < bestDistance { best = index; bestDistance = d }
        }
        return Int32(best)
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}

/// Colour pairs by (foreground, background), allocated once each with `init_extended_pair`.
/// Pair 0 is the terminal's default pair; when the terminal runs out of pairs, new combinations fall
/// back to it (attributes still carry the meaning).
struct ColorPairCache {
    private var pairs: [Int64: Int32] = [:]
    private var next: Int32 = 1
    let limit: Int32
    private let initialise: (Int32, Int32, Int32) -> Bool

    init(limit: Int32, initialise: @escaping (_ pair: Int32, _ foreground: Int32, _ background: Int32) -> Bool) {
        self.limit = limit
        self.initialise = initialise
    }

    var count: Int { pairs.count }

    mutating func pair(foreground: Int32, background: Int32) -> Int32 {
        if foreground == -1 && background == -1 { return 0 }
        let key = Int64(foreground) << 32 | Int64(UInt32(bitPattern: background))
        if let known = pairs[key] { return known }
        guard next < limit, initialise(next, foreground, background) else { return 0 }
        pairs[key] = next
        next += 1
        return next - 1
    }
}
