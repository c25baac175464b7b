/// A cell of the query's output, typed as Kusto types it, so each format can write it faithfully.
public enum OutputValue: Sendable, Equatable {
    case string(String)
    case long(Int64)
    case real(Double)
    case datetime(Instant)
    case stringArray([String])
    case longArray([Int64])
    /// A dynamic bag of names to reals, as `bag_pack` makes it (hunt mode's `ScoreFactors`).
    case realBag([NamedReal])
    case null

    /// The value as JSON text. Reals use Swift's shortest round-trip form, so no digit is lost or invented;
    /// non-finite reals, which JSON cannot hold, become null.
    public var json: String {
        switch self {
        case .string(let text): jsonString(text)
        case .long(let value): String(value)
        case .real(let value): value.isFinite ? jsonReal(value) : "null"
        case .datetime(let instant): "\"" + formatKustoDatetime(instant) + "\""
        case .stringArray(let values): "[" + values.map(jsonString).joined(separator: ",") + "]"
        case .longArray(let values): "[" + values.map(String.init).joined(separator: ",") + "]"
        case .realBag(let values):
            "{" + values.map { jsonString($0.name) + ":" + OutputValue.real($0.value).json }.joined(separator: ",") + "}"
        case .null: "null"
        }
    }

    /// The value as a CSV cell's text before quoting: arrays as JSON, as Kusto exports dynamic columns.
    public var plainText: String {
        switch self {
        case .string(let text): text
        case .long(let value): String(value)
        case .real(let value): value.isFinite ? jsonReal(value) : (value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
        case .datetime(let instant): formatKustoDatetime(instant)
        case .stringArray, .longArray, .realBag: json
        case .null: ""
        }
    }

    /// Whether the text came from the data (and so may carry a formula) rather than from a number.
    var isTextFromData: Bool {
        switch self {
        case .string, .stringArray: true
        default: false
        }
    }
}

/// One entry of a `realBag`.
public struct NamedReal: Sendable, Equatable {
    public var name: String
    public var value: Double

    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}

private func jsonReal(_ value: Double) -> String {
    // `description` prints 5.0 as "5.0" and 1e-05 as "1e-05": both valid JSON numbers.
    value.description
}

/// A JSON string literal: also the readers' text of a nested value, so the program writes JSON one way.
public func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || (0x2028...0x2029).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}
