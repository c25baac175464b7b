/// Every string the generator writes, interned once with its CSV field and JSON string encodings
/// pre-built, so writing a row is copying byte ranges rather than escaping strings 10 million times.
///
/// All strings are interned while the scenario is built; generation itself only passes 32-bit ids.
public struct StringTable: Sendable {
    public typealias ID = UInt32

    public private(set) var strings: [String] = []
    private var ids: [String: ID] = [:]
    /// CSV encodings back to back; string `i` is `csvBytes[csvOffsets[i] ..< csvOffsets[i + 1]]`.
    private(set) var csvBytes: [UInt8] = []
    private(set) var csvOffsets: [Int] = [0]
    /// JSON encodings (with their quotes), laid out the same way.
    private(set) var jsonBytes: [UInt8] = []
    private(set) var jsonOffsets: [Int] = [0]
    /// The longest CSV or JSON encoding, to size the space a row may need.
    public private(set) var longestEncoding = 2

    /// Id 0 is the empty string, Kusto's null for strings.
    public static let empty: ID = 0

    public init() {
        _ = intern("")
    }

    public mutating func intern(_ string: String) -> ID {
        if let id = ids[string] { return id }
        let id = ID(strings.count)
        strings.append(string)
        ids[string] = id
        let csv = csvField(string)
        csvBytes.append(contentsOf: csv)
        csvOffsets.append(csvBytes.count)
        let json = jsonString(string)
        jsonBytes.append(contentsOf: json)
        jsonOffsets.append(jsonBytes.count)
        longestEncoding = max(longestEncoding, csv.count, json.count)
        return id
    }

    public subscript(id: ID) -> String { strings[Int(id)] }

    public func id(of string: String) -> ID? { ids[string] }

    public var count: Int { strings.count }
}

/// RFC 4180: a field is quoted when it holds a comma, a quote, CR or LF, and quotes inside are doubled.
public func csvField(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    guard needsQuotes else { return bytes }
    var quoted: [UInt8] = [UInt8(ascii: "\"")]
    for byte in bytes {
        if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        quoted.append(byte)
    }
    quoted.append(UInt8(ascii: "\""))
    return quoted
}

/// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped, the rest UTF-8.
public func jsonString(_ text: String) -> [UInt8] {
    var out: [UInt8] = [UInt8(ascii: "\"")]
    let hex = Array("0123456789abcdef".utf8)
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        case 0..<0x20:
            out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        default: out.append(byte)
        }
    }
    out.append(UInt8(ascii: "\""))
    return out
}
