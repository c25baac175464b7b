/// Windows event records as JSON lines (nxlog, winlogbeat): Sysmon event 3 and Security event 5156 become
/// pending connections; every other record is counted and left out. A line that is not a JSON object is
/// reported with its number, and the rest of the file loads.
enum WindowsEventJSONReader {
    static func read(_ text: UnsafeBufferPointer<UInt8>, fileIndex: Int, ingest: inout FileIngest,
                     extras: inout NativeFileExtras) -> [PendingWindowsConnection] {
        var entries: [WindowsEventEntry] = []
        var offsets = LocalTimeOffsets()
        TextLines.forEach(in: text) { lineNumber, content in
            let line = TextLines.trimmed(content)
            guard !line.isEmpty else { return true }
            let value: JSONValue
            do throws(JSONTextParser.Failure) {
                value = try JSONTextParser.parse(line, keepingMembers: WindowsEventJSONShape.membersRead)
            } catch {
                entries.append(.unreadable(line: lineNumber, message: "invalid JSON: \(error.reason) (byte \(error.offset + 1))"))
                return true
            }
            guard value.isObject else {
                entries.append(.unreadable(line: lineNumber, message: "not a JSON object"))
                return true
            }
            let record = WindowsEventJSONShape.record(from: value, line: lineNumber)
            offsets.sample(record)
            entries.append(WindowsEventEntry(record))
            return true
        }
        offsets.finish()
        return WindowsEventReading.connections(from: entries, offsets: offsets, fileIndex: fileIndex, ingest: &ingest,
                                               extras: &extras)
    }
}
