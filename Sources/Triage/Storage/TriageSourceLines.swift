/// Where each `[[decision]]` table and each of its keys is in the text. TOMLKit reports lines only for
/// syntax errors, not for the values it parsed, so a bad value is located by scanning the lines the way the
/// file is laid out. A locator for messages, not a parser: when it finds nothing, the message has the
/// decision's line or none.
struct TriageSourceLines {
    /// 1-based line of each `[[decision]]` header, in order.
    private(set) var decisionStarts: [Int] = []
    /// Key → first line, per decision (index 0 is the first decision).
    private(set) var decisionKeys: [[String: Int]] = []
    /// Keys before the first table.
    private(set) var topLevel: [String: Int] = [:]
    private let sourceLines: [Substring]

    init(text: String) {
        sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var inOtherTable = false
        for (index, raw) in sourceLines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let name = line.filter { $0 != "[" && $0 != "]" && $0 != " " && $0 != "\t" }
                    .prefix { $0 != "#" }
                if line.hasPrefix("[[") && name == "decision" {
                    decisionStarts.append(index + 1)
                    decisionKeys.append([:])
                    inOtherTable = false
                } else {
                    if name == "decision" && topLevel["decision"] == nil { topLevel["decision"] = index + 1 }
                    inOtherTable = true
                }
                continue
            }
            guard let key = Self.key(of: line) else { continue }
            if decisionKeys.isEmpty {
                if !inOtherTable && topLevel[key] == nil { topLevel[key] = index + 1 }
            } else if !inOtherTable && decisionKeys[decisionKeys.count - 1][key] == nil {
                decisionKeys[decisionKeys.count - 1][key] = index + 1
            }
        }
    }

    /// The key of a `key = value` line (bare or quoted), nil for anything else.
    private static func key(of line: Substring) -> String? {
        guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { return nil }
        var key = line[..<equals]
        while key.last == " " || key.last == "\t" { key.removeLast() }
        if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
            key = key.dropFirst().dropLast()
        }
        return key.isEmpty ? nil : String(key)
    }

    func line(of key: String, inDecision number: Int) -> Int? {
        guard number >= 1, number <= decisionKeys.count else { return nil }
        return decisionKeys[number - 1][key]
    }

    func text(ofLine line: Int) -> Substring? {
        sourceLines[safe: line - 1]
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
