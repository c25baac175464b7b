import CPrefetch

/// A key `KeyIndex` can number: equality, and a hash spread over all bits.
protocol IndexableKey: Equatable {
    var hashValueForIndex: Int { get }
}

/// Dense numbers for keys, in the order first seen: open addressing with linear probing.
struct KeyIndex<Key: IndexableKey> {
    private(set) var keys: [Key] = []
    /// Number + 1, or 0 for an empty slot.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 512) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        slots = .zeroed(count: size)
        mask = size - 1
    }

    /// The key's number; a new key gets the next one.
    @inline(__always)
    mutating func number(of key: Key) -> Int {
        var position = key.hashValueForIndex & mask
        while true {
            let slot = Int(slots[position])
            if slot == 0 { break }
            if keys[slot - 1] == key { return slot - 1 }
            position = (position + 1) & mask
        }
        let number = keys.count
        keys.append(key)
        slots[position] = Int32(number + 1)
        if keys.count * 2 > slots.count { grow() }
        return number
    }

    /// Asks the caches for the slot where the key's search starts (see `PackedKeyIndex.prefetch`).
    @inline(__always)
    func prefetchSlot(of key: Key) {
        let position = key.hashValueForIndex & mask
        slots.withUnsafeBufferPointer { beacon_prefetch($0.baseAddress! + position) }
    }

    /// Asks the caches for the key stored in that slot, once the slot itself is cached (`prefetchSlot`
    /// a lookahead earlier): a lookup reads both, at random in a table of millions of targets.
    @inline(__always)
    func prefetchStoredKey(of key: Key) {
        let slot = Int(slots[key.hashValueForIndex & mask])
        guard slot > 0 else { return }
        keys.withUnsafeBufferPointer { beacon_prefetch($0.baseAddress! + slot - 1) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var larger = [Int32].zeroed(count: size)
        let newMask = size - 1
        for (number, key) in keys.enumerated() {
            var position = key.hashValueForIndex & newMask
            while larger[position] != 0 { position = (position + 1) & newMask }
            larger[position] = Int32(number + 1)
        }
        slots = larger
        mask = newMask
    }
}

/// Two 64-bit halves folded through a 128-bit product: the mixing step of the indexes' hashes.
@inline(__always)
func mixBits(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = a.multipliedFullWidth(by: b)
    return product.high ^ product.low
}

/// Which of `parts` partitions a group key (origin and endpoint numbers) falls in, for work split over
/// threads by group: two rounds with full-width constants, so that the high bits depend on every input bit.
@inline(__always)
func partition(of key: UInt64, among parts: Int) -> Int {
    let spread = mixBits(mixBits(key, 0x9E37_79B9_7F4A_7C15), 0xE703_7ED1_A0B4_28DB)
    return Int(((spread >> 32) &* UInt64(parts)) >> 32)
}

extension EncodedGroupKey: IndexableKey {
    /// Ids are numbers the pool hands out in order, not values the data's authors choose, so a fixed
    /// multiplicative mix spreads them.
    @inline(__always)
    var hashValueForIndex: Int {
        var h = mixBits(UInt64(deviceId) | UInt64(deviceName) << 32, 0x9E37_79B9_7F4A_7C15)
        h = mixBits(h ^ (UInt64(accountName) | UInt64(accountDomain) << 32), 0xE703_7ED1_A0B4_28DB)
        h = mixBits(h ^ (UInt64(fileName) | UInt64(remoteIP) << 32), 0x8EBC_6AF0_9C88_C6E3)
        h = mixBits(h ^ UInt64(UInt32(bitPattern: remotePort)), 0x5899_65CC_7537_4CC3)
        return Int(truncatingIfNeeded: h >> 1)
    }
}

/// A pair of 32-bit numbers as one key.
struct PairKey: IndexableKey {
    var bits: UInt64

    init(_ high: UInt32, _ low: UInt32) { bits = UInt64(high) << 32 | UInt64(low) }

    @inline(__always)
    var hashValueForIndex: Int { Int(truncatingIfNeeded: mixBits(bits, 0x9E37_79B9_7F4A_7C15) >> 1) }
}

