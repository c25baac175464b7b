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

/// Every `let` of the query, plus the switches for its quirks. Defaults are the query's.
public struct QueryParameters: Sendable, Equatable {
    /// `now()`; nil anchors the window on the data (latest timestamp + the end offset).
    public var now: Instant?
    public var start: WindowBound = .ago(ticks: Instant.ticksPerDay)
    public var end: WindowBound = .ago(ticks: Instant.ticksPerSecond)
    /// `TotalEventsThresholdMin`: a group needs more distinct timestamps than this.
    public var minEvents: Int = 15
    /// Overrides `TotalEventsThresholdMax`, which the query derives from the window (quirk Q11).
    public var maxEventsOverride: Int?
    /// `JitterThreshold`, in percent.
    public var jitter: Double = 50
    /// `OutlierThresholdMax`.
    public var outlierMax: Double = 2
    /// `OutlierCountMax`.
    public var outlierCountMax: Int = 3
    /// `CompromisedDeviceCountMax`.
    public var deviceCountMax: Int = 10
    /// ActionTypes analysed; nil means the mode's list.
    public var actionTypesOverride: [String]?

    public var mode: QueryMode = .faithful
    /// Score of a value outside zero-width P10/P90 fences, which Kusto does not document (Q13).
    public var zeroSpread: ZeroSpreadScore = .infinity
    public var varianceForm: VarianceForm = .welford
    /// Whether `Domains` keeps the empty string of events without a RemoteUrl (spec S5, unverified in Kusto).
    public var domainsKeepEmpty: Bool = true
    /// Keeps private destinations (RemoteIPType `Private`, RFC 1918 addresses) for east-west C2 and
    /// proxies; the query drops them. RemoteIPTypes Reserved, LinkLocal and Loopback stay dropped.
    public var keepPrivate: Bool = false
    /// Hunt mode's cut and catalogue; thresholds like the query's, so changing them only re-decides.
    public var hunt = HuntSettings()

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

    /// The low-side outlier threshold: `-1 * OutlierCountMax` as written (Q2), `-OutlierThresholdMax` corrected.
    public var lowOutlierThreshold: Double {
        mode == .faithful ? -Double(outlierCountMax) : -outlierMax
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
