/// Zeek logs as JSON lines, with the field names Zeek writes (`id.orig_h`), the underscored ones some
/// pipelines (and the OTRF data) use (`id_orig_h`), or nested (`"id": {"orig_h": …}`). A record's log is
/// its `_path` (or OTRF's `@stream`) when it has one, so a mixed stream of several logs is read too; else
/// its fields tell.
enum ZeekJSONReader {
    /// Whether `value` looks like a Zeek record: a connection id and a uid or time.
    static func isZeekRecord(_ value: JSONValue) -> Bool {
        guard value.isObject, field(value, "id.orig_h") != nil else { return false }
        return value["uid"] != nil || value["ts"] != nil
    }

    static func read(_ text: UnsafeBufferPointer<UInt8>, fileIndex: Int, ingest: inout FileIngest) -> ZeekFileContent {
        var content = ZeekFileContent(kind: .other(""))
        var kinds: [ZeekLogKind] = []
        var cache = NativeValueCache()
        JSONLines.forEach(in: text) { lineNumber, object in
            ingest.rowsRead += 1
            let members: [String: JSONValue]
            switch object {
            case .success(let found): members = found
            case .failure(let problem):
                ingest.skip(line: lineNumber, field: nil, message: problem.message)
                return
            }
            let value = JSONValue.object(members)
            let kind = kind(of: value, memberNames: Set(members.keys))
            if !kinds.contains(kind) { kinds.append(kind) }
            content.add(record: kind, line: lineNumber, fileIndex: fileIndex, field: { name in field(value, name)?.scalarText },
                        ingest: &ingest, cache: &cache)
        }
        if kinds.contains(.conn) {
            content.kind = .conn
        } else if let first = kinds.first(where: { $0 == .http || $0 == .ssl }) ?? kinds.first {
            content.kind = first
        }
        return content
    }

    private static func kind(of value: JSONValue, memberNames: Set<String>) -> ZeekLogKind {
        for pathField in ["_path", "@stream", "_log"] {
            if case .string(let path)? = value[pathField] { return ZeekLogKind(path: path) }
        }
        return ZeekLogKind(fieldNames: memberNames)
    }

    /// A field by its Zeek name, in any of the three spellings; nil when missing or null.
    static func field(_ value: JSONValue, _ name: String) -> JSONValue? {
        if let found = value[name] { return found == .null ? nil : found }
        guard let dot = name.firstIndex(of: ".") else { return nil }
        let underscored = String(name.map { $0 == "." ? "_" : $0 })
        if let found = value[underscored] { return found == .null ? nil : found }
        if let parent = value[String(name[..<dot])], let found = parent[String(name[name.index(after: dot)...])] {
            return found == .null ? nil : found
        }
        return nil
    }
}
