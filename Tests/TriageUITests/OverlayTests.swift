import Testing
@testable import TriageUI

@Suite struct HelpOverlayTests {
    let entries: [(keys: String, action: String, section: String)] = [
        ("j/k ↓/↑", "move down/up", "Movement"),
        ("s/S", "sort / reverse sort", "List"),
        ("g/G", "first/last row", "Movement"),
        ("/", "filter", "List"),
        ("f", "mark false positive", "Triage"),
        ("q", "quit", "General"),
    ]

    @Test func listsTheCallersKeysBySectionInACentredBox() {
        // Sections in order of first appearance (g/G joins Movement). Keys take the widest key's 7
        // columns plus 2; the box is 28 + 4 wide and 13 lines + 2 tall, centred in 40×20 at (4, 2).
        let overlay = HelpOverlay(entries: entries, footer: "Esc close")
        let buffer = draw(width: 40, height: 20) { overlay.render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "",
            "",
            "    ┏ Help ━━━━━━━━━━━━━━━━━━━━━━━━┓",
            "    ┃ Movement                     ┃",
            "    ┃ j/k ↓/↑  move down/up        ┃",
            "    ┃ g/G      first/last row      ┃",
            "    ┃                              ┃",
            "    ┃ List                         ┃",
            "    ┃ s/S      sort / reverse sort ┃",
            "    ┃ /        filter              ┃",
            "    ┃                              ┃",
            "    ┃ Triage                       ┃",
            "    ┃ f        mark false positive ┃",
            "    ┃                              ┃",
            "    ┃ General                      ┃",
            "    ┃ q        quit                ┃",
            "    ┗━━━━━━━━━━━━━━━━━━ Esc close ━┛",
            "",
            "",
            ""
        ))
        #expect(buffer[6, 4].role == .keyHint && buffer[15, 4].role == .dialog && buffer[6, 3].role == .header)
    }

    @Test func scrollsWhenTheScreenIsShortAndSaysWhere() {
        // 40×10 leaves 8 rows: 6 lines shown of 13; offset 3 shows lines 4–9, with ▲ and ▼ on the edge.
        let overlay = HelpOverlay(entries: entries, scrollOffset: 3, footer: "Esc close")
        let buffer = draw(width: 40, height: 10) { overlay.render(into: &$0, area: $1) }
        #expect(overlay.maxScrollOffset(in: buffer.bounds) == 7)
        #expect(buffer.text() == screen(
            "",
            "    ┏ Help ━━━━━━━━━━━━━━━ 4-9/13 ━┓",
            "    ┃                              ▲",
            "    ┃ List                         ┃",
            "    ┃ s/S      sort / reverse sort ┃",
            "    ┃ /        filter              ┃",
            "    ┃                              ┃",
            "    ┃ Triage                       ▼",
            "    ┗━━━━━━━━━━━━━━━━━━ Esc close ━┛",
            ""
        ))
    }

    @Test func anOffsetPastTheEndIsClamped() {
        let far = HelpOverlay(entries: entries, scrollOffset: 99)
        let last = HelpOverlay(entries: entries, scrollOffset: 7)
        let a = draw(width: 40, height: 10) { far.render(into: &$0, area: $1) }
        let b = draw(width: 40, height: 10) { last.render(into: &$0, area: $1) }
        #expect(a == b)
        for (width, height) in [(0, 0), (1, 1), (5, 3), (40, 3)] {
            _ = draw(width: width, height: height) { far.render(into: &$0, area: $1) }
        }
    }
}

