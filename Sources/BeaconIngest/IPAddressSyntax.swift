import KQL

/// Whether a `RemoteIP` value is an IPv4 or IPv6 address in text form, to reject garbage at ingest. The
/// grammar is KQL's `IPAddress` (so the engine can read whatever the readers let in), with one
/// allowance: octets may be zero-padded (`010.001.0.9`), as some loggers write them; the query's own
/// `ipv4_is_private` still judges such text as not IPv4.
enum IPAddressSyntax {
    static func address(_ text: some StringProtocol) -> IPAddress? {
        IPAddress(text, zeroPaddedOctets: true)
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        IPAddress(utf8: bytes, zeroPaddedOctets: true) != nil
    }

    static func isValid(_ text: String) -> Bool {
        address(text) != nil
    }
}
