#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dictionary encoding for the event table's string columns: each distinct string is stored once
/// and rows hold its 32-bit id. Id 0 is always the empty string, which Kusto treats as a string's
/// null (spec S6).
///
/// Strings are told apart by their UTF-8 bytes, as Kusto compares them. Swift's `String` equality
/// would merge a composed `café` with a decomposed one, two different device names to Kusto. Readers
/// intern a field's bytes directly (`intern(bytes:)`), so loading makes a `String` only for each new
/// distinct value, never one per field.
public struct StringPool: Sendable {
    public private(set) var strings: [String] = [""]
    private var index: ByteStringTable

    public init() {
        index = ByteStringTable()
        _ = index.insert(UnsafeRawBufferPointer(start: nil, count: 0))
    }

    public static let emptyID: UInt32 = 0

    /// The id of `string`, adding it to the pool when it is new.
    public mutating func intern(_ string: String) -> UInt32 {
        var text = string
        let (id, inserted) = text.withUTF8 { index.insert(UnsafeRawBufferPointer($0)) }
        if inserted { strings.append(string) }
        return UInt32(id)
    }

    /// The id of the string whose UTF-8 encoding is `bytes`, adding it when it is new. Bytes that are not
    /// valid UTF-8 stand for the string `String(decoding:as:)` makes of them (invalid sequences replaced
    /// by U+FFFD), as if that string had been interned.
    public mutating func intern(bytes: UnsafeRawBufferPointer) -> UInt32 {
        if let id = index.find(bytes) { return UInt32(id) }
        let string = String(decoding: bytes, as: UTF8.self)
        if string.utf8.count != bytes.count || !string.utf8.elementsEqual(bytes) { return intern(string) }
        _ = index.insert(bytes)
        strings.append(string)
        return UInt32(strings.count - 1)
    }

    /// The id of `string` if the pool holds it.
    public func id(of string: String) -> UInt32? {
        var text = string
        return text.withUTF8 { index.find(UnsafeRawBufferPointer($0)) }.map(UInt32.init)
    }

    public subscript(id: UInt32) -> String { strings[Int(id)] }

    public var count: Int { strings.count }
}

/// A string compared and hashed by its UTF-8 bytes (Kusto's ordinal, case-sensitive comparison),
/// not by Unicode canonical equivalence as `String` is.
public struct OrdinalString: Hashable, Sendable, Comparable {
    public let string: String

    public init(_ string: String) { self.string = string }

    public static func == (lhs: OrdinalString, rhs: OrdinalString) -> Bool {
        var left = lhs.string, right = rhs.string
        return left.withUTF8 { a in
            right.withUTF8 { b in
                a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func < (lhs: OrdinalString, rhs: OrdinalString) -> Bool {
        lhs.string.utf8.lexicographicallyPrecedes(rhs.string.utf8)
    }
}
