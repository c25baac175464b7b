/// A mistake in a filter, located so the console can point at it under the prompt:
///
/// ```
/// /jitter:<abc
///         ^~~~ jitter needs a number after <, e.g. jitter:<20
/// ```
public struct FilterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based offset, in characters, of the first character at fault in the filter text.
    public var position: Int
    /// How many characters are at fault (at least 1).
    public var length: Int
    public var message: String

    public init(position: Int, length: Int = 1, message: String) {
        self.position = position
        self.length = max(1, length)
        self.message = message
    }

    /// `column 8: jitter needs a number after <, e.g. jitter:<20` (1-based, as editors count).
    public var description: String { "column \(position + 1): \(message)" }

    /// A line to print under the filter text: blanks up to the fault, then `^~~~` under it.
    public var pointer: String {
        String(repeating: " ", count: position) + "^" + String(repeating: "~", count: length - 1)
    }
}
