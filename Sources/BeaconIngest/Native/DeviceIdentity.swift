/// Synthetic `DeviceId`s for telemetry that has none, made as the shared real-data converter made them, so
/// a native load and the converted CSV name the same devices (and so group the same beacons).
enum DeviceIdentity {
    /// A Windows host: the SHA-1 (hex) of its lower-cased name.
    static func windowsHost(_ name: String) -> String {
        sha1Hex(name.lowercased())
    }

    /// A Zeek originator: the SHA-1 (hex) of `zeek:` and its address.
    static func zeekOriginator(_ address: String) -> String {
        sha1Hex("zeek:" + address)
    }

    static func sha1Hex(_ text: String) -> String {
        let digest = SHA1.digest(Array(text.utf8))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(40)
        for byte in digest {
            result.append(hex[Int(byte >> 4)])
            result.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
