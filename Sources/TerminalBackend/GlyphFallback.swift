/// What a cell draws when the locale is not UTF-8 (ncursesw then cannot convert wide characters and
/// draws blanks): line-drawing glyphs become the terminal's alternate character set, bars and arrows
/// an ASCII look-alike, anything else non-ASCII a '?'.
enum FallbackGlyph: Equatable {
    case ascii(UInt8)
    /// The ACS letter for `NCURSES_ACS` ('q' horizontal line, 'x' vertical line, 'l' 'k' 'm' 'j' corners…).
    case acs(UInt8)

    static func forGlyph(_ glyph: Character) -> FallbackGlyph {
        let scalars = glyph.unicodeScalars
        guard let scalar = scalars.first else { return .ascii(0x20) }
        if scalar.value >= 0x20 && scalar.value < 0x7F { return .ascii(UInt8(scalar.value)) }
        if let acs = acsLetter[scalar.value] { return .acs(acs) }
        if let ascii = asciiLookAlike[scalar.value] { return .ascii(ascii) }
        return .ascii(UInt8(ascii: "?"))
    }

    private static let acsLetter: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        func add(_ glyphs: String, _ letter: Character) {
            for scalar in glyphs.unicodeScalars { table[scalar.value] = UInt8(ascii: letter.unicodeScalars.first!) }
        }
        add("─━═╌╍┄┅┈┉", "q")
        add("│┃║╎╏┆┇┊┋", "x")
        add("┌┏╔╭┍┎╒╓", "l")
        add("┐┓╗╮┑┒╕╖", "k")
        add("└┗╚╰┕┖╘╙", "m")
        add("┘┛╝╯┙┚╛╜", "j")
        add("├┣╠┝┞┟┠┡┢╞╟", "t")
        add("┤┫╣┥┦┧┨┩┪╡╢", "u")
        add("┬┳╦┭┮┯┰┱┲╤╥", "w")
        add("┴┻╩┵┶┷┸┹┺╧╨", "v")
        add("┼╋╬┽┾┿╀╁╂╃╄╅╆╇╈╉╊╪╫", "n")
        add("±", "g")
        add("°", "f")
        add("≤", "y")
        add("≥", "z")
        add("▒", "a")
        return table
    }()

    private static let asciiLookAlike: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        func add(_ glyphs: String, _ ascii: Character) {
            for scalar in glyphs.unicodeScalars { table[scalar.value] = UInt8(ascii: ascii.unicodeScalars.first!) }
        }
        // The histogram's ramp ▁▂▃▄▅▆▇█ as .:=#
        add("▁▂", ".")
        add("▃▄", ":")
        add("▅▆", "=")
        add("▇█▉▊▋▌▍▎▏▐■", "#")
        add("░", ":")
        add("·•●○◦∙", "*")
        add("…", "~")
        add("→▶▸►", ">")
        add("←◀◂◄", "<")
        add("↑▲▴", "^")
        add("↓▼▾", "v")
        add("✗✘×", "x")
        add("✓✔", "+")
        add("−–—", "-")
        add("Δ", "d")
        add("\u{00A0}", " ")
        return table
    }()
}
