/// What a dialog asks.
public enum DialogKind: Hashable, Sendable {
    /// A line of text to edit; `cursor` counts characters from the start (0...text.count).
    case prompt(label: String, text: String, cursor: Int)
    /// A yes/no question; `yesFocused` is false by default, so Enter on a destructive question is No.
    case confirm(question: String, yesFocused: Bool)
    /// Numbered options, one of them selected.
    case choice(options: [String], selected: Int)
}

/// A centred modal box: a prompt, a yes/no confirmation or a numbered choice.
///
/// Focus is shown by role `dialogFocus` and by a glyph as well (the text cursor's cell, `[ No ]`
/// brackets, the `>` before the chosen option), never by colour alone. The footer carries the keys,
/// given by the caller from its keymap.
public struct Dialog: Hashable, Sendable {
    public var title: String
    public var kind: DialogKind
    public var footer: String
    /// The inside width the dialog would like (it shrinks to the screen).
    public var preferredWidth: Int
    public var glyphs: GlyphSet

    public init(title: String, kind: DialogKind, footer: String = "", preferredWidth: Int = 56,
                glyphs: GlyphSet = .unicode) {
        self.title = title
        self.kind = kind
        self.footer = footer
        self.preferredWidth = preferredWidth
        self.glyphs = glyphs
    }

    public static func prompt(title: String, label: String, text: String, cursor: Int? = nil,
                              footer: String = "", glyphs: GlyphSet = .unicode) -> Dialog {
        Dialog(title: title, kind: .prompt(label: label, text: text, cursor: cursor ?? text.count), footer: footer,
               glyphs: glyphs)
    }

    public static func confirm(title: String = "Confirm", question: String, yesFocused: Bool = false,
                               footer: String = "", glyphs: GlyphSet = .unicode) -> Dialog {
        Dialog(title: title, kind: .confirm(question: question, yesFocused: yesFocused), footer: footer,
               preferredWidth: 40, glyphs: glyphs)
    }

    public static func choice(title: String, options: [String], selected: Int = 0, footer: String = "",
                              glyphs: GlyphSet = .unicode) -> Dialog {
        Dialog(title: title, kind: .choice(options: options, selected: selected), footer: footer, glyphs: glyphs)
    }

    /// Columns inside the border, one blank of padding at each side included.
    private func innerWidth(in area: Rect) -> Int {
        let wanted: Int
        switch kind {
        case .prompt:
            wanted = preferredWidth
        case .confirm(let question, _):
            wanted = min(preferredWidth, max(writtenWidth(question) + 2, 20))
        case .choice(let options, _):
            let longest = options.enumerated().map { writtenWidth(optionText($0.offset, $0.element)) }.max() ?? 0
            wanted = min(max(preferredWidth, 20), max(longest + 4, 20))
        }
        let framed = max(wanted, writtenWidth(title) + 4, writtenWidth(footer) + 4)
        return max(0, min(framed, area.width - 4))
    }

    private func optionText(_ index: Int, _ option: String) -> String { "\(index + 1). \(option)" }

    private func questionLines(width: Int) -> [String] {
        guard case .confirm(let question, _) = kind else { return [] }
        return wordWrap(question, width: width - 2)
    }

    /// The dialog's box, centred in `area`.
    public func boxRect(in area: Rect) -> Rect {
        let width = innerWidth(in: area)
        let rows: Int
        switch kind {
        case .prompt: rows = 1
        case .confirm: rows = questionLines(width: width).count + 2
        case .choice(let options, _): rows = options.count
        }
        return area.centred(width: width + 2, height: min(rows + 2, area.height))
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        let box = boxRect(in: area)
        guard box.width >= 5, box.height >= 3, let clip = box.intersection(buffer.bounds) else { return }
        Box(title: title, footer: footer, focused: true, clearsInside: true, insideRole: .dialog, glyphs: glyphs)
            .render(into: &buffer, area: box)
        let inner = Box.inner(box)
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        switch kind {
        case .prompt(let label, let text, let cursor):
            drawPrompt(label: label, text: text, cursor: cursor, in: content, clip: clip, into: &buffer)
        case .confirm(_, let yesFocused):
            drawConfirm(yesFocused: yesFocused, in: content, clip: clip, into: &buffer)
        case .choice(let options, let selected):
            drawChoice(options: options, selected: selected, in: content, clip: clip, into: &buffer)
        }
    }

