import BeaconEngine
import TriageUI

/// What the console is given at start and does not decide itself: who marks, where the marks live,
/// whether they can be written, the themes, and how a re-preparation runs.
public struct ConsoleEnvironment: Sendable {
    /// Who the decisions are recorded as.
    public var author: String
    /// The triage file's path (`K` writes the query beside it).
    public var triagePath: String?
    /// Why the triage file cannot be written (it is corrupt); marks are then refused, never lost.
    public var readOnlyReason: String?
    /// The themes `t` cycles through, the chosen one first.
    public var themes: [Theme]
    /// Whether a window or mode change is prepared by the runtime off the UI thread (the console)
    /// rather than inside `update` (tests, small data).
    public var preparesInBackground: Bool
    /// What went wrong or needs saying before the console opened (a theme not found, a catalogue that
    /// did not load, malformed rows): shown in the status line and under `!`.
    public var warnings: [String]
    /// The files the events came from, with their time ranges: the window's notes name those it leaves
    /// out altogether.
    public var files: [WindowFit.File]
    /// Where the first rows the window's anchor set aside sit (`file:line`, terminal-safe), for the header.
    public var setAsideRows: [String]

    public init(author: String = "analyst", triagePath: String? = nil, readOnlyReason: String? = nil,
                themes: [Theme] = Theme.builtIns, preparesInBackground: Bool = false, warnings: [String] = [],
                files: [WindowFit.File] = [], setAsideRows: [String] = []) {
        self.author = author
        self.triagePath = triagePath
        self.readOnlyReason = readOnlyReason
        self.themes = themes.isEmpty ? Theme.builtIns : themes
        self.preparesInBackground = preparesInBackground
        self.warnings = warnings
        self.files = files
        self.setAsideRows = setAsideRows
    }
}
