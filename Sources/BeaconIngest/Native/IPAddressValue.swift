/// An IPv4 or IPv6 address read from text, so that it can be classified and written in one form.
///
/// Sysmon writes `fe80:0:0:0:3816:b2ee:1b9b:324b` where Security 5156 and Zeek write
/// `fe80::3816:b2ee:1b9b:324b`; Defender (and the converted CSVs) use the compressed form, so native readers
/// store `canonicalText`, and one connection seen by two providers compares equal.
struct IPAddressValue: Hashable, Sendable {
    /// Network byte order: 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]
    /// An IPv6 zone (`%12` in `fe80::1%12`), kept as written.
    let zone: String

    var isIPv4: Bool { bytes.count == 4 }

    init?(_ text: String) {
        var copy = text
        guard let parsed = copy.withUTF8({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    private init(bytes: [UInt8], zone: String) {
        self.bytes = bytes
        self.zone = zone
    }

    /// IPv4 dotted quad; IPv6 as RFC 5952 recommends (lower case, no leading zeros, the longest run of two
    /// or more zero groups as `::`, the first on a tie) with an IPv4-mapped address's last 32 bits dotted.
    var canonicalText: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = (0..<8).map { Int(bytes[2 * $0]) << 8 | Int(bytes[2 * $0 + 1]) }
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            return "::ffff:" + bytes[12..<16].map(String.init).joined(separator: ".") + zone
        }
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
        guard bestLength >= 2 else { return hex.joined(separator: ":") + zone }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail + zone
    }

    /// The address in a 32-bit integer, for IPv4.
    var ipv4Value: UInt32? {
        guard isIPv4 else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Whether the first `length` bits equal those of `prefix` (same family).
    func hasPrefix(_ prefix: [UInt8], length: Int) -> Bool {
        guard prefix.count == bytes.count else { return false }
        var remaining = length
        for index in bytes.indices where remaining > 0 {
            let bits = min(remaining, 8)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if bytes[index] & mask != prefix[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> IPAddressValue? {
        let trimmed = TextLines.trimmed(text)
        guard IPAddressSyntax.isValid(trimmed) else { return nil }
        if let ipv4 = ipv4Bytes(trimmed, 0, trimmed.count) { return IPAddressValue(bytes: ipv4, zone: "") }
        var end = trimmed.count
        var zone = ""
        if let percent = trimmed.firstIndex(of: 0x25 /* % */) {
            zone = String(decoding: UnsafeBufferPointer(rebasing: trimmed[percent...]), as: UTF8.self)
            end = percent
        }
        guard let ipv6 = ipv6Bytes(UnsafeBufferPointer(rebasing: trimmed[0..<end])) else { return nil }
        return IPAddressValue(bytes: ipv6, zone: zone)
    }

    private static func ipv4Bytes(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8]? {
        guard IPAddressSyntax.isIPv4(text, start, end) else { return nil }
        var result: [UInt8] = []
        var value = 0
        for index in start..<end {
            if text[index] == 0x2E {
                result.append(UInt8(value))
                value = 0
            } else {
                value = value * 10 + Int(text[index] - 0x30)
            }
        }
        result.append(UInt8(value))
        return result
    }

    /// Groups before and after `::`, the dotted tail counting as two; syntax already checked.
    private static func ipv6Bytes(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var afterGap = false
        var index = 0
        let count = text.count
        if count >= 2 && text[0] == 0x3A && text[1] == 0x3A {
            afterGap = true
            index = 2
        }
        while index < count {
            let start = index
            var value = 0
            while index < count, let digit = hexValue(text[index]) {
                value = value << 4 | digit
                index += 1
            }
            if index < count && text[index] == 0x2E {
                guard let quad = ipv4Bytes(text, start, count) else { return nil }
                let pair = [UInt16(quad[0]) << 8 | UInt16(quad[1]), UInt16(quad[2]) << 8 | UInt16(quad[3])]
                if afterGap { tail += pair } else { head += pair }
                break
            }
            if afterGap { tail.append(UInt16(value)) } else { head.append(UInt16(value)) }
            guard index < count else { break }
            index += 1  // the ':'
            if index < count && text[index] == 0x3A {
                afterGap = true
                index += 1
            }
        }
        let zeros = 8 - head.count - tail.count
        guard zeros >= 0 else { return nil }
        let groups = head + [UInt16](repeating: 0, count: zeros) + tail
        guard groups.count == 8 else { return nil }
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46: return Int(byte - 0x41 + 10)
        case 0x61...0x66: return Int(byte - 0x61 + 10)
        default: return nil
        }
    }
}
