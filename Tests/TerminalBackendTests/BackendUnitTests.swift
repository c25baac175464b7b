import CNCurses
import Testing
import TriageUI
@testable import TerminalBackend

@Suite("terminal guard")
struct TerminalGuardTests {
    @Test func refusesWithoutTerminalsOrUsableTerm() {
        #expect(TerminalGuard.check(inputIsTerminal: false, outputIsTerminal: true, term: "xterm") == .inputNotATerminal)
        #expect(TerminalGuard.check(inputIsTerminal: true, outputIsTerminal: false, term: "xterm") == .outputNotATerminal)
        #expect(TerminalGuard.check(inputIsTerminal: true, outputIsTerminal: true, term: nil) == .termNotSet)
        #expect(TerminalGuard.check(inputIsTerminal: true, outputIsTerminal: true, term: "") == .termNotSet)
        #expect(TerminalGuard.check(inputIsTerminal: true, outputIsTerminal: true, term: "dumb") == .dumbTerminal)
        #expect(TerminalGuard.check(inputIsTerminal: true, outputIsTerminal: true, term: "tmux-256color") == nil)
        #expect(TerminalUnavailable.dumbTerminal.description.contains("dumb"))
    }
}

@Suite("key decoding")
struct KeyDecodingTests {
    @Test func keyCodes() {
        #expect(KeyDecoding.key(code: KEY_UP) == .up)
        #expect(KeyDecoding.key(code: KEY_DOWN) == .down)
        #expect(KeyDecoding.key(code: KEY_LEFT) == .left)
        #expect(KeyDecoding.key(code: KEY_RIGHT) == .right)
        #expect(KeyDecoding.key(code: KEY_SLEFT) == .shiftLeft)
        #expect(KeyDecoding.key(code: KEY_SRIGHT) == .shiftRight)
        #expect(KeyDecoding.key(code: KEY_PPAGE) == .pageUp)
        #expect(KeyDecoding.key(code: KEY_NPAGE) == .pageDown)
        #expect(KeyDecoding.key(code: KEY_HOME) == .home)
        #expect(KeyDecoding.key(code: KEY_END) == .end)
        #expect(KeyDecoding.key(code: KEY_ENTER) == .enter)
        #expect(KeyDecoding.key(code: KEY_BTAB) == .backTab)
        #expect(KeyDecoding.key(code: KEY_BACKSPACE) == .backspace)
        #expect(KeyDecoding.key(code: KEY_DC) == .delete)
        #expect(KeyDecoding.key(code: cnc_key_f(1)) == .function(1))
        #expect(KeyDecoding.key(code: cnc_key_f(12)) == .function(12))
        #expect(KeyDecoding.key(code: KEY_IC) == nil)
    }

    @Test func characters() {
        #expect(KeyDecoding.key(character: 10) == .enter)
        #expect(KeyDecoding.key(character: 13) == .enter)
        #expect(KeyDecoding.key(character: 27) == .escape)
        #expect(KeyDecoding.key(character: 9) == .tab)
        #expect(KeyDecoding.key(character: 127) == .backspace)
        #expect(KeyDecoding.key(character: 8) == .backspace)
        #expect(KeyDecoding.key(character: 3) == .control("c"))
        #expect(KeyDecoding.key(character: 1) == .control("a"))
        #expect(KeyDecoding.key(character: 26) == .control("z"))
        #expect(KeyDecoding.key(character: 0) == nil)
        #expect(KeyDecoding.key(character: 0x1C) == nil)
        #expect(KeyDecoding.key(character: 0x9B) == nil)
        #expect(KeyDecoding.key(character: 0xD800) == nil)
        #expect(KeyDecoding.key(character: UInt32(UInt8(ascii: "q"))) == .character("q"))
        #expect(KeyDecoding.key(character: 0x6771) == .character("東"))
    }

    @Test func mouse() {
        #expect(KeyDecoding.mouse(state: cnc_button1_pressed(), x: 5, y: 3) == MouseEvent(kind: .press, x: 5, y: 3))
        #expect(KeyDecoding.mouse(state: cnc_button1_released(), x: 5, y: 3) == MouseEvent(kind: .release, x: 5, y: 3))
        #expect(KeyDecoding.mouse(state: cnc_button4_pressed(), x: 1, y: 2) == MouseEvent(kind: .wheelUp, x: 1, y: 2))
        #expect(KeyDecoding.mouse(state: cnc_button5_pressed(), x: 1, y: 2) == MouseEvent(kind: .wheelDown, x: 1, y: 2))
        #expect(KeyDecoding.mouse(state: 0, x: 1, y: 2) == nil)
    }
}

