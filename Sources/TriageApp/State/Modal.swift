/// What covers the screen and takes the keys, if anything: one at a time by construction.
public enum Modal: Equatable, Sendable {
    /// `?`: the key bindings, scrolled.
    case help(scroll: Int)
    /// `!`: the warnings of this session, scrolled.
    case warnings(scroll: Int)
    /// A question being asked.
    case prompt(Prompt)
}
