/// Integers (decimal with an optional sign, `0x`, `0o`, `0b` without one; underscores only between
/// digits; 64-bit, overflow is an error) and floats (fraction and/or exponent, `inf`, `nan`).
extension Scanner {
    /// At a digit, a sign, `i` or `n` that does not start a date or a time.
    mutating func parseNumber() throws(TOMLError) -> TOMLValue {
        let start = position
        while let byte = current, isNumberByte(byte) { position += 1 }
        let token = Array(bytes[start..<position])
        guard !token.isEmpty else { throw error("expected a value, found \(describeByte(at: start))") }
        let text = String(decoding: token, as: UTF8.self)
        var body = token[...]
        var negative = false
        if let first = body.first, first == ascii.plus || first == ascii.minus {
            negative = first == ascii.minus
            body = body.dropFirst()
        }
        switch String(decoding: body, as: UTF8.self) {
        case "inf": return .float(negative ? -.infinity : .infinity)
        case "nan": return .float(negative ? -.nan : .nan)
        default: break
        }
        if body.count >= 2, body.first == UInt8(ascii: "0"), let radix = radix(body[body.startIndex + 1]) {
            guard token.first != ascii.plus && token.first != ascii.minus else {
                throw error("`\(text)`: a hexadecimal, octal or binary integer has no sign", at: start)
            }
            return .integer(try integer(body.dropFirst(2), radix: radix, negative: false, text: text, at: start))
        }
        // Decimal: an integer part, then maybe a fraction and an exponent.
        var index = body.startIndex
        let integerEnd = try digitRun(body, from: index, radix: 10, text: text, at: start)
        if integerEnd - index > 1 && body[index] == UInt8(ascii: "0") {
            throw error("`\(text)`: leading zeros are not allowed in a decimal number", at: start)
        }
        index = integerEnd
        var isFloat = false
        if index < body.endIndex && body[index] == ascii.dot {
            isFloat = true
            index = try digitRun(body, from: index + 1, radix: 10, text: text, at: start)
        }
        if index < body.endIndex && (body[index] == UInt8(ascii: "e") || body[index] == UInt8(ascii: "E")) {
            isFloat = true
            index += 1
            if index < body.endIndex && (body[index] == ascii.plus || body[index] == ascii.minus) { index += 1 }
            index = try digitRun(body, from: index, radix: 10, text: text, at: start)
        }
        guard index == body.endIndex else { throw error("`\(text)` is not a valid number", at: start) }
        if isFloat {
            guard let value = Double(String(decoding: token.filter { $0 != ascii.underscore }, as: UTF8.self)) else {
                throw error("`\(text)` is not a valid float", at: start)
            }
            return .float(value)
        }
        return .integer(try integer(body, radix: 10, negative: negative, text: text, at: start))
    }

    /// The end of a run of digits starting at `from`, with underscores only between two digits; at least
    /// one digit.
    private func digitRun(_ body: ArraySlice<UInt8>, from: Int, radix: UInt64, text: String, at start: Int) throws(TOMLError) -> Int {
        var index = from
        var previousWasDigit = false
        while index < body.endIndex {
            let byte = body[index]
            if digitValue(byte, radix: radix) != nil {
                previousWasDigit = true
            } else if byte == ascii.underscore {
                guard previousWasDigit, index + 1 < body.endIndex, digitValue(body[index + 1], radix: radix) != nil else {
                    throw error("`\(text)`: an underscore in a number must sit between two digits", at: start)
                }
                previousWasDigit = false
            } else {
                break
            }
            index += 1
        }
        guard index > from else { throw error("`\(text)` is not a valid number: digits expected", at: start) }
        return index
    }

    private func integer(_ digits: ArraySlice<UInt8>, radix: UInt64, negative: Bool, text: String, at start: Int) throws(TOMLError) -> Int64 {
        guard try digitRun(digits, from: digits.startIndex, radix: radix, text: text, at: start) == digits.endIndex else {
            throw error("`\(text)` is not a valid integer", at: start)
        }
        var magnitude: UInt64 = 0
        for byte in digits where byte != ascii.underscore {
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digitValue(byte, radix: radix)!))
            guard !overflow1, !overflow2 else { throw outOfRange(text, at: start) }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw outOfRange(text, at: start) }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw outOfRange(text, at: start) }
        return Int64(magnitude)
    }

    private func outOfRange(_ text: String, at start: Int) -> TOMLError {
        error("`\(text)` does not fit in a 64-bit integer", at: start)
    }

    private func radix(_ letter: UInt8) -> UInt64? {
        switch letter {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }
}

private func digitValue(_ byte: UInt8, radix: UInt64) -> UInt8? {
    guard let value = hexValue(byte), UInt64(value) < radix else { return nil }
    return value
}

/// What a number's token is made of; the grammar is checked after the token is cut.
private func isNumberByte(_ byte: UInt8) -> Bool {
    isBareKeyByte(byte) || byte == ascii.plus || byte == ascii.dot
}
