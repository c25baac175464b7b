/// What the console's run loop needs of a terminal: its size, the next input, and a way to show a
/// frame. `NCursesTerminal` is the real one; tests drive the same loop with a scripted one, so the
/// order of saving, drawing and adopting background work is checked in process.
public protocol Terminal: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Waits up to `timeoutMilliseconds` for input; nil when none came (the loop then ticks).
    func nextEvent(timeoutMilliseconds: Int32) -> InputEvent?
    /// Shows `buffer` in the colours and attributes `theme` gives each role.
    func flush(_ buffer: ScreenBuffer, theme: Theme)
    /// Puts `text` on the analyst's clipboard through the terminal (OSC 52), between frames.
    func copyToClipboard(_ text: String)
}
