/// The lines of a JSON-lines file (Defender, Windows events, Zeek), one object a line: what every such
/// reader does before its own mapping, so that they skip blanks and word their line problems alike.
enum JSONLines {
    /// Why a line is not a record, as the issue reported at its number.
    struct Problem: Error {
        var message: String
    }

    /// The issue of a line that is valid JSON but not an object.
    static let notAnObject = "not a JSON object"

    /// Calls `body` with each non-blank line's number and its object (the members `keep` names, when
    /// given; see `JSONTextParser.parse(_:keepingMembers:)`), or the problem that line has.
    static func forEach(in text: UnsafeBufferPointer<UInt8>, keepingMembers keep: Set<String>? = nil,
                        _ body: (_ line: Int, _ object: Result<[String: JSONValue], Problem>) -> Void) {
        TextLines.forEach(in: text) { lineNumber, raw in
            let line = TextLines.trimmed(raw)
            guard !line.isEmpty else { return true }
            let value: JSONValue
            do throws(JSONTextParser.Failure) {
                if let keep {
                    value = try JSONTextParser.parse(line, keepingMembers: keep)
                } else {
                    value = try JSONTextParser.parse(line)
                }
            } catch {
                body(lineNumber, .failure(Problem(message: error.message)))
                return true
            }
            guard case .object(let members) = value else {
                body(lineNumber, .failure(Problem(message: notAnObject)))
                return true
            }
            body(lineNumber, .success(members))
            return true
        }
    }
}
