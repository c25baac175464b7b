/// One element of a JSON array, found by a light scan of the text: the parser keeps no positions, so this
/// is where an element's line comes from, and, for a document that does not parse as a whole (cut short, or
/// one element broken), what lets each element be parsed on its own, so the good ones still load and the
/// bad one is reported at its line.
struct JSONArrayElement: Equatable {
    /// The element's bytes, from its first to its last non-blank byte.
    var range: Range<Int>
    /// The 1-based line the element starts on.
    var line: Int
}

enum JSONElementLocator {
    /// The elements of the top-level array, or of the `Results` array of the top-level object. An element
    /// still open at the end of the text (a file cut short) is the last one, up to the end.
    static func elements(in bytes: UnsafeBufferPointer<UInt8>, resultsArray: Bool) -> [JSONArrayElement] {
        var elements: [JSONArrayElement] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var targetDepth = -1
        var current: (start: Int, line: Int)?
        var lastNonBlank = 0
        var lastKey: [UInt8] = []
        var key: [UInt8] = []
        var collectingKey = false

        func close(at end: Int) {
            if let open = current { elements.append(JSONArrayElement(range: open.start..<end, line: open.line)) }
            current = nil
        }

        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if inString {
                lastNonBlank = index + 1
                if escaped {
                    escaped = false
                } else if byte == 0x5C /* \ */ {
                    escaped = true
                } else if byte == 0x22 /* " */ {
                    inString = false
                    if collectingKey { lastKey = key; collectingKey = false }
                } else if collectingKey {
                    key.append(byte)
                }
                continue
            }
            let isBlank = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if depth == targetDepth && current == nil && !isBlank && byte != 0x2C && byte != 0x5D {
                current = (index, line)
            }
            switch byte {
            case 0x22:
                inString = true
                if resultsArray && depth == 1 && targetDepth < 0 {
                    collectingKey = true
                    key.removeAll(keepingCapacity: true)
                }
            case 0x7B /* { */, 0x5B /* [ */:
                depth += 1
                if targetDepth < 0 && byte == 0x5B {
                    let isResults = lastKey.elementsEqual("Results".utf8) || lastKey.elementsEqual("results".utf8)
                    if (!resultsArray && depth == 1) || (resultsArray && depth == 2 && isResults) { targetDepth = depth }
                }
            case 0x5D /* ] */ where depth == targetDepth:
                close(at: lastNonBlank)
                return elements
            case 0x7D /* } */ where depth == targetDepth:
                // A stray brace (an element with one too many): part of that element, which is then reported,
                // rather than the end of the array, which would drop the elements after it unsaid.
                break
            case 0x7D, 0x5D:
                depth -= 1
            case 0x2C /* , */:
                if depth == targetDepth { close(at: lastNonBlank) }
            default:
                break
            }
            if !isBlank { lastNonBlank = index + 1 }
        }
        close(at: lastNonBlank)
        return elements
    }
}
