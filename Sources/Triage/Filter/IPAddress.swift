/// An IPv4 or IPv6 address as its bytes, so that `ip:` terms compare addresses, not spellings:
/// `2001:db8::1` and `2001:0db8:0:0:0:0:0:1` are one address. An IPv4-mapped IPv6 address
/// (`::ffff:203.0.113.7`) is taken as its IPv4 address, as the corrected mode judges it.
public struct IPAddress: Sendable, Hashable {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (brackets and a `%zone` suffix are dropped).
    public init?(_ text: String) {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        if let v4 = parseIPv4(text) {
            bytes = v4
        } else if let v6 = parseIPv6(text) {
            let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
            bytes = v6.starts(with: mappedPrefix) ? Array(v6[12...]) : v6
        } else {
            return nil
        }
    }
}

/// An address block in CIDR notation: `203.0.113.0/24`, `2001:db8::/32`. Host bits in the address are
/// ignored (`203.0.113.9/24` is the same block).
public struct IPNetwork: Sendable, Hashable {
    public let address: IPAddress
    public let prefixLength: Int

    public init?(_ text: String) {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        let writtenAsIPv6 = pieces.count == 2 && pieces[0].contains(":")
        guard pieces.count == 2, let address = IPAddress(String(pieces[0])),
              !pieces[1].isEmpty, pieces[1].allSatisfy({ $0.isASCII && $0.isNumber }), let length = Int(pieces[1]),
              (0...(writtenAsIPv6 ? 128 : 32)).contains(length) else { return nil }
        // An IPv4-mapped block (`::ffff:203.0.113.0/120`) is the IPv4 block its last 32 bits describe.
        let mappedShift = writtenAsIPv6 && address.isIPv4 ? 96 : 0
        guard length >= mappedShift else { return nil }
        self.address = address
        self.prefixLength = length - mappedShift
    }

    public func contains(_ other: IPAddress) -> Bool {
        guard other.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address.bytes, other.bytes) {
            guard remaining > 0 else { return true }
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }
}

private func parseIPv4(_ text: Substring) -> [UInt8]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var bytes: [UInt8] = []
    for part in parts {
        // Decimal only, no leading zeros: `010` is octal to some parsers and decimal to others.
        guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
              part.count == 1 || part.first != "0", let value = UInt8(part) else { return nil }
        bytes.append(value)
    }
    return bytes
}

private func parseIPv6(_ text: Substring) -> [UInt8]? {
    guard text.contains(":") else { return nil }
    let halves = text.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ part: Substring, allowIPv4Tail: Bool) -> [UInt16]? {
        if part.isEmpty { return [] }
        var result: [UInt16] = []
        let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            if allowIPv4Tail, index == pieces.count - 1, piece.contains(".") {
                guard let v4 = parseIPv4(piece) else { return nil }
                result += [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                continue
            }
            guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit), let value = UInt16(piece, radix: 16) else { return nil }
            result.append(value)
        }
        return result
    }
    let all: [UInt16]
    if halves.count == 2 {
        guard let head = groups(halves[0], allowIPv4Tail: false), let tail = groups(halves[1], allowIPv4Tail: true),
              head.count + tail.count <= 7 else { return nil }
        all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    } else {
        guard let only = groups(halves[0], allowIPv4Tail: true), only.count == 8 else { return nil }
        all = only
    }
    return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
}

extension Substring {
    /// Splits on a multi-character separator (Foundation-free).
    fileprivate func components(separatedBy separator: String) -> [Substring] {
        var result: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            result.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        result.append(rest)
        return result
    }
}
