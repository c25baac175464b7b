import BeaconEngine
import Foundation

/// Evaluates an exclusion's `| where not(...)` line on one beacon's columns, for the small part of KQL the
/// exclusions use: `not(...)`, `and`, `or` (and binding tighter than or, as in KQL), parentheses,
/// `Column == "literal"`, `Column =~ "literal"` (equal but for case; the ASCII letters here, which is all
/// the tests' names differ in), `Column == 443` (false for a null port, as the logical operators docs say),
/// `isnull(Column)` and `now() < datetime(yyyy-MM-ddTHH:mm:ss.fffffffZ)` with Kusto's `now()` given.
/// Literals are read by `KustoLexing`, so a value that broke out of its literal would fail to parse here
/// instead of being evaluated.
struct PredicateEvaluator {
    enum Token: Equatable {
        case identifier(String)
        case string(String)
        case number(Int)
        /// `now() < datetime(...)`, with the datetime's instant.
        case beforeExpiry(Date)
        case open, close, equals, equalsIgnoringCase
    }

    let key: BeaconKey
    /// The `now()` the query runs at.
    let now: Date
    private var tokens: [Token] = []
    private var position = 0

    init(key: BeaconKey, now: Date) {
        self.key = key
        self.now = now
    }

    /// Whether the `where` line keeps the beacon's events when Kusto runs it at `now`; nil when the line
    /// is not in the expected form.
    static func keeps(_ whereLine: String, _ key: BeaconKey, now: Date = .distantPast) -> Bool? {
        let prefix = "| where "
        guard whereLine.hasPrefix(prefix), let tokens = tokenize(String(whereLine.dropFirst(prefix.count))) else {
            return nil
        }
        var evaluator = PredicateEvaluator(key: key, now: now)
        evaluator.tokens = tokens
        guard let value = evaluator.orExpression(), evaluator.position == tokens.count else { return nil }
        return value
    }

    static func tokenize(_ text: String) -> [Token]? {
        let s = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        let expiryPrefix = Array("now() < datetime(".unicodeScalars)
        while i < s.count {
            let c = s[i]
            if c == " " { i += 1; continue }
            if s[i...].starts(with: expiryPrefix) {
                let start = i + expiryPrefix.count
                guard let close = s[start...].firstIndex(of: ")"),
                      let date = kustoDatetime(String(String.UnicodeScalarView(s[start..<close]))) else { return nil }
                tokens.append(.beforeExpiry(date))
                i = close + 1
                continue
            }
            if c == "(" { tokens.append(.open); i += 1; continue }
            if c == ")" { tokens.append(.close); i += 1; continue }
            if c == "=", i + 1 < s.count, s[i + 1] == "=" { tokens.append(.equals); i += 2; continue }
            if c == "=", i + 1 < s.count, s[i + 1] == "~" { tokens.append(.equalsIgnoringCase); i += 2; continue }
            if c == "\"" {
                guard let (value, end) = KustoLexing.stringLiteral(s, at: i) else { return nil }
                tokens.append(.string(value))
                i = end
                continue
            }
            if ("0"..."9").contains(c) || c == "-" {
                var j = i + 1
                while j < s.count, ("0"..."9").contains(s[j]) { j += 1 }
                guard let number = Int(String(String.UnicodeScalarView(s[i..<j]))) else { return nil }
                tokens.append(.number(number))
                i = j
                continue
            }
            if c.properties.isAlphabetic {
                var j = i
                while j < s.count, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) { j += 1 }
                tokens.append(.identifier(String(String.UnicodeScalarView(s[i..<j]))))
                i = j
                continue
            }
            return nil
        }
        return tokens
    }

    private mutating func next() -> Token? {
        guard position < tokens.count else { return nil }
        defer { position += 1 }
        return tokens[position]
    }

    private var peek: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func orExpression() -> Bool? {
        guard var value = andExpression() else { return nil }
        while peek == .identifier("or") {
            position += 1
            guard let right = andExpression() else { return nil }
            value = value || right
        }
        return value
    }

    private mutating func andExpression() -> Bool? {
        guard var value = unary() else { return nil }
        while peek == .identifier("and") {
            position += 1
            guard let right = unary() else { return nil }
            value = value && right
        }
        return value
    }

    private mutating func unary() -> Bool? {
        switch next() {
        case .identifier("not")?:
            guard next() == .open, let inner = orExpression(), next() == .close else { return nil }
            return !inner
        case .open?:
            guard let inner = orExpression(), next() == .close else { return nil }
            return inner
        case .beforeExpiry(let expiry)?:
            return now < expiry
        case .identifier("isnull")?:
            guard next() == .open, next() == .identifier("RemotePort"), next() == .close else { return nil }
            return key.remotePort == nil
        case .identifier(let column)?:
            let comparison = next()
            if comparison == .equalsIgnoringCase {
                guard case .string(let literal)? = next(), let value = text(column) else { return nil }
                let lower = { (text: String) in text.utf8.map { (65...90).contains($0) ? $0 | 0x20 : $0 } }
                return lower(value) == lower(literal)
            }
            guard comparison == .equals else { return nil }
            switch next() {
            case .string(let literal)?:
                guard let value = text(column) else { return nil }
                return value.utf8.elementsEqual(literal.utf8)
            case .number(let number)?:
                guard column == "RemotePort" else { return nil }
                return key.remotePort.map { Int($0) == number } ?? false
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// `2026-12-11T10:00:00.0000000Z`, exactly that shape (UTC, seven fractional digits), as a date.
    static func kustoDatetime(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { "-T:.".contains($0) })
        guard text.count == 28, text.hasSuffix("Z"), parts.count == 7,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let hour = Int(parts[3]), let minute = Int(parts[4]), let second = Int(parts[5]),
              let ticks = Int(parts[6].dropLast()) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)?.addingTimeInterval(Double(ticks) / 10_000_000)
    }

    private func text(_ column: String) -> String? {
        switch column {
        case "DeviceId": key.deviceId
        case "DeviceName": key.deviceName
        case "InitiatingProcessAccountName": key.initiatingProcessAccountName
        case "InitiatingProcessAccountDomain": key.initiatingProcessAccountDomain
        case "InitiatingProcessFileName": key.initiatingProcessFileName
        case "RemoteIP": key.remoteIP
        default: nil
        }
    }
}
