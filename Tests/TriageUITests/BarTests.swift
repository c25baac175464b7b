import KQL
import Testing
@testable import TriageUI

@Suite struct SliderRowTests {
    let sliders = [Slider("jitter", value: "50"), Slider("min events", value: "15"), Slider("outlier score", value: "3.0"),
                   Slider("outliers", value: "2"), Slider("devices", value: "3")]

    @Test func theFocusedSliderIsBracketedAndTheOthersKeepTheirPlace() {
        // Each slider is "label ␣v␣" (11, 15, 19, 12, 11 columns), two blanks apart: 76 of 80 columns.
        let row = SliderRow(sliders: sliders, focused: 1)
        let buffer = draw(width: 80, height: 1) { row.render(into: &$0, area: $1) }
        #expect(buffer.text() == "jitter  50   min events <15>  outlier score  3.0   outliers  2   devices  3")
        #expect(roles(buffer, y: 0, 13..<28) == [.sliderFocus])
        #expect(roles(buffer, y: 0, 0..<13) == [.slider])
        // Moving the focus moves nothing else.
        let moved = draw(width: 80, height: 1) { SliderRow(sliders: sliders, focused: 2).render(into: &$0, area: $1) }
        #expect(moved.text() == "jitter  50   min events  15   outlier score <3.0>  outliers  2   devices  3")
    }

    @Test func aClickFindsTheSliderUnderIt() {
        let row = SliderRow(sliders: sliders, focused: 1)
        let area = Rect(x: 0, y: 5, width: 80, height: 1)
        #expect(row.hitTest(x: 0, y: 5, area: area) == 0)
        #expect(row.hitTest(x: 10, y: 5, area: area) == 0)
        #expect(row.hitTest(x: 12, y: 5, area: area) == nil)
        #expect(row.hitTest(x: 20, y: 5, area: area) == 1)
        #expect(row.hitTest(x: 75, y: 5, area: area) == 4)
        #expect(row.hitTest(x: 76, y: 5, area: area) == nil)
        #expect(row.hitTest(x: 20, y: 4, area: area) == nil)
    }

    @Test func aNarrowRowScrollsToTheFocusedSliderAndMarksWhatIsHidden() {
        let row = SliderRow(sliders: sliders, focused: 3)
        let buffer = draw(width: 30, height: 1) { row.render(into: &$0, area: $1) }
        #expect(buffer.text() == "… outliers <2>  devices  3")
        #expect(row.hitTest(x: 3, y: 0, area: buffer.bounds) == 3)
        #expect(row.hitTest(x: 0, y: 0, area: buffer.bounds) == nil)
        let first = draw(width: 30, height: 1) { SliderRow(sliders: sliders, focused: 0).render(into: &$0, area: $1) }
        #expect(first.text() == "jitter <50>  min events  15  …")
        for width in [0, 1, 5, 12] {
            _ = draw(width: width, height: 1) { row.render(into: &$0, area: $1) }
        }
    }
}

@Suite struct StatusBarTests {
    let bar = StatusBar(segments: ["demo.csv.gz", "12 shown", "2 selected"], message: "+3 new, −1 gone",
                        hints: [KeyHint("?", "help"), KeyHint("q", "quit")])

    @Test func messageFirstThenSegmentsAndHintsAtTheRight() {
        let buffer = draw(width: 100, height: 1) { bar.render(into: &$0, area: $1) }
        #expect(buffer.text() == " +3 new, −1 gone │ demo.csv.gz │ 12 shown │ 2 selected                               ? help  q quit")
        #expect(roles(buffer, y: 0, 1..<16) == [.statusMessage])
        #expect(buffer[85, 0].role == .keyHint && buffer[93, 0].role == .keyHint && buffer[87, 0].role == .status)
    }

    @Test func whenShortTheLastHintsGoAndTheLeftIsElidedButHelpStays() {
        let buffer = draw(width: 60, height: 1) { bar.render(into: &$0, area: $1) }
        #expect(buffer.text() == " +3 new, −1 gone │ demo.csv.gz │ 12 shown │ 2 sel…   ? help")
        #expect(roles(buffer, y: 0, 0..<60) == [.status, .statusMessage, .keyHint])
        for width in [0, 1, 8, 20] {
            _ = draw(width: width, height: 1) { bar.render(into: &$0, area: $1) }
        }
    }
}

