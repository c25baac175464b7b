extension IPAddress: CustomStringConvertible {
    /// IPv4 as a dotted quad; IPv6 as RFC 5952 recommends (lower case, no leading zeros, the longest run of
    /// two or more zero groups as `::`, the first on a tie), an IPv4-mapped address with its last 32 bits
    /// dotted. Sysmon writes `fe80:0:0:0:3816:b2ee:1b9b:324b` where Defender writes `fe80::3816:b2ee:1b9b:324b`:
    /// one form lets one connection seen by two providers compare equal.
    public var description: String {
        switch self {
        case .v4(let value):
            return Self.dotted(value)
        case .v6(let high, let low):
            if high == 0, low >> 32 == 0xFFFF { return "::ffff:" + Self.dotted(UInt32(truncatingIfNeeded: low)) }
            let groups = (0..<8).map { index in
                Int(truncatingIfNeeded: (index < 4 ? high : low) >> (48 - 16 * (index % 4))) & 0xFFFF
            }
            return Self.compressed(groups)
        }
    }

    private static func dotted(_ value: UInt32) -> String {
        (0..<4).map { String(value >> (24 - 8 * $0) & 0xFF) }.joined(separator: ".")
    }

    private static func compressed(_ groups: [Int]) -> String {
        var bestStart = -1, bestLength = 0
        var runStart = -1
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        return hex[0..<bestStart].joined(separator: ":") + "::" + hex[(bestStart + bestLength)...].joined(separator: ":")
    }
}
