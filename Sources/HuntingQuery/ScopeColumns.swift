import BeaconEngine
import Triage

/// A mark's scope as the event columns it fixes: `destination` fixes RemoteIP and RemotePort, an exact
/// beacon all seven group-by columns (byte for byte: the one group), the broader scopes a process name
/// whatever its case. What the exclusion tests, and how two scopes are seen to overlap.
struct ScopeColumns: Equatable {
    /// One column the scope fixes, in the query's group-by order.
    enum Column: Int, CaseIterable, Comparable {
        case deviceId, deviceName, accountName, accountDomain, fileName, remoteIP, remotePort

        /// The `DeviceNetworkEvents` column.
        var name: String {
            switch self {
            case .deviceId: "DeviceId"
            case .deviceName: "DeviceName"
            case .accountName: "InitiatingProcessAccountName"
            case .accountDomain: "InitiatingProcessAccountDomain"
            case .fileName: "InitiatingProcessFileName"
            case .remoteIP: "RemoteIP"
            case .remotePort: "RemotePort"
            }
        }

        static func < (a: Column, b: Column) -> Bool { a.rawValue < b.rawValue }
    }

    /// A string column's value, compared byte for byte as Kusto's `==` and `MarkScope.matches` do; a
    /// process name a broad scope names, compared as `ProcessName` (Kusto's `=~`); or the port, nil being
    /// Kusto's null.
    enum Value: Equatable {
        case text(String)
        case processName(String)
        case port(Int32?)

        init(_ text: String) { self = .text(text) }

        static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)): x.utf8.elementsEqual(y.utf8)
            case (.processName(let x), .processName(let y)), (.text(let x), .processName(let y)),
                 (.processName(let x), .text(let y)):
                ProcessName.equal(x, y)
            case (.port(let x), .port(let y)): x == y
            default: false
            }
        }
    }

    var values: [(Column, Value)]

    init(_ scope: MarkScope) {
        switch scope {
        case .exactBeacon(let key):
            values = [
                (.deviceId, Value(key.deviceId)), (.deviceName, Value(key.deviceName)),
                (.accountName, Value(key.initiatingProcessAccountName)),
                (.accountDomain, Value(key.initiatingProcessAccountDomain)),
                (.fileName, Value(key.initiatingProcessFileName)), (.remoteIP, Value(key.remoteIP)),
                (.remotePort, .port(key.remotePort)),
            ]
        case .processToDestination(let process, let ip, let port):
            values = [(.fileName, .processName(process)), (.remoteIP, Value(ip)), (.remotePort, .port(port))]
        case .destination(let ip, let port):
            values = [(.remoteIP, Value(ip)), (.remotePort, .port(port))]
        case .process(let process):
            values = [(.fileName, .processName(process))]
        }
    }

    /// Whether some event falls under both scopes: no column they both fix has two different values.
    func overlaps(_ other: ScopeColumns) -> Bool {
        for (column, value) in values {
            if let theirs = other.values.first(where: { $0.0 == column }), theirs.1 != value { return false }
        }
        return true
    }

    static func == (a: ScopeColumns, b: ScopeColumns) -> Bool {
        a.values.count == b.values.count && zip(a.values, b.values).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}
