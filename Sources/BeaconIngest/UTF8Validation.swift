/// Whether `bytes` are well-formed UTF-8; ASCII, the common case, is checked eight bytes at a time.
func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    let count = bytes.count
    while index + 8 <= count {
        if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
        index += 8
    }
    while index < count && bytes[index] < 0x80 { index += 1 }
    if index == count { return true }
    var iterator = UnsafeRawBufferPointer(rebasing: bytes[index...]).makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}
