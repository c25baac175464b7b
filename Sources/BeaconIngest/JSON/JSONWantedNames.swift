import Foundation

/// The member names `JSONEventScanner` looks for, laid out so that a key is matched by its length and
/// its first eight bytes before any byte comparison: a JSON line has a dozen or more keys and most are
/// not wanted, so the lookup runs for every key of every line.
struct JSONWantedNames: Sendable {
    /// One wanted name: its length, its first (up to) eight bytes as a little-endian word, zero-padded,
    /// where its bytes start in `bytes`, and what it stands for.
    struct Entry: Sendable {
        var count: Int
        var prefix: UInt64
        var offset: Int
        var meaning: Int
    }

    /// `meaning` of the `properties` envelope's name; the others are slot numbers.
    static let propertiesMeaning = -1

    /// Sorted by length; `groupStart[c]..<groupStart[c + 1]` are the entries of length `c`.
    let entries: [Entry]
    let groupStart: [Int]
    let bytes: [UInt8]

    /// `names[i]` means slot `i`; `properties` is added as `propertiesMeaning`.
    init(slots names: [String]) {
        var entries: [Entry] = []
        var bytes: [UInt8] = []
        for (meaning, name) in zip(names.indices, names) + [(Self.propertiesMeaning, "properties")] {
            let utf8 = Array(name.utf8)
            entries.append(Entry(count: utf8.count, prefix: Self.prefix(of: utf8), offset: bytes.count, meaning: meaning))
            bytes += utf8
        }
        entries.sort { $0.count < $1.count }
        let longest = entries.last?.count ?? 0
        groupStart = (0...(longest + 1)).map { length in entries.firstIndex { $0.count >= length } ?? entries.count }
        self.entries = entries
        self.bytes = bytes
    }

    /// The first eight bytes of `name` (fewer, zero-padded) as a little-endian word.
    static func prefix<Bytes: Collection<UInt8>>(of name: Bytes) -> UInt64 {
        var word: UInt64 = 0
        for (index, byte) in name.prefix(8).enumerated() { word |= UInt64(byte) << (8 * UInt64(index)) }
        return word
    }

    /// Runs `body` with a view of the table that the scanner can read without reference counting.
    func withLookup<Result>(_ body: (Lookup) -> Result) -> Result {
        entries.withUnsafeBufferPointer { entries in
            groupStart.withUnsafeBufferPointer { groupStart in
                bytes.withUnsafeBufferPointer { bytes in
                    body(Lookup(entries: entries.baseAddress!, groupStart: groupStart, bytes: bytes.baseAddress!))
                }
            }
        }
    }

    /// A borrowed view of a `JSONWantedNames`, valid inside `withLookup`.
    struct Lookup {
        let entries: UnsafePointer<Entry>
        let groupStart: UnsafeBufferPointer<Int>
        let bytes: UnsafePointer<UInt8>

        /// The meaning of the key `key[0..<count]`, or nil when it is not wanted.
        @inline(__always)
        func meaning(of key: UnsafePointer<UInt8>, count: Int) -> Int? {
            guard count + 1 < groupStart.count else { return nil }
            let group = groupStart[count]..<groupStart[count + 1]
            guard !group.isEmpty else { return nil }
            let prefix = Self.prefix(key, count)
            for index in group where entries[index].prefix == prefix
                && (count <= 8 || Self.sameAfterPrefix(bytes + entries[index].offset, key, count)) {
                return entries[index].meaning
            }
            return nil
        }

        /// Whether `a` and `b` (both `count` > 8 bytes) agree past their first eight bytes, compared a word
        /// at a time (the last word overlapping the one before), since a library call costs more than the
        /// comparison of a name this short.
        @inline(__always)
        private static func sameAfterPrefix(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            func word(_ pointer: UnsafePointer<UInt8>, _ at: Int) -> UInt64 {
                UnsafeRawPointer(pointer + at).loadUnaligned(as: UInt64.self)
            }
            var at = 8
            while at + 8 < count {
                guard word(a, at) == word(b, at) else { return false }
                at += 8
            }
            return word(a, count - 8) == word(b, count - 8)
        }

        @inline(__always)
        private static func prefix(_ key: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
            if count >= 8 { return UnsafeRawPointer(key).loadUnaligned(as: UInt64.self).littleEndian }
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(key[index]) << (8 * UInt64(index)) }
            return word
        }
    }
}
