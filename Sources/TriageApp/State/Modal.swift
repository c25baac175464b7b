/// What covers the screen and takes the keys, if anything: one at a time by construction.
public enum Modal: Equatable, Sendable {
    /// `?`: the key bindings, scrolled.
    case help(scroll: Int)
    /// `!`: the warnings of this session, scrolled.
    case warnings(scroll: Int)
    /// A question being asked.
    case prompt(Prompt)
    /// `v` and `D`: a page of text the panes cut off, scrolled.
    case reader(ReaderPage, scroll: Int)
    /// `o`: the selected beacon's connections.
    case connections(ConnectionsPane)
}