    /// `Path: /tmp/beacons.csv` with the cursor's cell in `dialogFocus`; a long text scrolls so that
    /// the cursor stays in view.
    private func drawPrompt(label: String, text: String, cursor: Int, in content: Rect, clip: Rect,
                            into buffer: inout ScreenBuffer) {
        let labelWidth = label.isEmpty ? 0 : buffer.write(label, x: content.x, y: content.y,
                                                          width: content.width, alignment: .left, role: .dialog,
                                                          clip: clip) + 1
        let fieldX = content.x + labelWidth
        let fieldWidth = content.width - labelWidth
        guard fieldWidth > 0 else { return }
        let characters = Array(text)
        let cursorIndex = min(max(0, cursor), characters.count)
        // Keep the cursor in view; when text follows it, also keep the column after it free of the `…`.
        let room = cursorIndex < characters.count ? fieldWidth - 2 : fieldWidth - 1
        var first = 0
        while first < cursorIndex, writtenWidth(String(characters[first..<cursorIndex])) > max(0, room) {
            first += 1
        }
        buffer.write(String(characters[first...]), x: fieldX, y: content.y, width: fieldWidth, alignment: .left,
                     role: .dialog, clip: clip)
        let cursorX = fieldX + writtenWidth(String(characters[first..<cursorIndex]))
        let cursorWidth = cursorIndex < characters.count ? max(1, writtenWidth(String(characters[cursorIndex]))) : 1
        if let cell = Rect(x: cursorX, y: content.y, width: cursorWidth, height: 1).intersection(content) {
            buffer.clippedRestyle(cell, role: .dialogFocus)
        }
    }

    /// The question, a blank line, then `  Yes    [ No ] ` centred: the focused answer in brackets.
    private func drawConfirm(yesFocused: Bool, in content: Rect, clip: Rect, into buffer: inout ScreenBuffer) {
        let lines = questionLines(width: content.width + 2)
        for (row, line) in lines.enumerated() {
            buffer.write(line, x: content.x, y: content.y + row, width: content.width, alignment: .left,
                         role: .dialog, clip: clip)
        }
        let y = content.y + lines.count + 1
        let buttons = [("Yes", yesFocused), ("No", !yesFocused)]
        let texts = buttons.map { $0.1 ? "[ \($0.0) ]" : "  \($0.0)  " }
        let total = texts.reduce(0) { $0 + writtenWidth($1) } + 3
        var x = content.x + max(0, (content.width - total) / 2)
        for (index, text) in texts.enumerated() {
            let used = buffer.write(text, x: x, y: y, width: writtenWidth(text), alignment: .left,
                                    role: buttons[index].1 ? .dialogFocus : .dialog, clip: clip)
            x += used + 3
        }
    }

    /// `> 1. This beacon` for the selected option, `  2. …` for the others; scrolls to keep the
    /// selection visible when the options do not all fit.
    private func drawChoice(options: [String], selected: Int, in content: Rect, clip: Rect,
                            into buffer: inout ScreenBuffer) {
        let offset = scrollOffsetKeepingVisible(selected: selected, offset: 0, visibleRows: content.height,
                                                rowCount: options.count)
        for row in 0..<min(content.height, options.count - offset) {
            let index = offset + row
            let y = content.y + row
            let isSelected = index == selected
            let marker = isSelected ? "> " : "  "
            buffer.write(marker + optionText(index, options[index]), x: content.x, y: y, width: content.width,
                         alignment: .left, role: isSelected ? .dialogFocus : .dialog, clip: clip)
            if isSelected {
                buffer.clippedRestyle(Rect(x: content.x - 1, y: y, width: content.width + 2, height: 1),
                                      role: .dialogFocus)
            }
        }
    }
}