/// Dense numbers for 64-bit keys, in the order first seen, each slot holding its key beside its number
/// and a count of the times it was looked up, so that a lookup touches one cache line: for tables too
/// large for the caches, as the groups of ten million events are.
struct PackedKeyIndex {
    /// Slot `i` is words `2i` (the key) and `2i + 1` (its number + 1 in the low half, or 0 when the slot
    /// is empty; its count in the high half: the times it was numbered, plus the amounts `add`ed).
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 512) {
        var size = 1024
        while size * 7 < capacity * 10 { size <<= 1 }
        slots = .zeroed(count: size * 2)
        mask = size - 1
    }

    /// The key's number, and whether it is new (it gets the next number then); counts the lookup.
    @inline(__always)
    mutating func number(of key: UInt64) -> (number: Int, isNew: Bool) { add(1, to: key) }

    /// The key's number, and whether it is new (it gets the next number then); adds `amount` to its count.
    @inline(__always)
    @discardableResult
    mutating func add(_ amount: UInt32, to key: UInt64) -> (number: Int, isNew: Bool) {
        var position = Self.position(key) & mask
        while true {
            let word = slots[2 * position + 1]
            if word == 0 { break }
            if slots[2 * position] == key {
                slots[2 * position + 1] = word &+ UInt64(amount) << 32
                return (Int(word & 0xFFFF_FFFF) - 1, false)
            }
            position = (position + 1) & mask
        }
        slots[2 * position] = key
        slots[2 * position + 1] = UInt64(amount) << 32 | UInt64(count + 1)
        count += 1
        // Up to 70 % full: linear probes stay short and the table stays small.
        if count * 10 > (mask + 1) * 7 { grow() }
        return (count - 1, true)
    }

    /// Asks the caches for the slot where the key's search starts: a loop over rows calls this a few rows
    /// ahead of its lookups, so that their misses in a table larger than the caches overlap.
    @inline(__always)
    func prefetch(_ key: UInt64) {
        let position = Self.position(key) & mask
        slots.withUnsafeBufferPointer { beacon_prefetch($0.baseAddress! + 2 * position) }
    }

    /// The key's count (lookups by `number(of:)`, plus amounts `add`ed), or nil when it was never numbered.
    @inline(__always)
    func count(of key: UInt64) -> Int? { storedWord(of: key).map { Int($0 >> 32) } }

    /// The key's number, or nil when it was never numbered; counts nothing.
    @inline(__always)
    func existingNumber(of key: UInt64) -> Int? { storedWord(of: key).map { Int($0 & 0xFFFF_FFFF) - 1 } }

    /// The second word of the key's slot (number and count), or nil when it was never numbered.
    @inline(__always)
    private func storedWord(of key: UInt64) -> UInt64? {
        var position = Self.position(key) & mask
        while true {
            let word = slots[2 * position + 1]
            if word == 0 { return nil }
            if slots[2 * position] == key { return word }
            position = (position + 1) & mask
        }
    }

    /// Each key with its count, in slot order (no particular order, but the slots are read in sequence).
    func forEachKeyAndCount(_ body: (_ key: UInt64, _ count: UInt32) -> Void) {
        slots.withUnsafeBufferPointer { slots in
            for slot in 0...mask where slots[2 * slot + 1] != 0 {
                body(slots[2 * slot], UInt32(truncatingIfNeeded: slots[2 * slot + 1] >> 32))
            }
        }
    }

    /// The memory the slots take, for the cost model's figures.
    var bytes: Int { slots.count * 8 }

    /// How many times each number was looked up, by number.
    func lookups() -> [Int32] {
        var result = [Int32](repeating: 0, count: count)
        for slot in 0...mask where slots[2 * slot + 1] != 0 {
            let word = slots[2 * slot + 1]
            result[Int(word & 0xFFFF_FFFF) - 1] = Int32(truncatingIfNeeded: word >> 32)
        }
        return result
    }

    @inline(__always)
    private static func position(_ key: UInt64) -> Int { Int(truncatingIfNeeded: mixBits(key, 0x9E37_79B9_7F4A_7C15) >> 1) }

    private mutating func grow() {
        let size = (mask + 1) * 2
        var larger = [UInt64].zeroed(count: size * 2)
        let newMask = size - 1
        for slot in 0...mask where slots[2 * slot + 1] != 0 {
            var position = Self.position(slots[2 * slot]) & newMask
            while larger[2 * position + 1] != 0 { position = (position + 1) & newMask }
            larger[2 * position] = slots[2 * slot]
            larger[2 * position + 1] = slots[2 * slot + 1]
        }
        slots = larger
        mask = newMask
    }
}

extension KeyIndex: Sendable where Key: Sendable {}
extension PackedKeyIndex: Sendable {}
