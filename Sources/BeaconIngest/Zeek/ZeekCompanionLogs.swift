import Foundation

/// The http and ssl logs that belong to a conn log: in the same folder, named like it with `conn` replaced
/// (`conn.00_00_00-01_00_00.log.gz` ↔ `http.00_00_00-01_00_00.log.gz`, `NASHUA_conn.log` ↔
/// `NASHUA_ssl.log`, `conn.log` ↔ `ssl.log`), compressed or not.
enum ZeekCompanionLogs {
    static let companionKinds = ["http", "ssl"]

    /// The existing companion files of the conn log at `path`.
    static func existing(forConnLog path: String) -> [String] {
        candidates(forConnLog: path).filter { candidate in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// Every name a companion could have, whether it exists or not.
    static func candidates(forConnLog path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard let token = connToken(in: name) else { return [] }
        var result: [String] = []
        for kind in companionKinds {
            let renamed = name.replacingCharacters(in: token, with: kind)
            let variants = renamed.hasSuffix(".gz") ? [renamed, String(renamed.dropLast(3))] : [renamed, renamed + ".gz"]
            for variant in variants {
                result.append(folder == "/" ? "/" + variant : folder + "/" + variant)
            }
        }
        return result
    }

    /// The range of the word `conn` in a file name, standing alone between the name's start or end and
    /// `.`, `_` or `-`.
    static func connToken(in name: String) -> Range<String.Index>? {
        var searchStart = name.startIndex
        while let range = name.range(of: "conn", range: searchStart..<name.endIndex) {
            let before = range.lowerBound == name.startIndex ? nil : name[name.index(before: range.lowerBound)]
            let after = range.upperBound == name.endIndex ? nil : name[range.upperBound]
            let isBoundary: (Character?) -> Bool = { $0 == nil || $0 == "." || $0 == "_" || $0 == "-" }
            if isBoundary(before) && isBoundary(after) { return range }
            searchStart = range.upperBound
        }
        return nil
    }
}
