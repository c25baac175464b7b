/// How a filter value is compared with a text field, one rule for every text field and for bare words,
/// so that what `rundll` finds typed bare, `process:rundll` finds too. Case is always ignored: Windows
/// file names and DNS names are case-insensitive, and analysts type names as they remember them.
///
/// | value | matches |
/// |-------|---------|
/// | `teamviewer`        | a substring: `…teamviewer…` |
/// | `*.example.com`     | the whole value, `*` standing for any run of characters |
/// | `=ws-014`           | the whole value exactly (with `*`, the whole value as a pattern) |
public enum TextMatch: Sendable, Equatable {
    /// A case-insensitive substring (lowercased here once).
    case contains(String)
    /// The whole value against a wildcard pattern.
    case pattern(Wildcard)
    /// The whole value, case ignored (lowercased here once).
    case exact(String)

    /// The rule for a value as typed; `exactMarked` when it began with an unquoted `=` (already removed).
    public init(_ value: String, exactMarked: Bool = false) {
        if value.contains("*") {
            self = .pattern(Wildcard(value))
        } else if exactMarked {
            self = .exact(value.lowercased())
        } else {
            self = .contains(value.lowercased())
        }
    }

    public func matches(_ text: String) -> Bool {
        switch self {
        case .contains(let needle): needle.isEmpty || text.lowercased().contains(needle)
        case .pattern(let pattern): pattern.matches(text)
        case .exact(let value): text.lowercased() == value
        }
    }
}
