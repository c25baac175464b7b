import KQL

/// Where the analysis window starts or ends: a span before "now" (`1d`, as the query's `ago(1d)`) or an
/// absolute instant.
public enum WindowBound: Sendable, Equatable {
    case ago(ticks: Int64)
    case at(Instant)

    func resolve(now: Instant) -> Instant {
        switch self {
        case .ago(let ticks): now - ticks
        case .at(let instant): instant
        }
    }
}

/// What a preparation depends on: the window, the mode and the switches for the query's quirks. Two
/// parameter sets with equal bases share one preparation, whatever their thresholds. Defaults are the
/// query's.
public struct QueryBasis: Sendable, Equatable {
    /// `now()`; nil anchors the window on the data (latest timestamp + the end offset).
    public var now: Instant?
    /// `starttime`.
    public var start: WindowBound = .ago(ticks: Instant.ticksPerDay)
    /// `endtime`.
    public var end: WindowBound = .ago(ticks: Instant.ticksPerSecond)
    /// ActionTypes analysed; nil means the mode's list.
    public var actionTypesOverride: [String]?
    public var mode: QueryMode = .faithful
    /// Score of a value outside zero-width P10/P90 fences, which Kusto does not document (Q13).
    public var zeroSpread: ZeroSpreadScore = .infinity
    public var varianceForm: VarianceForm = .welford
    /// Whether `Domains` keeps the empty string of events without a RemoteUrl (spec S5, unverified in Kusto).
    public var domainsKeepEmpty = true
    /// Keeps private destinations (RemoteIPType `Private`, RFC 1918 addresses) for east-west C2 and
    /// proxies; the query drops them. RemoteIPTypes Reserved, LinkLocal and Loopback stay dropped.
    public var keepPrivate = false

    public init() {}

    public init(mode: QueryMode) {
        self.mode = mode
    }

    /// The query's `ActionType in (...)` list, typos included in faithful mode (Q1).
    public static let faithfulActionTypes = ["ConnectionSuccess", "CsonnectionRequest", "CsonnectionFailed"]
    public static let correctedActionTypes = ["ConnectionSuccess", "ConnectionRequest", "ConnectionFailed"]

    public var actionTypes: [String] {
        actionTypesOverride ?? (mode == .faithful ? Self.faithfulActionTypes : Self.correctedActionTypes)
    }

    /// The least spread series_outliers divides by: none as written, 2 s corrected (Q13).
    public var minimumOutlierSpread: Double { mode == .faithful ? 0 : 2 }

    /// Whether non-IPv4 destinations are judged as IPv6 (corrected) or dropped as `ipv4_is_private` does (Q3).
    public var judgesIPv6: Bool { mode != .faithful }

    /// Whether max_Timestamp/Duration stop at the penultimate event, as written (Q7).
    public var stopsAtPenultimateEvent: Bool { mode == .faithful }

    /// Whether a null RemotePort removes the group, as written (Q8).
    public var dropsNullRemotePort: Bool { mode == .faithful }
}
