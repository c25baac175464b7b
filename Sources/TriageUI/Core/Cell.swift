/// One terminal column: the glyph drawn there and its role.
///
/// A double-width glyph occupies its cell and the next one, which holds `continuation` so that the
/// grid keeps one entry per column (as ratatui's "skip" cells do).
public struct Cell: Hashable, Sendable {
    public var glyph: Character
    public var role: Role
    /// True for the right half of a double-width glyph; it draws nothing itself.
    public var isContinuation: Bool

    public init(_ glyph: Character = " ", role: Role = .normal, isContinuation: Bool = false) {
        self.glyph = glyph
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
