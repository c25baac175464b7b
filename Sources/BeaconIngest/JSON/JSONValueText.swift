import BeaconEngine

extension JSONValue {
    /// The value as compact JSON, members in sorted order, numbers as written: a nested value that lands in
    /// a string column (or in a message) reads the same whatever order or spacing its file used.
    var compactText: String {
        var output = ""
        Self.write(self, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, to output: inout String) {
        switch value {
        case .string(let text): output += jsonString(text)
        case .number(let text): output += text
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                output += jsonString(key)
                output += ":"
                write(members[key]!, to: &output)
            }
            output += "}"
        }
    }
}
