import KQL

/// Turns filter text into terms, or the first mistake with its position. See `BeaconFilter`.
struct FilterParser {
    let text: String

    static let textFields = ["device", "account", "process", "domain"]
    static let fieldNames = ["device", "account", "process", "ip", "port", "domain", "status",
                             "jitter", "events", "sleep", "devices", "outliers"]

    /// One space-separated word, quotes removed; `offsets[i]` is where `value`'s i-th character was typed.
    struct Token {
        var value: [Character] = []
        var offsets: [Int] = []
        /// Offsets in `value` of characters that were inside quotes (never syntax).
        var quoted: Set<Int> = []
        var start = 0
        var end = 0
        var length: Int { end - start }
    }

    func parse() -> Result<BeaconFilter, FilterError> {
        switch tokens() {
        case .failure(let error): return .failure(error)
        case .success(let tokens):
            var terms: [FilterTerm] = []
            for token in tokens {
                switch term(token) {
                case .success(let term): terms.append(term)
                case .failure(let error): return .failure(error)
                }
            }
            return .success(BeaconFilter(text: text, terms: terms))
        }
    }

    private func tokens() -> Result<[Token], FilterError> {
        var result: [Token] = []
        var current: Token?
        var quoteStart: Int?
        for (offset, character) in text.enumerated() {
            if quoteStart == nil && (character == " " || character == "\t") {
                if let token = current { result.append(token) }
                current = nil
                continue
            }
            if current == nil { current = Token(start: offset) }
            current!.end = offset + 1
            if character == "\"" {
                quoteStart = quoteStart == nil ? offset : nil
                continue
            }
            if quoteStart != nil { current!.quoted.insert(current!.value.count) }
            current!.value.append(character)
            current!.offsets.append(offset)
        }
        if let start = quoteStart {
            return .failure(FilterError(position: start, length: text.count - start, message: "this quote is never closed"))
        }
        if let token = current { result.append(token) }
        return .success(result)
    }

