/// Parses an IPv6 address in any RFC 4291 §2.2 text form into its 16 bytes.
///
/// Accepted: eight groups of 1–4 hex digits (either case); one `::` standing for one or
/// more zero groups; an embedded dotted-quad IPv4 tail as the last 32 bits
/// (`::ffff:1.2.3.4`, `64:ff9b::10.0.0.1`); an optional non-empty zone `%eth0`, which is
/// ignored. Rejected: brackets, prefixes, a second `::`, `:::`, a lone leading or
/// trailing `:`, more than eight groups, an IPv4 part anywhere but at the very end.
/// Needed for the corrected private-address rule of quirk Q3 (spec S16) and for input
/// validation.
public func parseIPv6(_ text: Substring) -> [UInt8]? {
    var address = text
    if let percent = address.firstIndex(of: "%") {
        guard address.index(after: percent) < address.endIndex else { return nil }
        address = address[..<percent]
    }
    let words: [UInt16]
    if let gap = address.firstRange(of: "::") {
        let right = address[gap.upperBound...]
        // A second "::" (or ":::", whose remainder starts with ":") is malformed.
        guard !right.hasPrefix(":"), right.firstRange(of: "::") == nil else { return nil }
        guard let head = parseGroups(address[..<gap.lowerBound], ipv4TailAllowed: false),
              let tail = parseGroups(right, ipv4TailAllowed: true),
              head.count + tail.count <= 7
        else { return nil }
        words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    } else {
        guard let all = parseGroups(address, ipv4TailAllowed: true), all.count == 8 else {
            return nil
        }
        words = all
    }
    return words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
}

/// Colon-separated groups (an empty text is zero groups); the last one may be a dotted
/// quad, which yields two words. nil for an empty group or a bad group.
private func parseGroups(_ text: Substring, ipv4TailAllowed: Bool) -> [UInt16]? {
    if text.isEmpty { return [] }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    var words: [UInt16] = []
    for (index, part) in parts.enumerated() {
        if let word = parseHexGroup(part) {
            words.append(word)
        } else if ipv4TailAllowed, index == parts.count - 1, let v4 = parseIPv4(part) {
            words += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
        } else {
            return nil
        }
    }
    return words.count <= 8 ? words : nil
}

/// 1–4 hex digits, either case.
private func parseHexGroup(_ text: Substring) -> UInt16? {
    guard (1...4).contains(text.utf8.count) else { return nil }
    var value: UInt16 = 0
    for byte in text.utf8 {
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt16(digit)
    }
    return value
}
