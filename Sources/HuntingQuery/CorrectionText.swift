import BeaconEngine
import KQL

/// The corrected mode's changes in KQL, one function per quirk of `QueryQuirk`, each the changed lines
/// after a `// corrected: Qn ...` comment. They do in Kusto what `QueryParameters`' corrected switches do
/// in the engine, and nothing else.
enum CorrectionText {
    /// How the header describes each correction. The switch is exhaustive, so a quirk the engine learns
    /// to correct cannot reach the renderer without a decision on how (or whether) KQL can say it.
    static func account(_ quirk: QueryQuirk) -> String {
        switch quirk {
        case .actionTypeTypos: "Q1 the ActionType list spelled right"
        case .lowOutlierThreshold: "Q2 the low outlier side at -OutlierThresholdMax"
        case .ipv6Dropped: "Q3 IPv6 judged by ipv6_is_in_any_range on the special ranges"
        case .penultimateMaxTimestamp: "Q7 max_Timestamp and Duration from nextTimestamp"
        case .nullRemotePortVanishes: "Q8 a null RemotePort carried as -1 and restored at the end"
        case .zeroSpreadOutliers:
            "Q13 series_outliers' scores recomputed with a spread of 2 s where P90 - P10 < 2 s (P10/P90 interpolated as series_outliers does, factor \(KustoLiteral.real(seriesOutliersNormalisation)); its own scores elsewhere)"
        }
    }

    /// Q1: ConnectionRequest and ConnectionFailed, which the typos never match.
    static let actionTypeComment = #"// corrected: Q1 ActionType names spelled right (as written "CsonnectionRequest" and "CsonnectionFailed" match nothing)"#

    /// Q2: the low side mirrors the high one.
    static let lowOutlierLines = [
        "// corrected: Q2 the low side is -OutlierThresholdMax, the mirror of the high side (as written -1 * OutlierCountMax, a count)",
        "| where outliers > OutlierThresholdMax or outliers < (-1 * OutlierThresholdMax) // outlier can be negative or positive.",
    ]

    /// The ranges the engine's corrected rule treats as not public (`correctedIsPrivate`): unspecified,
    /// loopback, link-local, unique-local, multicast, documentation, and RFC 1918 mapped into IPv6
    /// (`::ffff:10.0.0.0/104` and so on, written in hex).
    static let nonPublicIPv6Ranges = [
        "::/128", "::1/128", "fe80::/10", "fc00::/7", "ff00::/8", "2001:db8::/32",
        "::ffff:a00:0/104", "::ffff:ac10:0/108", "::ffff:c0a8:0/112",
    ]

    /// `ipv4_is_private` for IPv4, the ranges for IPv6, null for what is neither.
    static var correctedIsPrivate: String {
        let ranges = nonPublicIPv6Ranges.map(KustoLiteral.string).joined(separator: ", ")
        return "coalesce(ipv4_is_private(RemoteIP), ipv6_is_in_any_range(RemoteIP, \(ranges)))"
    }

    /// Q3, with or without `--keep-private`.
    static func privateAddressLines(keepPrivate: Bool) -> [String] {
        let comment = "// corrected: Q3 IPv6 destinations judged instead of dropped (as written ipv4_is_private is null for them): :: ::1 fe80::/10 fc00::/7 ff00::/8 2001:db8::/32 are not public, ::ffff:a.b.c.d is judged on its IPv4"
        if keepPrivate {
            return [comment, "// keep-private: private destinations kept too; only what is no IP address is dropped",
                    "| where isnotnull(\(correctedIsPrivate))"]
        }
        return [comment, "| where not(\(correctedIsPrivate))"]
    }

    /// Q7: the last row's `nextTimestamp` is the group's last event, which the query's `where` drops.
    static let projectDeltasLines = [
        "// corrected: Q7 nextTimestamp kept: the last delta's next timestamp is the group's last event",
        "| project Timestamp, nextTimestamp, TimeDeltaInSeconds, DeviceId, DeviceName, InitiatingProcessAccountName, InitiatingProcessFileName, RemoteIP, RemotePort",
    ]

    static let summarizeDeltasLines = [
        "// corrected: Q7 max_Timestamp and Duration reach the last event (as written they stop at the penultimate one); count_ stays the number of deltas",
        #"| summarize count(), min(Timestamp), max_Timestamp=max(nextTimestamp), Duration=datetime_diff("second", max(nextTimestamp), min(Timestamp)),"#,
    ]

    /// Q8: a null never equals itself, so the mv-apply's `nextRemotePort == RemotePort` drops every row of
    /// a null-port group; and joins on null keys are not documented. -1 is never a port, so carrying the
    /// null as -1 through the query and restoring it at the end changes nothing else.
    static let nullPortLines = [
        "// corrected: Q8 a null RemotePort is carried as -1 (never a port) so that its group survives next() == and the joins; it is null again at the end",
        "| extend RemotePort = coalesce(RemotePort, int(-1))",
    ]

    static let restoreNullPortLines = [
        "// corrected: Q8 the null RemotePort back",
        "| extend RemotePort = iff(RemotePort == -1, int(null), RemotePort)",
    ]

    /// Q13, before the expansion: the P10/P90 fences series_outliers uses (spec S1: linear interpolation
    /// between closest ranks, R-7), so that a series with less spread than the floor can be rescored.
    static func outlierFenceLines(minimumSpread: Double) -> [String] {
        func percentile(_ rank: String) -> String {
            let low = "todouble(OutlierSortedDeltas[toint(floor(\(rank), 1))])"
            let high = "todouble(OutlierSortedDeltas[toint(ceiling(\(rank)))])"
            return "\(low) + (\(rank) - floor(\(rank), 1)) * (\(high) - \(low))"
        }
        let floor = KustoLiteral.real(minimumSpread)
        return [
            "// corrected: Q13 where P90 - P10 of the deltas is under \(floor) s, the scores divide by \(floor) s (as written by the spread itself, so a near-perfect beacon's ±1 s artefacts score ±inf); elsewhere series_outliers' scores stand",
            "| extend OutlierSortedDeltas = array_sort_asc(TimeDeltaList), OutlierRankP10 = 0.1 * (array_length(TimeDeltaList) - 1), OutlierRankP90 = 0.9 * (array_length(TimeDeltaList) - 1)",
            "| extend OutlierP10 = \(percentile("OutlierRankP10")), OutlierP90 = \(percentile("OutlierRankP90"))",
            // The expansion copies every other column onto each delta's row: a sorted copy of a
            // 86,400-delta series would be copied 86,400 times.
            "| project-away OutlierSortedDeltas, OutlierRankP10, OutlierRankP90",
        ]
    }

    /// Q13, after the expansion: each delta's score against the floor, ((x - P) / spread) * NF as
    /// series_outliers computes it.
    static func outlierRescoreLines(minimumSpread: Double) -> [String] {
        let floor = KustoLiteral.real(minimumSpread)
        let factor = KustoLiteral.real(seriesOutliersNormalisation)
        let delta = "todouble(TimeDeltaList)"
        return [
            "| extend outliers = iff(OutlierP90 - OutlierP10 >= \(floor), outliers, case(\(delta) > OutlierP90, ((\(delta) - OutlierP90) / \(floor)) * \(factor), \(delta) < OutlierP10, ((\(delta) - OutlierP10) / \(floor)) * \(factor), 0.0))",
        ]
    }
}
