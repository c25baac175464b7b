import KQL

/// An address a native reader met, with what it stores: Sysmon writes `fe80:0:0:0:3816:b2ee:1b9b:324b`
/// where Security 5156 and Zeek write `fe80::3816:b2ee:1b9b:324b`; Defender (and the converted CSVs) use
/// the compressed form, so native readers store `canonicalText`, and one connection seen by two providers
/// compares equal.
struct IPAddressValue: Hashable, Sendable {
    let address: IPAddress
    /// An IPv6 zone (`%12` in `fe80::1%12`), kept as written.
    let zone: Substring

    /// The cell's text with surrounding blanks dropped, in `IPAddressSyntax`'s grammar.
    init?(_ text: String) {
        var copy = text
        let trimmed = copy.withUTF8 { String(decoding: TextLines.trimmed($0), as: UTF8.self) }
        guard let address = IPAddressSyntax.address(trimmed) else { return nil }
        self.address = address
        zone = trimmed.firstIndex(of: "%").map { trimmed[$0...] } ?? ""
    }

    /// `IPAddress.description` (RFC 5952) and the zone.
    var canonicalText: String { address.description + zone }
}
