/// Which rejected candidates the list shows after the reported beacons. Near misses are the groups a
/// stage after the event count dropped; every rejected group adds those with too few connections (a C2
/// session that never beaconed, one-off traffic), for looking one up with `/`.
public enum RejectedRows: Sendable, Equatable {
    case none
    case nearMisses
    case all

    var next: RejectedRows {
        switch self {
        case .none: .nearMisses
        case .nearMisses: .all
        case .all: .none
        }
    }

    var message: String {
        switch self {
        case .none: "hiding rejected groups"
        case .nearMisses: "showing near misses"
        case .all: "showing every rejected group (x again hides them)"
        }
    }
}
