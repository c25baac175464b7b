/// Distinct byte strings numbered 0, 1, 2, … in the order they were first inserted, each stored once in
/// one contiguous arena: the dictionary behind `StringPool` and behind the CSV reader's per-thread
/// dictionaries.
///
/// Keys are compared byte for byte (Kusto's ordinal comparison), so a composed and a decomposed `café`
/// are two keys. Lookups allocate nothing: open addressing with linear probing over a power-of-two slot
/// array, each slot holding 32 bits of the key's hash beside its id, so most mismatches are rejected
/// without touching the arena. The hash is seeded per table, at random, because the keys come from
/// telemetry an attacker may shape: precomputed colliding keys would otherwise turn every lookup into a
/// long probe.
public struct ByteStringTable: Sendable {
    /// Every key's bytes, one after another.
    private var arena: [UInt8] = []
    /// Where key `i` starts in `arena`; key `i` ends where key `i + 1` starts (one extra entry at the end).
    private var starts: [Int] = [0]
    /// `hash32 << 32 | (id + 1)`, or 0 for an empty slot.
    private var slots: [UInt64]
    private var mask: Int
    private let seed: UInt64

    /// An empty table; `capacity` keys fit before the first growth.
    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    /// How many distinct keys the table holds.
    public var count: Int { starts.count - 1 }

    /// The id of `key`, if the table holds it.
    public func find(_ key: UnsafeRawBufferPointer) -> Int? {
        let hash = Self.hash(key, seed: seed)
        switch probe(key, hash: hash) {
        case .found(let id): return id
        case .vacant: return nil
        }
    }

    /// The id of `key`, inserting it (as the next id) when it is new.
    public mutating func insert(_ key: UnsafeRawBufferPointer) -> (id: Int, inserted: Bool) {
        let hash = Self.hash(key, seed: seed)
        let position: Int
        switch probe(key, hash: hash) {
        case .found(let id): return (id, false)
        case .vacant(let at): position = at
        }
        let id = count
        precondition(id < Int(UInt32.max) - 1, "more distinct strings than 32-bit ids can number")
        arena.append(contentsOf: key)
        starts.append(arena.count)
        slots[position] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(id + 1)
        // At most half full, so probes stay short.
        if (id + 1) * 2 > slots.count { grow() }
        return (id, true)
    }

    private enum Probe {
        case found(Int)
        case vacant(Int)
    }

    /// Where `key` is, or the empty slot where it would go.
    @inline(__always)
    private func probe(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Probe {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = self.mask
        return slots.withUnsafeBufferPointer { slots in
            starts.withUnsafeBufferPointer { starts in
                arena.withUnsafeBytes { arena in
                    var position = Int(truncatingIfNeeded: hash >> 32) & mask
                    while true {
                        let slot = slots[position]
                        if slot == 0 { return .vacant(position) }
                        if slot & 0xFFFF_FFFF_0000_0000 == tag {
                            let id = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                            let start = starts[id]
                            if starts[id + 1] - start == key.count
                                && (key.count == 0 || Self.bytesEqual(arena.baseAddress! + start, key.baseAddress!, key.count)) {
                                return .found(id)
                            }
                        }
                        position = (position + 1) & mask
                    }
                }
            }
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal, a word at a time (keys are short; a call to memcmp
    /// would cost more than comparing them).
    @inline(__always)
    private static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset += 8
            }
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return a.loadUnaligned(fromByteOffset: 0, as: UInt32.self) == b.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for offset in 0..<count where a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
            return false
        }
        return true
    }

    /// Calls `body` with the bytes of key `id`.
    public func withBytes<Result>(of id: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let start = starts[id], end = starts[id + 1]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var larger = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for slot in slots where slot != 0 {
            // The tag is the hash's high half; positions come from it so growing needs no rehash of bytes.
            var position = Int(truncatingIfNeeded: slot >> 32) & newMask
            while larger[position] != 0 { position = (position + 1) & newMask }
            larger[position] = slot
        }
        slots = larger
        mask = newMask
    }

    /// A 64-bit hash of `key` in the manner of wyhash: eight bytes at a time folded through 128-bit
    /// multiplications. The table uses its high half, as both tag and probe start.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = key.count
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = key.baseAddress, count > 0 else { return fold(state, 0xA076_1D64_78BD_642F) }
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                state = fold(state ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self), 0xE703_7ED1_A0B4_28DB)
                offset += 8
            }
            // The last eight bytes, overlapping the previous word when the length is not a multiple of 8.
            state ^= base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            let low = UInt64(base.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let high = UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            state ^= low | high << 32
        } else {
            let first = UInt64(base.load(fromByteOffset: 0, as: UInt8.self))
            let middle = UInt64(base.load(fromByteOffset: count / 2, as: UInt8.self))
            let last = UInt64(base.load(fromByteOffset: count - 1, as: UInt8.self))
            state ^= first << 16 | middle << 8 | last
        }
        return fold(fold(state, 0x8EBC_6AF0_9C88_C6E3), 0x5899_65CC_7537_4CC3)
    }

    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
