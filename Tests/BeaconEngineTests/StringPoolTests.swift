import BeaconEngine
import Testing

@Suite struct StringPoolTests {
    /// "café" with é as one scalar (U+00E9, UTF-8 C3 A9) and as e + combining acute (U+0301, CC 81):
    /// equal as Swift strings, two different strings to Kusto.
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    @Test func emptyStringIsIdZero() {
        var pool = StringPool()
        #expect(pool.count == 1)
        #expect(pool.id(of: "") == 0)
        #expect(pool.intern("") == StringPool.emptyID)
        #expect(pool.intern(bytes: UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
        #expect(pool.count == 1)
    }

    @Test func idsCountUpInFirstSeenOrder() {
        var pool = StringPool()
        #expect(pool.intern("b") == 1)
        #expect(pool.intern("a") == 2)
        #expect(pool.intern("b") == 1)
        #expect(pool[2] == "a")
        #expect(pool.strings == ["", "b", "a"])
    }

    @Test func composedAndDecomposedAreTwoStrings() {
        #expect(Self.composed == Self.decomposed)  // Swift's equality, which the pool must not use
        var pool = StringPool()
        let first = pool.intern(Self.composed)
        let second = pool.intern(Self.decomposed)
        #expect(first != second)
        #expect(Array(pool[first].utf8) == [0x63, 0x61, 0x66, 0xC3, 0xA9])
        #expect(Array(pool[second].utf8) == [0x63, 0x61, 0x66, 0x65, 0xCC, 0x81])
        #expect(pool.id(of: Self.decomposed) == second)
    }

    @Test func bytesAndStringsShareIds() {
        var pool = StringPool()
        let byString = pool.intern("ws-0042.corp.contoso.com")
        let byBytes = Array("ws-0042.corp.contoso.com".utf8).withUnsafeBytes { pool.intern(bytes: $0) }
        #expect(byString == byBytes)
        let decomposedBytes: [UInt8] = [0x63, 0x61, 0x66, 0x65, 0xCC, 0x81]
        let viaBytes = decomposedBytes.withUnsafeBytes { pool.intern(bytes: $0) }
        #expect(pool.id(of: Self.decomposed) == viaBytes)
        #expect(pool.id(of: Self.composed) == nil)
    }

    @Test func invalidUTF8StandsForItsRepairedString() {
        var pool = StringPool()
        // Latin-1 "café": E9 alone is not UTF-8; String(decoding:) makes it U+FFFD.
        let latin1: [UInt8] = [0x63, 0x61, 0x66, 0xE9]
        let id = latin1.withUnsafeBytes { pool.intern(bytes: $0) }
        #expect(pool[id] == "caf\u{FFFD}")
        #expect(pool.id(of: "caf\u{FFFD}") == id)
        // Another invalid byte repairs to the same string, so to the same id.
        let other: [UInt8] = [0x63, 0x61, 0x66, 0xFF]
        #expect(other.withUnsafeBytes { pool.intern(bytes: $0) } == id)
    }

    @Test func manyStringsSurviveGrowth() {
        var pool = StringPool()
        let names = (0..<20_000).map { "host-\($0).example" }
        let ids = names.map { pool.intern($0) }
        #expect(ids == (1...20_000).map(UInt32.init))
        for (name, id) in zip(names, ids) where id % 997 == 0 {
            #expect(pool.id(of: name) == id)
            #expect(pool[id] == name)
        }
        #expect(pool.id(of: "host-20000.example") == nil)
    }
}

@Suite struct ByteStringTableTests {
    func key(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func keysOfEveryLengthAreFoundAndToldApart() {
        // Lengths 0 to 40 exercise the byte, 4-byte and 8-byte paths of hashing and comparing; each key
        // differs from the previous one only in its last byte.
        var table = ByteStringTable()
        var keys: [[UInt8]] = []
        for length in 0...40 {
            for last in [UInt8(ascii: "a"), UInt8(ascii: "b")] where length > 0 || last == UInt8(ascii: "a") {
                keys.append(Array(repeating: UInt8(ascii: "x"), count: max(0, length - 1)) + (length > 0 ? [last] : []))
            }
        }
        for (expected, key) in keys.enumerated() {
            let inserted = key.withUnsafeBytes { table.insert($0) }
            #expect(inserted.id == expected && inserted.inserted)
        }
        #expect(table.count == keys.count)
        for (expected, key) in keys.enumerated() {
            #expect(key.withUnsafeBytes { table.find($0) } == expected)
            #expect(key.withUnsafeBytes { table.insert($0) }.inserted == false)
            #expect(table.withBytes(of: expected) { Array($0) } == key)
        }
        #expect(key("xxxc").withUnsafeBytes { table.find($0) } == nil)
    }
}
