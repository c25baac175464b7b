/// The `Host` of KQL `parse_url(url)`.
///
/// Spec S8 documents only that `parse_url` expects an absolute URL with a scheme; the
/// details below are assumptions, each UNVERIFIED against Kusto (probe in spec S17):
/// * UNVERIFIED: without `scheme://` the parse fails and `.Host` is missing, so
///   `tostring()` gives `""`. A scheme is `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`
///   (RFC 3986 §3.1) followed by `://`.
/// * UNVERIFIED: the authority runs to the first `/`, `?` or `#` (RFC 3986 §3.2).
/// * UNVERIFIED: userinfo is everything up to the **last** `@` of the authority.
/// * UNVERIFIED: a bracketed IPv6 literal `[…]` is returned with its brackets; otherwise
///   the host ends at the first `:` (the port is dropped).
/// * UNVERIFIED: case is preserved (`A.B.Example.COM` stays as is).
/// * An empty authority (`http://`) gives `""`; so does an unclosed `[`.
/// No validation of the host's characters is done (an IP-literal or odd text is kept).
public func parseURLHost(_ url: String) -> String {
    guard let schemeEnd = url.firstRange(of: "://"),
          isURLScheme(url[..<schemeEnd.lowerBound])
    else { return "" }
    let rest = url[schemeEnd.upperBound...]
    var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if let at = authority.lastIndex(of: "@") {
        authority = authority[authority.index(after: at)...]
    }
    if authority.hasPrefix("[") {
        guard let close = authority.firstIndex(of: "]") else { return "" }
        return String(authority[...close])
    }
    return String(authority.prefix { $0 != ":" })
}

/// RFC 3986 §3.1 scheme: a letter, then letters, digits, `+`, `-` or `.`.
func isURLScheme(_ text: Substring) -> Bool {
    guard let first = text.unicodeScalars.first, first.isASCIILetter else { return false }
    return text.unicodeScalars.allSatisfy {
        $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "."
    }
}

extension Unicode.Scalar {
    /// `A`–`Z` or `a`–`z`.
    var isASCIILetter: Bool { ("A"..."Z").contains(self) || ("a"..."z").contains(self) }
}
