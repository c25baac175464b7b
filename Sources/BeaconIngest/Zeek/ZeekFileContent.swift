/// What one Zeek log file held: conn records as pending connections, http/ssl records as host names by uid.
struct ZeekFileContent: Sendable {
    /// The log the file is: conn when it holds any conn record.
    var kind: ZeekLogKind
    var connections: [PendingZeekConnection] = []
    var hosts: [(kind: ZeekLogKind, uid: String, host: String)] = []
    /// Records of other logs (dns, files…) in a mixed stream, left out.
    var otherRecords = 0

    /// Files one record of log `kind`. The JSON and TSV readers differ only in how a field is found by its
    /// Zeek name (`field`: nil when missing or unset), so what a record becomes is decided here, once.
    mutating func add(record kind: ZeekLogKind, line: Int, fileIndex: Int, field: (String) -> String?,
                      ingest: inout FileIngest, cache: inout NativeValueCache) {
        switch kind {
        case .conn:
            if let connection = ZeekConnMapping.connection(line: line, fileIndex: fileIndex, ingest: &ingest, cache: &cache,
                                                           field: field, time: ZeekConnMapping.time) {
                connections.append(connection)
            }
        case .http, .ssl:
            if let hostField = kind.hostField, let uid = field("uid"), let host = field(hostField), !host.isEmpty {
                hosts.append((kind, uid, host))
            }
        case .other:
            otherRecords += 1
        }
    }
}
