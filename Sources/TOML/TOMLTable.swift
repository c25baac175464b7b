/// A TOML table: keys in the order the document wrote them, each with the line it was written on, so a
/// caller can point at `file:line` for a field it does not accept.
public struct TOMLTable: Sendable, Equatable {
    /// One key of the table, with its value and the line it is written on.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: TOMLValue
        /// The 1-based line where the key first appears (for a table made by a `[header]`, the header's).
        public var line: Int

        /// Key and value; the place is left out, as for tables.
        public static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.key == rhs.key && lhs.value == rhs.value }

        public init(key: String, value: TOMLValue, line: Int) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// In document order.
    public private(set) var entries: [Entry] = []
    private var positions: [String: Int] = [:]
    /// Where the table begins: the line of the `[header]` or `[[header]]` that defined it, of the `{` of
    /// an inline table, or of the key that first named it (dotted keys, or a header of a sub-table). 0 for
    /// the root table.
    public var line: Int

    public init(line: Int = 0) {
        self.line = line
    }

    /// Appends a key; returns false (and changes nothing) when the key is already there.
    @discardableResult
    public mutating func append(_ entry: Entry) -> Bool {
        guard positions[entry.key] == nil else { return false }
        positions[entry.key] = entries.count
        entries.append(entry)
        return true
    }

    /// The keys, in document order.
    public var keys: [String] { entries.map(\.key) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    public func entry(_ key: String) -> Entry? { positions[key].map { entries[$0] } }

    /// The 1-based line where `key` is written, nil when the table has no such key.
    public func line(of key: String) -> Int? { entry(key)?.line }

    /// The same keys with equal values, in any order; where they were written does not count.
    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.count == rhs.count && lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
    }
}
