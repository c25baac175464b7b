import KQL

/// How `ip:` reads what an analyst pastes, on top of KQL's `IPAddress` grammar: brackets (`[::1]`, as URLs
/// write IPv6) and a zone (`%eth0`, even an empty one) are dropped, and an IPv4-mapped address or block
/// (`::ffff:203.0.113.7`, `::ffff:203.0.113.0/120`) is taken as IPv4, as the corrected mode judges it. The
/// group's `RemoteIP` is read the same way, so `2001:db8::1` finds `2001:0db8:0:0:0:0:0:1`.
enum FilterAddress {
    static func address(_ text: some StringProtocol) -> IPAddress? {
        written(text).map(\.unmapped)
    }

    /// `address/length`; nil also for a block written with an IPv4-mapped address but wider than /96.
    static func network(_ text: String) -> IPNetwork? {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, let address = written(pieces[0]) else { return nil }
        return IPNetwork(address: address, prefixText: pieces[1])?.unmapped
    }

    private static func written(_ text: some StringProtocol) -> IPAddress? {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        return IPAddress(text)
    }
}
