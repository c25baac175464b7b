/// Which Zeek log a file or record belongs to. Only conn logs hold connections; http and ssl logs name the
/// host a connection went to (`host`, `server_name`), joined on `uid`.
enum ZeekLogKind: Equatable, Sendable {
    case conn
    case http
    case ssl
    case other(String)

    /// From the log's path (`#path conn`, `"_path": "conn"`, OTRF's `"@stream": "conn"`).
    init(path: String) {
        switch path.lowercased() {
        case "conn": self = .conn
        case "http": self = .http
        case "ssl": self = .ssl
        default: self = .other(path)
        }
    }

    /// From the fields a record or header has, when no path says.
    init(fieldNames: Set<String>) {
        if fieldNames.contains("conn_state") {
            self = .conn
        } else if !fieldNames.isDisjoint(with: ["server_name", "cipher", "ssl_history", "established"]) {
            self = .ssl
        } else if !fieldNames.isDisjoint(with: ["method", "trans_depth", "uri", "status_code"]) {
            self = .http
        } else {
            self = .other("")
        }
    }

    /// The field naming the host: http's `host` header, TLS's SNI `server_name`.
    var hostField: String? {
        switch self {
        case .http: "host"
        case .ssl: "server_name"
        case .conn, .other: nil
        }
    }
}

/// Host names from http and ssl logs by connection `uid`: http's `host` first (what the client asked a
/// proxy or server for), then ssl's `server_name`; for each, the first non-empty value in load order.
struct ZeekHostIndex: Sendable {
    private var http: [String: String] = [:]
    private var ssl: [String: String] = [:]

    mutating func add(kind: ZeekLogKind, uid: String, host: String) {
        guard !uid.isEmpty, !host.isEmpty else { return }
        switch kind {
        case .http: if http[uid] == nil { http[uid] = host }
        case .ssl: if ssl[uid] == nil { ssl[uid] = host }
        case .conn, .other: break
        }
    }

    /// Adds the names of an index built from later files: a uid named here keeps its name, as it would
    /// had the later files' records been added one by one.
    mutating func absorb(_ later: ZeekHostIndex) {
        http.merge(later.http) { earlier, _ in earlier }
        ssl.merge(later.ssl) { earlier, _ in earlier }
    }

    func host(for uid: String) -> String? {
        http[uid] ?? ssl[uid]
    }

    var isEmpty: Bool { http.isEmpty && ssl.isEmpty }
}