@Suite("colour fitting")
struct ColorMappingTests {
    @Test func paletteSizes() {
        #expect(ColorMapping.paletteSize(forTerminalColors: 16_777_216) == 256)
        #expect(ColorMapping.paletteSize(forTerminalColors: 256) == 256)
        #expect(ColorMapping.paletteSize(forTerminalColors: 88) == 16)
        #expect(ColorMapping.paletteSize(forTerminalColors: 8) == 8)
        #expect(ColorMapping.paletteSize(forTerminalColors: 2) == 0)
        #expect(ColorMapping.paletteSize(forTerminalColors: -1) == 0)
    }

    @Test func degradesTo16And8() {
        #expect(ColorMapping.fit(-1, palette: 8) == -1)
        #expect(ColorMapping.fit(300, palette: 256) == -1)
        #expect(ColorMapping.fit(208, palette: 256) == 208)
        #expect(ColorMapping.fit(196, palette: 16) == 9)       // pure red → bright red
        #expect(ColorMapping.fit(196, palette: 8) == 1)        // → red
        #expect(ColorMapping.fit(9, palette: 8) == 1)
        #expect(ColorMapping.fit(8, palette: 8) == 7)          // grey stays visible on dark backgrounds
        #expect(ColorMapping.fit(21, palette: 16) == 4)        // pure blue → xterm blue (0,0,238)
        #expect(ColorMapping.fit(51, palette: 16) == 14)       // pure cyan → bright cyan
        #expect(ColorMapping.fit(236, palette: 8) == 0)        // dark grey → black
        #expect(ColorMapping.fit(2, palette: 0) == -1)
    }

    @Test func nearest256() {
        #expect(ColorMapping.nearest256(red: 255, green: 0, blue: 0) == 196)
        #expect(ColorMapping.nearest256(red: 0x5f, green: 0xd7, blue: 0x5f) == 77)
        #expect(ColorMapping.nearest256(red: 128, green: 128, blue: 128) == 244)
        #expect(ColorMapping.nearest256(red: 0, green: 0, blue: 0) == 16)
    }

    @Test func pairCacheAllocatesOncePerCombinationWithinTheLimit() {
        var made: [(Int32, Int32, Int32)] = []
        var cache = ColorPairCache(limit: 3) { pair, fg, bg in
            made.append((pair, fg, bg))
            return true
        }
        #expect(cache.pair(foreground: -1, background: -1) == 0)
        #expect(cache.pair(foreground: 1, background: -1) == 1)
        #expect(cache.pair(foreground: 1, background: -1) == 1)
        #expect(cache.pair(foreground: -1, background: 1) == 2)
        #expect(cache.pair(foreground: 2, background: 3) == 0)   // out of pairs: the default pair
        #expect(made.count == 2)
    }
}

@Suite("glyph fallback without UTF-8")
struct FallbackGlyphTests {
    @Test func mapsLinesBarsAndTheRest() {
        #expect(FallbackGlyph.forGlyph("a") == .ascii(UInt8(ascii: "a")))
        #expect(FallbackGlyph.forGlyph("─") == .acs(UInt8(ascii: "q")))
        #expect(FallbackGlyph.forGlyph("┃") == .acs(UInt8(ascii: "x")))
        #expect(FallbackGlyph.forGlyph("┌") == .acs(UInt8(ascii: "l")))
        #expect(FallbackGlyph.forGlyph("┘") == .acs(UInt8(ascii: "j")))
        #expect(FallbackGlyph.forGlyph("▁") == .ascii(UInt8(ascii: ".")))
        #expect(FallbackGlyph.forGlyph("█") == .ascii(UInt8(ascii: "#")))
        #expect(FallbackGlyph.forGlyph("東") == .ascii(UInt8(ascii: "?")))
        #expect(FallbackGlyph.forGlyph("\u{1B}") == .ascii(UInt8(ascii: "?")))
    }
}

@Suite("built-in styling")
struct BasicStylingTests {
    @Test func monoUsesAttributesOnly() {
        let styling = BasicStyling()
        for role in Role.allCases {
            let style = styling.terminalStyle(for: role, colors: 0)
            #expect(style.foreground == -1 && style.background == -1, "role \(role)")
        }
        #expect(styling.terminalStyle(for: .rowSelected, colors: 0).reverse)
        #expect(styling.terminalStyle(for: .rowFalsePositive, colors: 0).dim)
    }
}

@Suite("themes as styling")
struct ThemeStylingTests {
    @Test func degradesAndKeepsMeaningWithoutColour() {
        let theme = Theme.dark
        let full = theme.terminalStyle(for: .rowMarked, colors: 256)
        #expect(full.foreground == 222 && full.bold)
        let eight = theme.terminalStyle(for: .rowMarked, colors: 8)
        #expect(eight.foreground >= 0 && eight.foreground < 8)
        let mono = theme.terminalStyle(for: .rowSelected, colors: 0)
        #expect(mono.foreground == -1 && mono.background == -1 && mono.reverse)
        #expect(theme.terminalStyle(for: .normal, colors: 256) == .plain)
    }
}
