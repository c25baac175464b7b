/// A problem in the catalogue of well-known periodic services, located so it can be fixed by hand:
/// `catalogue/known-benign.toml:41: ranges: '13.107.4.0/33' is not a CIDR range`.
///
/// Values quoted from the file are passed through `terminalSafe`, so the message can be printed as it is.
public struct KnownBenignCatalogueError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based: the line of the key at fault (for an array written over several lines, the line of its key),
    /// or of the `[[service]]` header when the key is missing; nil when the file could not be read at all.
    public var line: Int?
    /// The key at fault (`ranges`, `source`); nil for a problem of the file as a whole.
    public var field: String?
    public var message: String

    public init(file: String, line: Int?, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += field + ": " }
        return text + message
    }
}
