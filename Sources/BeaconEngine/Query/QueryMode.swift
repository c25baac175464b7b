/// Whether the query runs exactly as written, quirks included, with the quirks that lose beacons fixed, or
/// whether the project's own detector scores every group instead of the query's thresholds.
public enum QueryMode: String, Sendable, CaseIterable {
    /// Reproduces the seed query exactly, including quirks Q1, Q2, Q3, Q7, Q8 and Q13.
    case faithful
    /// Changes exactly the quirks listed in `QueryQuirk.correctedInCorrectedMode`, nothing else.
    case corrected
    /// The corrected mode's row filters, then a beacon score (`HuntScore`) for every group in place of
    /// the query's jitter, outlier, device and event-count cuts; groups scoring at least
    /// `HuntSettings.minScore` are reported, highest score first.
    case hunt

    /// The modes that run the seed query, whose stages and quirks the query's tests pin.
    public static let queryModes: [QueryMode] = [.faithful, .corrected]

    /// The next mode in the console's cycle.
    public var next: QueryMode {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// The quirks of the query as written (spec S16) that the corrected mode changes.
public enum QueryQuirk: String, Sendable, CaseIterable {
    case actionTypeTypos = "Q1"
    case lowOutlierThreshold = "Q2"
    case ipv6Dropped = "Q3"
    case penultimateMaxTimestamp = "Q7"
    case nullRemotePortVanishes = "Q8"
    case zeroSpreadOutliers = "Q13"

    /// One line for `--help` and the README: what the query does, and what the corrected mode does instead.
    public var correction: String {
        switch self {
        case .actionTypeTypos:
            "Q1: ActionType in ConnectionSuccess, ConnectionRequest, ConnectionFailed (the query's typos \"CsonnectionRequest\"/\"CsonnectionFailed\" match nothing)"
        case .lowOutlierThreshold:
            "Q2: low-side outlier threshold is -OutlierThresholdMax (the query uses -OutlierCountMax)"
        case .ipv6Dropped:
            "Q3: IPv6 destinations kept unless ::, ::1, fe80::/10, fc00::/7, ff00::/8 or 2001:db8::/32; ::ffff:a.b.c.d judged on its IPv4 (the query drops every non-IPv4 address)"
        case .penultimateMaxTimestamp:
            "Q7: max_Timestamp and Duration use the last event (the query's stop at the penultimate one)"
        case .nullRemotePortVanishes:
            "Q8: groups with an empty RemotePort are kept (the query loses them)"
        case .zeroSpreadOutliers:
            "Q13: outlier scores use a spread of at least 2 s, so ±1 s artefacts of a near-perfect beacon are not infinitely far out"
        }
    }
}