@Suite struct DialogTests {
    @Test func promptShowsTheLabelTheTextAndTheCursor() {
        let dialog = Dialog.prompt(title: "Export selection", label: "Path:", text: "/tmp/beacons.csv",
                                   footer: "Enter ok  Esc cancel")
        let buffer = draw(width: 60, height: 9) { dialog.render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "",
            "",
            "",
            " ┏ Export selection ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
            " ┃ Path: /tmp/beacons.csv                                 ┃",
            " ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ Enter ok  Esc cancel ━┛",
            "",
            "",
            ""
        ))
        // The cursor is the cell after the text.
        #expect(buffer[25, 4].role == .dialogFocus)
        #expect(roles(buffer, y: 4, 2..<25) == [.dialog])
    }

    @Test func aLongPromptScrollsToKeepTheCursorInView() {
        let text = String(repeating: "abcdefghij", count: 6)
        // The field is 48 columns from x = 9 (the label and a blank come first).
        let atEnd = draw(width: 60, height: 3) { Dialog.prompt(title: "t", label: "Path:", text: text).render(into: &$0, area: $1) }
        let endLine: String = " ┃ Path: " + String(text.suffix(47)) + "  ┃"
        #expect(atEnd.text().split(separator: "\n")[1] == endLine)
        #expect(atEnd[56, 1].role == .dialogFocus)
        let inMiddle = draw(width: 60, height: 3) {
            Dialog.prompt(title: "t", label: "Path:", text: text, cursor: 30).render(into: &$0, area: $1)
        }
        let middleLine: String = " ┃ Path: " + String(text.prefix(47)) + "… ┃"
        #expect(inMiddle.text().split(separator: "\n")[1] == middleLine)
        #expect(inMiddle[39, 1].role == .dialogFocus && inMiddle[39, 1].glyph == "a")
    }

    @Test func confirmDefaultsToNoAndBracketsTheFocusedAnswer() {
        let dialog = Dialog.confirm(question: "/tmp/beacons.csv exists. Overwrite it?", footer: "y yes  n no")
        let buffer = draw(width: 60, height: 9) { dialog.render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "",
            "",
            "         ┏ Confirm ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
            "         ┃ /tmp/beacons.csv exists. Overwrite it? ┃",
            "         ┃                                        ┃",
            "         ┃              Yes     [ No ]            ┃",
            "         ┗━━━━━━━━━━━━━━━━━━━━━━━━━━ y yes  n no ━┛",
            "",
            ""
        ))
        #expect(roles(buffer, y: 5, 32..<38) == [.dialogFocus])
        #expect(roles(buffer, y: 5, 22..<29) == [.dialog])
        let yes = draw(width: 60, height: 9) {
            Dialog.confirm(question: "/tmp/beacons.csv exists. Overwrite it?", yesFocused: true).render(into: &$0, area: $1)
        }
        #expect(yes.text().split(separator: "\n")[3] == "         ┃            [ Yes ]     No              ┃")
    }

    @Test func choiceNumbersTheOptionsAndMarksTheSelectedOne() {
        let dialog = Dialog.choice(title: "Mark false positive",
                                   options: ["this exact beacon", "this process to this destination, every device",
                                             "this destination, everyone", "this process, everywhere"],
                                   selected: 1, footer: "1-4 choose  Enter ok  Esc cancel")
        let buffer = draw(width: 70, height: 10) { dialog.render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(
            "",
            "",
            "       ┏ Mark false positive ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
            "       ┃   1. this exact beacon                              ┃",
            "       ┃ > 2. this process to this destination, every device ┃",
            "       ┃   3. this destination, everyone                     ┃",
            "       ┃   4. this process, everywhere                       ┃",
            "       ┗━━━━━━━━━━━━━━━━━━ 1-4 choose  Enter ok  Esc cancel ━┛",
            "",
            ""
        ))
        #expect(roles(buffer, y: 4, 8..<61) == [.dialogFocus])
        #expect(roles(buffer, y: 3, 8..<61) == [.dialog])
    }

    @Test func dialogsSurviveTinyScreens() {
        let dialogs = [Dialog.prompt(title: "Export", label: "Path:", text: "x"), Dialog.confirm(question: "Sure?"),
                       Dialog.choice(title: "Pick", options: ["a", "b", "c"], selected: 2)]
        for dialog in dialogs {
            for (width, height) in [(0, 0), (1, 1), (6, 3), (12, 4), (80, 2)] {
                _ = draw(width: width, height: height) { dialog.render(into: &$0, area: $1) }
            }
        }
    }
}

@Suite struct TooSmallTests {
    @Test func tenByThreeWrapsTheMessageAndKeepsTheNeededSize() {
        let buffer = draw(width: 10, height: 3) { TooSmall(neededWidth: 60, neededHeight: 15).render(into: &$0, area: $1) }
        #expect(buffer.text() == screen(" terminal", "too small", "need 60×15"))
    }

    @Test func oneByOneAndZeroByZeroDoNotCrash() {
        let one = draw(width: 1, height: 1) { TooSmall(neededWidth: 60, neededHeight: 15).render(into: &$0, area: $1) }
        #expect(one.text() == "…")
        let none = draw(width: 0, height: 0) { TooSmall(neededWidth: 60, neededHeight: 15).render(into: &$0, area: $1) }
        #expect(none.text() == "")
    }

    @Test func aRoomyButShortTerminalGetsOneCentredLine() {
        let buffer = draw(width: 40, height: 5) { TooSmall(neededWidth: 60, neededHeight: 15).render(into: &$0, area: $1) }
        #expect(buffer.text() == screen("", "", "    terminal too small (need 60×15)", "", ""))
        let ascii = draw(width: 40, height: 1) {
            TooSmall(neededWidth: 60, neededHeight: 15, glyphs: .ascii).render(into: &$0, area: $1)
        }
        #expect(ascii.text() == "    terminal too small (need 60x15)")
    }
}