@Suite struct BoxTests {
    @Test func titlesSitInTheTopEdge() {
        let buffer = draw(width: 30, height: 4) { Box(title: "Beacons", rightTitle: "3/120").render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "┌ Beacons ─────────── 3/120 ─┐",
            "│                            │",
            "│                            │",
            "└────────────────────────────┘"
        ))
        #expect(buffer[0, 0].role == .border && buffer[2, 0].role == .title)
        #expect(Box.inner(buffer.bounds) == Rect(x: 1, y: 1, width: 28, height: 2))
    }

    @Test func theFocusedBoxHasHeavierLinesAndALongTitleIsElided() {
        let buffer = draw(width: 16, height: 3) { Box(title: "A very long title here", focused: true).render(into: &$0, area: $1) }
        #expect(buffer.text() == screen("┏ A very long… ┓", "┃              ┃", "┗━━━━━━━━━━━━━━┛"))
        #expect(buffer[0, 1].role == .borderFocus)
        let ascii = draw(width: 8, height: 3) { Box(title: "T", focused: false, glyphs: .ascii).render(into: &$0, area: $1) }
        #expect(ascii.text() == screen("+ T ---+", "|      |", "+------+"))
    }

    @Test func degenerateBoxesDoNotCrash() {
        for (width, height) in [(0, 0), (1, 1), (2, 2), (3, 1), (4, 2)] {
            _ = draw(width: width, height: height) { Box(title: "Title", rightTitle: "1/2", footer: "q").render(into: &$0, area: $1) }
        }
        var buffer = ScreenBuffer(width: 5, height: 5)
        Box(title: "x").render(into: &buffer, area: Rect(x: 3, y: 3, width: 10, height: 10))
        Box(title: "x").render(into: &buffer, area: Rect(x: 30, y: 30, width: 10, height: 10))
        #expect(buffer.text() == screen("", "", "", "   ┌", "   │"))
    }
}

@Suite struct GlyphSetTests {
    @Test func theASCIISetIsPlainASCII() {
        let set = GlyphSet.ascii
        let glyphs: [Character] = [set.horizontal, set.vertical, set.topLeft, set.topRight, set.bottomLeft, set.bottomRight,
                                   set.teeLeft, set.teeRight, set.focusHorizontal, set.focusVertical, set.focusTopLeft,
                                   set.focusTopRight, set.focusBottomLeft, set.focusBottomRight, set.outlierFill,
                                   set.sortAscending, set.sortDescending, set.fenceMarker, set.bandLine, set.bandCentre,
                                   set.bullet, set.cross, set.check, set.star, set.ellipsis, set.multiply, set.moreAbove,
                                   set.moreBelow, set.sliderOpen, set.sliderClose, set.statusNew, set.statusInvestigating,
                                   set.statusMalicious, set.statusFalsePositive] + set.ramp
        #expect(glyphs.allSatisfy { $0.isASCII })
        #expect(String(set.ramp) == ".:=#")
        #expect(String(GlyphSet.unicode.ramp) == "▁▂▃▄▅▆▇█")
    }

    @Test func theBackendPicksBySetByCodeset() {
        #expect(GlyphSet.forCodeset("UTF-8") == .unicode)
        #expect(GlyphSet.forCodeset("utf8") == .unicode)
        #expect(GlyphSet.forCodeset("ANSI_X3.4-1968") == .ascii)
        #expect(GlyphSet.forCodeset("") == .ascii)
    }

    @Test func everyUnicodeGlyphIsOneColumnWide() {
        let set = GlyphSet.unicode
        let glyphs: [Character] = [set.horizontal, set.vertical, set.focusTopLeft, set.outlierFill, set.sortAscending,
                                   set.bandLine, set.bandCentre, set.cross, set.check, set.star, set.ellipsis,
                                   set.multiply, set.statusNew, set.statusMalicious] + set.ramp
        #expect(glyphs.allSatisfy { displayWidth($0) == 1 })
    }
}