    private func term(_ token: Token) -> Result<FilterTerm, FilterError> {
        var body = token
        var negated = false
        if body.value.first == "-" && !body.quoted.contains(0) {
            negated = true
            body.value.removeFirst()
            body.offsets.removeFirst()
            body.quoted = Set(body.quoted.map { $0 - 1 })
            guard !body.value.isEmpty else {
                return .failure(FilterError(position: token.start, message: "nothing after -: write -field:value or -word to exclude"))
            }
        }
        func done(_ predicate: FilterPredicate) -> Result<FilterTerm, FilterError> {
            .success(FilterTerm(negated: negated, predicate: predicate, position: token.start, length: token.length))
        }

        let colon = body.value.indices.first { body.value[$0] == ":" && !body.quoted.contains($0) }
        guard let colon else {
            return alternatives(of: body, from: 0, name: nil, tokenEnd: token.end).flatMap(done)
        }
        let name = String(body.value[..<colon]).lowercased()
        guard Self.fieldNames.contains(name) else {
            // `2001:db8::1` typed bare is an address, not a field.
            if body.value.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." || $0 == "*" }) {
                return done(.anywhere(TextMatch(String(body.value))))
            }
            let where_ = body.offsets.first ?? token.start
            return .failure(FilterError(position: where_, length: colon, message:
                "unknown field '\(name)' (fields: \(Self.fieldNames.joined(separator: ", "))); a word without ':' searches everywhere"))
        }
        guard colon + 1 < body.value.count else {
            return .failure(FilterError(position: body.offsets[colon] + 1, message:
                "\(name) needs a value after ':', e.g. \(Self.example(name))"))
        }
        return alternatives(of: body, from: colon + 1, name: name, tokenEnd: token.end).flatMap(done)
    }

    /// The value from `start` on, split at unquoted commas into alternatives (`port:443,8443`), each read
    /// by the field's rule; one alternative is the predicate itself. `name` nil: a bare word.
    private func alternatives(of body: Token, from start: Int, name: String?, tokenEnd: Int) -> Result<FilterPredicate, FilterError> {
        var pieces: [Range<Int>] = []
        var pieceStart = start
        for index in start..<body.value.count where body.value[index] == "," && !body.quoted.contains(index) {
            pieces.append(pieceStart..<index)
            pieceStart = index + 1
        }
        pieces.append(pieceStart..<body.value.count)
        var predicates: [FilterPredicate] = []
        for piece in pieces {
            // Where the piece was typed, for the pointer; an empty piece points at its comma.
            let position = piece.isEmpty
                ? (piece.lowerBound < body.offsets.count ? body.offsets[piece.lowerBound] : body.offsets[piece.lowerBound - 1] + 1)
                : body.offsets[piece.lowerBound]
            let end = piece.isEmpty ? position + 1 : body.offsets[piece.upperBound - 1] + 1
            let error = { (message: String) in FilterError(position: position, length: end - position, message: message) }
            guard !piece.isEmpty else {
                let what = name.map { "\($0) has an empty value in its list, e.g. \(Self.example($0))" }
                    ?? "an empty word in a list: write a,b"
                return .failure(error(what))
            }
            // An unquoted `=` in front asks for the whole value (`domain:=teamviewer.com`).
            let exactMarked = body.value[piece.lowerBound] == "=" && !body.quoted.contains(piece.lowerBound)
            let text = String(body.value[piece])
            let bare = exactMarked ? String(text.dropFirst()) : text
            guard let name else {
                if exactMarked && bare.isEmpty { return .failure(error("nothing after =: write =value for the whole value")) }
                predicates.append(.anywhere(TextMatch(bare, exactMarked: exactMarked)))
                continue
            }
            switch value(name, text: text, bare: bare, exactMarked: exactMarked, error: error) {
            case .success(let predicate): predicates.append(predicate)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(predicates.count == 1 ? predicates[0] : .anyOf(predicates))
    }

    /// One value of field `name`: `text` as typed, `bare` without the `=` that `exactMarked` says it had.
    private func value(_ name: String, text: String, bare: String, exactMarked: Bool,
                       error: @escaping (String) -> FilterError) -> Result<FilterPredicate, FilterError> {
        func fail(_ message: String) -> Result<FilterPredicate, FilterError> { .failure(error(message)) }
        if FilterParser.textFields.contains(name) {
            guard !bare.isEmpty else { return fail("\(name) needs a value after =, e.g. \(name):=\(Self.example(name).split(separator: ":").last ?? "")") }
            let match = TextMatch(bare, exactMarked: exactMarked)
            switch name {
            case "device": return .success(.device(match))
            case "account": return .success(.account(match))
            case "process": return .success(.process(match))
            default: return .success(.domain(match))
            }
        }
        switch name {
        case "status":
            guard let status = TriageStatus(name: bare) else {
                return fail("unknown status '\(text)' (new, investigating, malicious, fp)")
            }
            return .success(.status(status))
        case "ip":
            if bare.contains("/") {
                guard let network = FilterAddress.network(bare) else {
                    return fail("'\(text)' is not a CIDR block (e.g. 203.0.113.0/24 or 2001:db8::/32)")
                }
                return .success(.ipNetwork(network))
            }
            if bare.contains("*") { return .success(.ipText(Wildcard(bare))) }
            guard let address = FilterAddress.address(bare) else {
                return fail("'\(text)' is not an IP address (e.g. 203.0.113.7, 2001:db8::1, 203.0.113.0/24 or 10.*)")
            }
            return .success(.ipAddress(address))
        case "port" where text.lowercased() == "null":
            return .success(.nullPort)
        default:
            let field = NumericField(rawValue: name)!
            return numeric(field, text, error: error)
        }
    }

    private func numeric(_ field: NumericField, _ value: String,
                         error: @escaping (String) -> FilterError) -> Result<FilterPredicate, FilterError> {
        var comparison = Comparison.equal
        var rest = Substring(value)
        for candidate in [Comparison.lessOrEqual, .greaterOrEqual, .less, .greater, .equal] where rest.hasPrefix(candidate.rawValue) {
            comparison = candidate
            rest = rest.dropFirst(candidate.rawValue.count)
            break
        }
        let operatorText = value.count > rest.count ? " after \(value.prefix(value.count - rest.count))" : ""
        func failure() -> Result<FilterPredicate, FilterError> {
            let unit = field == .sleep ? "a duration (300, 90s, 5m, 1h30m)" : "a number"
            return .failure(error("\(field.rawValue) needs \(unit)\(operatorText), e.g. \(Self.example(field.rawValue))"))
        }
        switch field {
        case .sleep:
            guard let seconds = parseDurationSeconds(String(rest)) else { return failure() }
            return .success(.number(field, comparison, seconds, tolerance: 0))
        case .jitter:
            var digits = String(rest)
            if digits.hasSuffix("%") { digits.removeLast() }
            guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let number = Double(digits) else { return failure() }
            // `jitter:12` means the 12 the list shows, not exactly 12.000…
            let decimals = digits.firstIndex(of: ".").map { digits.distance(from: $0, to: digits.endIndex) - 1 } ?? 0
            var tolerance = 0.5
            for _ in 0..<decimals { tolerance /= 10 }
            return .success(.number(field, comparison, number, tolerance: tolerance))
        case .port:
            guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return failure() }
            // A port is 16 bits: `port:99999` is a typo, never a filter that quietly matches nothing.
            guard let number = Int(rest), number <= 65535 else {
                return .failure(error("port must be between 0 and 65535, not \(rest)"))
            }
            return .success(.number(field, comparison, Double(number), tolerance: 0))
        case .events, .devices, .outliers:
            guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(rest) else { return failure() }
            return .success(.number(field, comparison, Double(number), tolerance: 0))
        }
    }

    static func example(_ field: String) -> String {
        switch field {
        case "device": "device:ws-014*"
        case "account": "account:svc_*"
        case "process": "process:rundll32.exe"
        case "domain": "domain:teamviewer"
        case "ip": "ip:203.0.113.0/24"
        case "port": "port:443"
        case "status": "status:malicious"
        case "jitter": "jitter:<20"
        case "events": "events:>=100"
        case "sleep": "sleep:>5m"
        case "devices": "devices:>1"
        case "outliers": "outliers:0"
        default: "\(field):value"
        }
    }
}
