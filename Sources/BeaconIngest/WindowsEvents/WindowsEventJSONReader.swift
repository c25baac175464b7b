/// Windows event records as JSON lines (nxlog, winlogbeat): Sysmon event 3 and Security event 5156 become
/// pending connections; every other record is counted and left out. A line that is not a JSON object is
/// reported with its number, and the rest of the file loads.
enum WindowsEventJSONReader {
    static func read(_ text: UnsafeBufferPointer<UInt8>, fileIndex: Int, ingest: inout FileIngest,
                     extras: inout NativeFileExtras) -> [PendingWindowsConnection] {
        var entries: [WindowsEventEntry] = []
        var offsets = LocalTimeOffsets()
        JSONLines.forEach(in: text, keepingMembers: WindowsEventJSONShape.membersRead) { lineNumber, object in
            switch object {
            case .success(let members):
                let record = WindowsEventJSONShape.record(from: .object(members), line: lineNumber)
                offsets.sample(record)
                entries.append(WindowsEventEntry(record))
            case .failure(let problem):
                entries.append(.unreadable(line: lineNumber, message: problem.message))
            }
        }
        offsets.finish()
        return WindowsEventReading.connections(from: entries, offsets: offsets, fileIndex: fileIndex, ingest: &ingest,
                                               extras: &extras)
    }
}
