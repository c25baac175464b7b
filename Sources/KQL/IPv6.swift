/// Parses an IPv6 address in any RFC 4291 §2.2 text form into its 16 bytes.
///
/// Accepted: eight groups of 1–4 hex digits (either case); one `::` standing for one or
/// more zero groups; an embedded dotted-quad IPv4 tail as the last 32 bits
/// (`::ffff:1.2.3.4`, `64:ff9b::10.0.0.1`); an optional zone `%eth0`, which is ignored but
/// must be non-empty and free of spaces and control characters (an interface name or
/// number; a space there is garbage, not an address). Rejected: brackets, prefixes, a
/// second `::`, `:::`, a lone leading or trailing `:`, more than eight groups, an IPv4
/// part anywhere but at the very end. Needed for the corrected private-address rule of
/// quirk Q3 (spec S16) and for input validation. `zeroPaddedOctets` applies to a dotted
/// tail as `parseIPv4` describes.
public func parseIPv6(_ text: Substring, zeroPaddedOctets: Bool = false) -> [UInt8]? {
    guard let (high, low) = parseIPv6Halves(text, zeroPaddedOctets: zeroPaddedOctets) else { return nil }
    return [high, low].flatMap { half in (0..<8).map { UInt8(truncatingIfNeeded: half >> (56 - 8 * $0)) } }
}

/// `parseIPv6` as two big-endian 64-bit halves. One pass over the bytes with no allocation: the
/// input readers validate `RemoteIP` cells with it, and the earlier split-and-join version took
/// 4–7 µs an address against about 0.1 µs for this one (release build, one core).
func parseIPv6Halves(_ text: Substring, zeroPaddedOctets: Bool) -> (UInt64, UInt64)? {
    if let result = text.utf8.withContiguousStorageIfAvailable({ parseIPv6Halves(bytes: $0, zeroPaddedOctets) }) {
        return result
    }
    return Array(text.utf8).withUnsafeBufferPointer { parseIPv6Halves(bytes: $0, zeroPaddedOctets) }
}

func parseIPv6Halves(bytes b: UnsafeBufferPointer<UInt8>, _ zeroPaddedOctets: Bool) -> (UInt64, UInt64)? {
    let colon = UInt8(ascii: ":")
    var end = b.count
    if let percent = b.firstIndex(of: UInt8(ascii: "%")) {
        guard percent + 1 < end, b[(percent + 1)...].allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        end = percent
    }
    guard end >= 2 else { return nil }
    var words = SIMD8<UInt16>()
    var count = 0
    var gap: Int?  // how many groups come before the `::`
    var i = 0
    if b[0] == colon {
        guard b[1] == colon else { return nil }
        gap = 0
        i = 2
    }
    while i < end {
        let start = i
        var word: UInt16 = 0
        while i < end, let digit = hexDigit(b[i]), i - start < 4 {
            word = word << 4 | UInt16(digit)
            i += 1
        }
        if i < end, b[i] == UInt8(ascii: ".") {
            // A dotted quad is the last two groups, and only after a `::` or in a full address.
            guard count <= 6, let v4 = parseIPv4(utf8: UnsafeBufferPointer(rebasing: b[start..<end]), zeroPaddedOctets: zeroPaddedOctets)
            else { return nil }
            words[count] = UInt16(v4 >> 16)
            words[count + 1] = UInt16(v4 & 0xFFFF)
            count += 2
            break
        }
        guard i > start, count < 8 else { return nil }
        words[count] = word
        count += 1
        if i == end { break }
        guard b[i] == colon else { return nil }  // also a fifth hex digit
        i += 1
        if i < end, b[i] == colon {
            guard gap == nil else { return nil }
            gap = count
            i += 1
        } else if i == end {
            return nil  // a lone trailing colon
        }
    }
    var groups = SIMD8<UInt16>()
    if let gap {
        guard count <= 7 else { return nil }
        let zeros = 8 - count
        for index in 0..<count { groups[index < gap ? index : index + zeros] = words[index] }
    } else {
        guard count == 8 else { return nil }
        groups = words
    }
    func half(_ first: Int) -> UInt64 { (first..<first + 4).reduce(0) { $0 << 16 | UInt64(groups[$1]) } }
    return (half(0), half(4))
}

private func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
