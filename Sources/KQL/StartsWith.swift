/// KQL `startswith`: case-insensitive prefix test.
///
/// Spec S8: `startswith` / `!startswith` ignore case, so `RemoteUrl !startswith "http"` is
/// false for `HTTPS://…` and also for bare hosts such as `httpbin.org` (quirk Q9).
/// Only ASCII letters are folded (the query's prefix is ASCII; non-ASCII folding is not
/// needed and its exact Kusto rules are undocumented). Compared per Unicode scalar.
public func kqlStartsWith(_ text: String, _ prefix: String) -> Bool {
    var textScalars = text.unicodeScalars.makeIterator()
    for p in prefix.unicodeScalars {
        guard let t = textScalars.next(), asciiLowercased(t) == asciiLowercased(p) else {
            return false
        }
    }
    return true
}

/// `A`...`Z` → `a`...`z`; every other scalar unchanged.
func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    guard ("A"..."Z").contains(scalar) else { return scalar }
    return Unicode.Scalar(scalar.value + 32) ?? scalar
}
