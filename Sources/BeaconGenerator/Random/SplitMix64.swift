/// SplitMix64 (Steele, Lea and Flood; Vigna's reference code): a tiny seeded generator.
///
/// It expands the one `--seed` into an independent seed per traffic series, so a series draws the same
/// numbers whatever else the scenario contains, and it seeds `Xoshiro256StarStar`. Every random choice in
/// the generator comes from these two, never from `SystemRandomNumberGenerator`: the same arguments
/// must write the same bytes.
public struct SplitMix64: RandomSource, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
