/// xoshiro256** (Blackman and Vigna): the generator every series draws from.
///
/// Fast, 256 bits of state, and specified bit for bit, so the output does not depend on the Swift
/// version the way the standard library's unspecified generators and `random(in:)` algorithms may.
public struct Xoshiro256StarStar: RandomSource, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the state from SplitMix64, as the authors recommend (an all-zero state is impossible).
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
    }

    /// A raw state, for checking against the reference implementation's published outputs.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// Named, independent random streams under one seed: `stream("browsing", 17)` always yields the same
/// generator for the same seed, however many other streams were made before it.
public struct RandomStreams: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    public func stream(_ label: String, _ index: Int = 0) -> Xoshiro256StarStar {
        var mixer = SplitMix64(seed: seed ^ fnv1a(label))
        let base = mixer.next()
        var indexMixer = SplitMix64(seed: base &+ UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03)
        return Xoshiro256StarStar(seed: indexMixer.next())
    }
}

/// FNV-1a over the label's UTF-8 bytes: a stable string hash (Swift's `Hasher` is seeded per process).
func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
}
