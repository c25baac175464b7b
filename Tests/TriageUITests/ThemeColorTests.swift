import Testing
@testable import TriageUI

@Suite struct ThemeColorTests {
    @Test func parsesEveryDocumentedSpelling() {
        #expect(ThemeColor(parsing: "default") == .default)
        #expect(ThemeColor(parsing: "red") == .ansi(.red))
        #expect(ThemeColor(parsing: "bright-red") == .ansi(.brightRed))
        #expect(ThemeColor(parsing: "BrightRed") == .ansi(.brightRed))
        #expect(ThemeColor(parsing: "bright_red") == .ansi(.brightRed))
        #expect(ThemeColor(parsing: "grey") == .ansi(.brightBlack))
        #expect(ThemeColor(parsing: "0") == .ansi(.black))
        #expect(ThemeColor(parsing: "15") == .ansi(.brightWhite))
        #expect(ThemeColor(parsing: "75") == .indexed(75))
        #expect(ThemeColor(parsing: "255") == .indexed(255))
        #expect(ThemeColor(parsing: "#ff8700") == .rgb(red: 255, green: 135, blue: 0))
        #expect(ThemeColor(parsing: "#FF8700") == .rgb(red: 255, green: 135, blue: 0))
    }

    @Test func rejectsBadColours() {
        for text in ["", "blu", "256", "-1", "#12345", "#1234567", "#gg0000", "#ff 000", "1e2", "bright"] {
            #expect(ThemeColor(parsing: text) == nil, "\(text)")
        }
    }

    @Test func writesTheSpellingItParses() {
        for colour: ThemeColor in [.default, .ansi(.brightMagenta), .indexed(200), .rgb(red: 1, green: 2, blue: 254)] {
            #expect(ThemeColor(parsing: colour.description) == colour)
        }
        #expect(ThemeColor.rgb(red: 0, green: 95, blue: 135).description == "#005f87")
    }
}

@Suite struct ColorDegradationTests {
    @Test func xterm256PaletteValues() {
        #expect(xtermRGB(index: 16) == (0, 0, 0))
        #expect(xtermRGB(index: 67) == (95, 135, 175))
        #expect(xtermRGB(index: 196) == (255, 0, 0))
        #expect(xtermRGB(index: 231) == (255, 255, 255))
        #expect(xtermRGB(index: 232) == (8, 8, 8))
        #expect(xtermRGB(index: 255) == (238, 238, 238))
        #expect(xtermRGB(index: 9) == (255, 0, 0))
    }

    @Test func nearestXterm256ChoosesBetweenCubeAndGreys() {
        #expect(nearestXterm256(red: 255, green: 0, blue: 0) == 196)
        #expect(nearestXterm256(red: 0, green: 0, blue: 0) == 16)
        #expect(nearestXterm256(red: 255, green: 255, blue: 255) == 231)
        #expect(nearestXterm256(red: 95, green: 135, blue: 175) == 67)
        // Greys: 128 is exactly grey 244, where the cube's nearest (135) is farther.
        #expect(nearestXterm256(red: 128, green: 128, blue: 128) == 244)
        #expect(nearestXterm256(red: 8, green: 8, blue: 8) == 232)
        #expect(nearestXterm256(red: 238, green: 238, blue: 238) == 255)
        // Near a cube colour: #ff8800 is cube (5, 2, 0) = 208.
        #expect(nearestXterm256(red: 255, green: 136, blue: 0) == 208)
        // Every cube and grey entry maps back to itself.
        for index in 16...255 {
            let rgb = xtermRGB(index: index)
            #expect(nearestXterm256(red: rgb.red, green: rgb.green, blue: rgb.blue) == index)
        }
    }

    @Test func from256To16To8() {
        #expect(nearestANSI16(index: 196) == 9)
        #expect(nearestANSI16(index: 16) == 0)
        #expect(nearestANSI16(index: 231) == 15)
        #expect(nearestANSI16(index: 244) == 8)
        #expect(nearestANSI16(index: 21) == 4)
        #expect(nearestANSI16(index: 3) == 3)
        #expect(nearestANSI8(ansi16: 9) == 1)
        #expect(nearestANSI8(ansi16: 15) == 7)
        #expect(nearestANSI8(ansi16: 3) == 3)
    }

    @Test func coloursAdaptToTheTerminal() {
        let pureRed = ThemeColor.rgb(red: 255, green: 0, blue: 0)
        #expect(pureRed.adapted(to: .indexed256) == .indexed(196))
        #expect(pureRed.adapted(to: .ansi16) == .ansi(.brightRed))
        #expect(pureRed.adapted(to: .ansi8) == .ansi(.red))
        #expect(pureRed.adapted(to: .monochrome) == .default)
        #expect(ThemeColor.indexed(244).adapted(to: .ansi16) == .ansi(.brightBlack))
        #expect(ThemeColor.default.adapted(to: .ansi8) == .default)
        #expect(ThemeColor.default.paletteIndex == -1 && ThemeColor.ansi(.cyan).paletteIndex == 6)
        #expect(ColorDepth(colors: 256) == .indexed256 && ColorDepth(colors: 16_777_216) == .indexed256)
        #expect(ColorDepth(colors: 16) == .ansi16 && ColorDepth(colors: 8) == .ansi8)
        #expect(ColorDepth(colors: 2) == .monochrome && ColorDepth(colors: -1) == .monochrome)
    }

    @Test func eightColoursKeepABrightForegroundBrightWithBold() {
        let style = ThemeStyle(fg: .ansi(.brightYellow), bg: .ansi(.brightBlue))
        let adapted = style.adapted(to: .ansi8)
        #expect(adapted == ThemeStyle(fg: .ansi(.yellow), bg: .ansi(.blue), bold: true))
        #expect(ThemeStyle(fg: .indexed(250)).adapted(to: .ansi16) == ThemeStyle(fg: .ansi(.white)))
    }

    @Test func withoutColourEveryRoleKeepsTheMonoAttributes() {
        let adapted = Theme.dark.adapted(to: .monochrome)
        #expect(adapted.style(for: .rowSelected) == ThemeStyle(bold: true, reverse: true))
        #expect(adapted.style(for: .histogramOutlier) == ThemeStyle(bold: true))
        #expect(adapted.style(for: .status) == ThemeStyle(reverse: true))
        #expect(Role.allCases.allSatisfy { adapted.style(for: $0).fg == .default && adapted.style(for: $0).bg == .default })
        #expect(Theme.mono.adapted(to: .monochrome) == Theme.mono)
    }
}
