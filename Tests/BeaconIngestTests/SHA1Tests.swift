@testable import BeaconIngest
import Testing

/// The pure-Swift SHA-1 behind synthetic DeviceIds. The FIPS 180 examples pin the algorithm; the lengths
/// around the 55/56/64-byte padding edges pin the padding; the host names pin the ids already in users'
/// triage files. Expected digests from FIPS 180-2 appendix A and Python's hashlib.
@Suite struct SHA1Tests {
    private func hex(_ text: String) -> String {
        SHA1.digest(Array(text.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test func fipsExamples() {
        #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hex(String(repeating: "a", count: 1_000_000)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func paddingEdges() {
        #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        // 55 bytes fit one block with the length; 56 need a second; 64 fill one exactly.
        #expect(hex(String(repeating: "a", count: 55)) == "c1c8bbdc22796e28c0e15163d20899b65621d65a")
        #expect(hex(String(repeating: "a", count: 56)) == "c2db330f6083854c99d4b5bfb6e8f29f201be699")
        #expect(hex(String(repeating: "a", count: 64)) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
    }

    @Test func deviceIdsOfHostNames() {
        #expect(DeviceIdentity.windowsHost("DC01.corp.example.com") == "3d4b67705170856e6d6688ceade89ad46e171bb9")
        // Non-ASCII names hash their UTF-8 bytes, lower-cased first.
        #expect(DeviceIdentity.windowsHost("FÄHRE-01") == "de1b0227f4b38d9992d0c8234da40cb2a0155acc")
        #expect(DeviceIdentity.zeekOriginator("192.168.1.20") == "84c11505409687438397b47ed74fde3be3b3886f")
        #expect(DeviceIdentity.zeekOriginator("fe80::1") == "c5438a9529fb5ae7de93ea5eca206272fadb6138")
    }
}
