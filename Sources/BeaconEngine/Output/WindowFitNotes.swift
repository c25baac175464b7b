import KQL

extension WindowFit {
    /// A loaded file as the notes name it: its path, how many events it contributed and their time range.
    /// The loader's file summaries give one for every file that contributed events
    /// (`FileLoadSummary.windowFitFile`); it lives here so the console's state can hold it.
    public struct File: Sendable, Equatable {
        public var path: String
        public var events: Int
        public var timeRange: ClosedRange<Instant>

        public init(path: String, events: Int, timeRange: ClosedRange<Instant>) {
            self.path = path
            self.events = events
            self.timeRange = timeRange
        }
    }

    /// What the analyst should know about the data the window leaves out, one line each, for `analyze`'s
    /// standard error and the console alike; nothing when the window holds the data, give or take a
    /// minute (`leavesOutData`).
    ///
    /// The first line says how much is outside: of the top beacon's events when some of them are (what
    /// the analyst looks at first), otherwise of all events, with the data's span. Then each file whose
    /// events all fall outside the window is named, with its dates: a file of another year otherwise
    /// vanishes without a word. A file is judged on its time range, so one whose events all lie before
    /// and after the window but none inside is not named (the first line still counts its events).
    /// File paths are attacker-controlled and are made terminal-safe here.
    public func notes(files: [File], topBeacon: GroupCounts?) -> [String] {
        guard leavesOutData, let timeRange else { return [] }
        var lines: [String] = []
        let window = "the \(formatTimespan(self.window.now.ticks - self.window.start.ticks)) window"
        if let topBeacon, topBeacon.outside > 0 {
            lines.append("\(Self.captureLength(timeRange)) capture: \(Self.grouped(topBeacon.outside)) of "
                         + "\(Self.grouped(topBeacon.total)) events of the top beacon fall outside \(window)")
        } else {
            lines.append("\(Self.grouped(eventsOutside)) of \(Self.grouped(eventCount)) events fall outside \(window) "
                         + "(data spans \(Self.minute(timeRange.lowerBound)) → \(Self.minute(timeRange.upperBound)))")
        }
        let outside = files.filter {
            $0.events > 0 && ($0.timeRange.upperBound < self.window.start || $0.timeRange.lowerBound > self.window.end)
        }
        for file in outside.prefix(Self.filesNamedAtMost) {
            let first = Self.day(file.timeRange.lowerBound), last = Self.day(file.timeRange.upperBound)
            let what = file.events == 1 ? "its only event falls" : "all \(Self.grouped(file.events)) events fall"
            lines.append("\(terminalSafe(file.path)): \(what) outside the window (\(first == last ? first : "\(first) → \(last)"))")
        }
        if outside.count > Self.filesNamedAtMost {
            let more = outside.count - Self.filesNamedAtMost
            lines.append("... and \(Self.grouped(more)) more file\(more == 1 ? "" : "s") whose events all fall outside the window")
        }
        return lines
    }

    /// Files named one by one; a folder of last year's rotated logs gets a count for the rest, not a
    /// screen of names.
    public static let filesNamedAtMost = 10

    /// The data's span as a capture's length: whole days from two days up (`3-day`), hours below
    /// (`20-hour`), counting a started hour as whole, as the widened window does.
    static func captureLength(_ range: ClosedRange<Instant>) -> String {
        let span = range.upperBound.ticks - range.lowerBound.ticks
        let hours = max(1, span / ticksPerHour + (span % ticksPerHour == 0 ? 0 : 1))
        return hours >= 48 ? "\((hours + 12) / 24)-day" : "\(hours)-hour"
    }

    /// `12,345`: counts in the notes run to millions.
    static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return (count < 0 ? "-" : "") + text
    }

    /// `2026-11-30 08:00` (UTC), from the one datetime format.
    static func minute(_ instant: Instant) -> String {
        let parts = formatKustoDatetime(instant).split(separator: "T")
        return "\(parts[0]) \(parts[1].prefix(5))"
    }

    /// `2026-11-30` (UTC).
    static func day(_ instant: Instant) -> String {
        String(formatKustoDatetime(instant).split(separator: "T")[0])
    }
}
