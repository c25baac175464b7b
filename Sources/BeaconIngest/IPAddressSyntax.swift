/// Whether a `RemoteIP` value is an IPv4 or IPv6 address in text form, to reject garbage at ingest.
/// Syntax only: the query's own IP semantics live in the KQL module.
enum IPAddressSyntax {
    /// IPv4 dotted quad (`a.b.c.d`, 1–3 digits each, ≤ 255) or IPv6 (RFC 4291 text: up to 8 groups of
    /// 1–4 hex digits, one `::`, an optional dotted-quad tail and an optional `%zone`).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isIPv4(bytes, 0, bytes.count) || isIPv6(bytes)
    }

    static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValid($0) }
    }

    static func isIPv4(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        for part in 0..<4 {
            if part > 0 {
                guard i < end, b[i] == 0x2E /* . */ else { return false }
                i += 1
            }
            var value = 0
            var count = 0
            while i < end, isDigit(b[i]) {
                value = value * 10 + Int(b[i] - 0x30)
                count += 1
                i += 1
                if count > 3 { return false }
            }
            guard count > 0, value <= 255 else { return false }
        }
        return i == end
    }

    static func isIPv6(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = b.count
        // Zone index (`fe80::1%eth0`): not empty, no spaces or controls.
        if let percent = b.firstIndex(of: 0x25 /* % */) {
            guard percent + 1 < end else { return false }
            for index in (percent + 1)..<end where b[index] <= 0x20 || b[index] == 0x7F { return false }
            end = percent
        }
        guard end >= 2 else { return false }
        var i = 0
        var groups = 0
        var compressed = false
        if b[0] == 0x3A /* : */ {
            guard b[1] == 0x3A else { return false }
            compressed = true
            i = 2
            if i == end { return true }  // "::"
        }
        while true {
            let groupStart = i
            while i < end, isHexDigit(b[i]) { i += 1 }
            if i < end, b[i] == 0x2E /* . */ {
                // A dotted-quad tail stands for the last two groups.
                guard isIPv4(b, groupStart, end) else { return false }
                groups += 2
                break
            }
            guard (1...4).contains(i - groupStart) else { return false }
            groups += 1
            if i == end { break }
            guard b[i] == 0x3A else { return false }
            i += 1
            if i < end, b[i] == 0x3A {
                guard !compressed else { return false }
                compressed = true
                i += 1
                if i == end { break }
            } else if i == end {
                return false  // a single trailing colon
            }
        }
        return compressed ? groups <= 7 : groups == 8
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}
