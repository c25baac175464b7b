/// A theme: a style for each semantic role. Views paint roles; only the backend looks a role up here,
/// so swapping themes (or cycling them live) never touches a view.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [Role: ThemeStyle]
    /// The style of any role the theme leaves out.
    public var fallback: ThemeStyle

    public init(name: String, styles: [Role: ThemeStyle], fallback: ThemeStyle = .plain) {
        self.name = name
        self.styles = styles
        self.fallback = fallback
    }

    public func style(for role: Role) -> ThemeStyle { styles[role] ?? fallback }

    public subscript(role: Role) -> ThemeStyle { style(for: role) }

    /// The roles without a style of their own.
    public var missingRoles: [Role] { Role.allCases.filter { styles[$0] == nil } }

    /// The theme as a terminal of `depth` can show it. Without colour, each role also gets the mono
    /// theme's attributes for it (reverse for the selected row, bold for outliers …): a colour theme
    /// sets roles apart by colour, and that must not leave them looking alike.
    public func adapted(to depth: ColorDepth) -> Theme {
        var adapted = Theme(name: name, styles: [:], fallback: fallback.adapted(to: depth))
        for role in Role.allCases {
            var style = style(for: role).adapted(to: depth)
            if depth == .monochrome {
                for attribute in Theme.mono.style(for: role).attributes { style.setAttribute(attribute) }
            }
            adapted.styles[role] = style
        }
        return adapted
    }
}
