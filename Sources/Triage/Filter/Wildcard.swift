/// A case-insensitive pattern where `*` stands for any run of characters (none included) and everything
/// else is literal: `rundll*`, `*.example.com`, `203.0.113.*`. Analysts type host and process names in
/// whatever case they remember; Windows itself ignores the case of file names.
public struct Wildcard: Sendable, Equatable {
    public let pattern: String
    private let parts: [[Character]]

    public init(_ pattern: String) {
        self.pattern = pattern
        parts = pattern.lowercased().split(separator: "*", omittingEmptySubsequences: false).map(Array.init)
    }

    public var hasWildcard: Bool { parts.count > 1 }

    /// Whether the whole of `text` matches the pattern.
    public func matches(_ text: String) -> Bool {
        let characters = Array(text.lowercased())
        guard parts.count > 1 else { return characters == parts[0] }
        let first = parts[0], last = parts[parts.count - 1]
        guard characters.count >= first.count + last.count,
              characters.starts(with: first), characters.reversed().starts(with: last.reversed()) else { return false }
        // Each middle part, leftmost first, within what the first and last parts leave.
        var position = first.count
        let end = characters.count - last.count
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = find(part, in: characters, from: position, before: end) else { return false }
            position = found + part.count
        }
        return true
    }

    /// Whether `text` contains a match anywhere: the pattern with an implicit `*` at both ends.
    public func occurs(in text: String) -> Bool {
        Wildcard("*" + pattern + "*").matches(text)
    }

    private func find(_ needle: [Character], in haystack: [Character], from start: Int, before end: Int) -> Int? {
        guard end - start >= needle.count else { return nil }
        for index in start...(end - needle.count) where haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
