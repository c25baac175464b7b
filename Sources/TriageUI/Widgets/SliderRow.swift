/// One setting shown in a `SliderRow`: its name and its current value, already formatted.
public struct Slider: Hashable, Sendable {
    public var label: String
    public var value: String

    public init(_ label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// The row of sliders (thresholds and the window): `jitter <50>  min events  15   outlier score  3.0 `.
///
/// The focused slider's value sits between `<` and `>` in role `sliderFocus`; the others keep blanks in
/// those places, so nothing moves when focus moves and a click lands where the user saw the slider.
/// When the row is too narrow, it scrolls to keep the focused slider visible and shows `…` where
/// sliders are hidden.
public struct SliderRow: Hashable, Sendable {
    public var sliders: [Slider]
    public var focused: Int?
    public var glyphs: GlyphSet

    public init(sliders: [Slider], focused: Int? = nil, glyphs: GlyphSet = .unicode) {
        self.sliders = sliders
        self.focused = focused
        self.glyphs = glyphs
    }

    /// Where each shown slider goes, relative to the row's left edge.
    public struct Placement: Hashable, Sendable {
        public var index: Int
        public var x: Int
        public var width: Int

        public init(index: Int, x: Int, width: Int) {
            self.index = index
            self.x = x
            self.width = width
        }
    }

    /// Columns between two sliders.
    static let gap = 2

    private func segmentWidth(_ slider: Slider) -> Int {
        writtenWidth(slider.label) + 1 + 1 + writtenWidth(slider.value) + 1
    }

    /// The shown sliders for a row `width` wide, and whether some are hidden to the left or right.
    public func layout(width: Int) -> (placements: [Placement], moreLeft: Bool, moreRight: Bool) {
        let widths = sliders.map(segmentWidth)
        let total = widths.reduce(0, +) + SliderRow.gap * max(0, widths.count - 1)
        guard width > 0, !sliders.isEmpty else { return ([], false, false) }
        if total <= width {
            return (place(from: 0, widths: widths, left: 0, limit: width), false, false)
        }
        // Scrolled: two columns at each end hold the `…` markers.
        let target = min(max(0, focused ?? 0), sliders.count - 1)
        var first = target
        while first > 0 {
            let needed = 2 + widths[(first - 1)...target].reduce(0, +) + SliderRow.gap * (target - first + 1) + 2
            if needed > width { break }
            first -= 1
        }
        let left = first > 0 ? 2 : 0
        var placements = place(from: first, widths: widths, left: left, limit: width)
        if placements.last?.index != sliders.count - 1 {
            // Something is hidden on the right: keep room for its marker.
            placements = place(from: first, widths: widths, left: left, limit: width - 2)
        }
        guard placements.contains(where: { $0.index == target }) else {
            // Not even the focused slider fits whole: show it alone, elided.
            return ([Placement(index: target, x: 0, width: width)], false, false)
        }
        return (placements, first > 0, placements.last!.index < sliders.count - 1)
    }

    private func place(from first: Int, widths: [Int], left: Int, limit: Int) -> [Placement] {
        var placements: [Placement] = []
        var x = left
        for index in first..<widths.count {
            if x + widths[index] > limit { break }
            placements.append(Placement(index: index, x: x, width: widths[index]))
            x += widths[index] + SliderRow.gap
        }
        return placements
    }

    /// The slider under a mouse click at (x, y), or nil.
    public func hitTest(x: Int, y: Int, area: Rect) -> Int? {
        guard area.height > 0, y == area.y else { return nil }
        return layout(width: area.width).placements.first {
            x >= area.x + $0.x && x < area.x + $0.x + $0.width
        }?.index
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard let clip = area.intersection(buffer.bounds) else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.clippedFill(row, role: .slider)
        let (placements, moreLeft, moreRight) = layout(width: area.width)
        if moreLeft { buffer.put(glyphs.ellipsis, x: area.x, y: area.y, role: .slider, clip: clip) }
        if moreRight { buffer.put(glyphs.ellipsis, x: area.maxX - 1, y: area.y, role: .slider, clip: clip) }
        for placement in placements {
            let slider = sliders[placement.index]
            let isFocused = placement.index == focused
            let role: Role = isFocused ? .sliderFocus : .slider
            let open = isFocused ? String(glyphs.sliderOpen) : " "
            let close = isFocused ? String(glyphs.sliderClose) : " "
            let text = slider.label + " " + open + slider.value + close
            buffer.write(text, x: area.x + placement.x, y: area.y, width: placement.width, alignment: .left,
                         role: role, clip: clip)
        }
    }
}
